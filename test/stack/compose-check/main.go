// compose-check loads a Compose file with compose-go, the loader Docker Compose itself uses: schema validation,
// interpolation with the given environment, .env handling and reference checks. It prints the resolved project as
// JSON for the tests to assert on, or the loader's error and exit code 1 (what `docker compose config` would refuse).
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/compose-spec/compose-go/v2/cli"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: compose-check <docker-compose.yml> [profile...]")
		os.Exit(2)
	}
	options, err := cli.NewProjectOptions(
		[]string{os.Args[1]},
		cli.WithOsEnv,
		cli.WithDotEnv,
		cli.WithName("telegraf-otel"),
		cli.WithProfiles(os.Args[2:]),
	)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	project, err := options.LoadProject(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	out, err := json.MarshalIndent(project, "", "  ")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(string(out))
}
