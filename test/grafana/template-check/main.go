// Parses and renders a Grafana notification template with Go's text/template, the engine
// Grafana uses. Grafana's extra functions are declared with stand-in bodies (only their names
// matter to the parser); the data types below list exactly the fields Grafana documents for
// notification data, so a template using any other field fails to render.
//
//	go run main.go check  < template   → JSON: defined templates, fields, functions, templates called
//	go run main.go render NAME TEMPLATE_FILE < data.json   → the rendered text
//	go run main.go annotation TEMPLATE_FILE < instance.json   → an alert rule annotation, rendered
//	  as Grafana renders rule annotations ($labels, $values, $value and its humanize functions)
package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"time"
)

// KV is Grafana's label and annotation map.
type KV map[string]string

func (kv KV) Names() []string {
	names := make([]string, 0, len(kv))
	for name := range kv {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

func (kv KV) Values() []string {
	values := []string{}
	for _, name := range kv.Names() {
		values = append(values, kv[name])
	}
	return values
}

// Alert is one alert of a notification (Grafana's ExtendedAlert).
type Alert struct {
	Status        string
	Labels        KV
	Annotations   KV
	StartsAt      time.Time
	EndsAt        time.Time
	GeneratorURL  string
	Fingerprint   string
	SilenceURL    string
	DashboardURL  string
	PanelURL      string
	Values        map[string]float64
	ValueString   string
	ImageURL      string
	EmbeddedImage string
	OrgID         *int64
	RuleUID       string
}

// Alerts is the list of alerts with Grafana's helpers.
type Alerts []Alert

func (alerts Alerts) Firing() Alerts   { return alerts.withStatus("firing") }
func (alerts Alerts) Resolved() Alerts { return alerts.withStatus("resolved") }
func (alerts Alerts) Len() int         { return len(alerts) }
func (alerts Alerts) withStatus(status string) Alerts {
	kept := Alerts{}
	for _, alert := range alerts {
		if alert.Status == status {
			kept = append(kept, alert)
		}
	}
	return kept
}

// ExtendedData is the data a notification template receives.
type ExtendedData struct {
	Receiver          string
	Status            string
	Alerts            Alerts
	GroupLabels       KV
	CommonLabels      KV
	CommonAnnotations KV
	ExternalURL       string
	AppVersion        string
	GroupKey          string
	TruncatedAlerts   int
}

func stub(...any) any { return "" }

// RuleInstance is what Grafana gives a rule's annotation template for one alert instance.
type RuleInstance struct {
	Labels map[string]string
	Values map[string]struct {
		Labels map[string]string
		Value  float64
	}
	Value string
}

// Grafana prepends these variables to every annotation and label template of a rule.
const annotationPrefix = "{{- $labels := .Labels -}}{{- $values := .Values -}}{{- $value := .Value -}}"

// The functions of rule templates (Prometheus-style) that the rules may use.
var annotationFunctions = template.FuncMap{
	"humanize":           func(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) },
	"humanizePercentage": func(v float64) string { return strconv.FormatFloat(v*100, 'g', 4, 64) + "%" },
	"humanizeDuration":   stub, "humanize1024": stub, "toUpper": strings.ToUpper, "toLower": strings.ToLower,
	"title": stub, "match": stub, "reReplaceAll": stub, "safeHtml": stub, "externalURL": stub,
	"pathPrefix": stub, "graphLink": stub, "tableLink": stub, "args": stub, "first": stub,
	"label": stub, "value": stub, "strvalue": stub, "sortByLabel": stub,
}

// Grafana's template functions (Alertmanager's defaults, Grafana's additions and namespaces).
var functions = template.FuncMap{
	"toUpper": strings.ToUpper, "toLower": strings.ToLower, "title": stub, "trimSpace": strings.TrimSpace,
	"join": stub, "match": stub, "safeHtml": stub, "reReplaceAll": stub, "stringSlice": stub,
	"date": stub, "tz": stub, "coll": stub, "data": stub, "tmpl": stub, "time": stub,
	"tenantID": stub, "grafanaExploreURL": stub, "queryFromGeneratorURL": stub,
}

type report struct {
	Defined   []string   `json:"defined"`
	Fields    [][]string `json:"fields"`
	Functions []string   `json:"functions"`
	Called    []string   `json:"called"`
	Variables [][]string `json:"variables"`
}

func (r *report) walk(node parse.Node) {
	switch n := node.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, child := range n.Nodes {
				r.walk(child)
			}
		}
	case *parse.ActionNode:
		r.walk(n.Pipe)
	case *parse.PipeNode:
		if n != nil {
			for _, command := range n.Cmds {
				r.walk(command)
			}
		}
	case *parse.CommandNode:
		for _, arg := range n.Args {
			r.walk(arg)
		}
	case *parse.FieldNode:
		r.Fields = append(r.Fields, n.Ident)
	case *parse.ChainNode:
		r.walk(n.Node)
		r.Fields = append(r.Fields, append([]string{"(chain)"}, n.Field...))
	case *parse.VariableNode:
		r.Variables = append(r.Variables, n.Ident)
	case *parse.IdentifierNode:
		r.Functions = append(r.Functions, n.Ident)
	case *parse.IfNode:
		r.walkBranch(&n.BranchNode)
	case *parse.RangeNode:
		r.walkBranch(&n.BranchNode)
	case *parse.WithNode:
		r.walkBranch(&n.BranchNode)
	case *parse.TemplateNode:
		r.Called = append(r.Called, n.Name)
		r.walk(n.Pipe)
	}
}

func (r *report) walkBranch(branch *parse.BranchNode) {
	r.walk(branch.Pipe)
	r.walk(branch.List)
	r.walk(branch.ElseList)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func main() {
	if len(os.Args) < 2 {
		fail(fmt.Errorf("usage: check < template | render NAME TEMPLATE_FILE < data.json"))
	}
	switch os.Args[1] {
	case "check":
		text, err := io.ReadAll(os.Stdin)
		if err != nil {
			fail(err)
		}
		parsed, err := template.New("").Funcs(functions).Parse(string(text))
		if err != nil {
			fail(err)
		}
		r := report{Defined: []string{}, Fields: [][]string{}, Functions: []string{}, Called: []string{}, Variables: [][]string{}}
		for _, defined := range parsed.Templates() {
			if defined.Name() != "" {
				r.Defined = append(r.Defined, defined.Name())
			}
			if defined.Tree != nil {
				r.walk(defined.Tree.Root)
			}
		}
		sort.Strings(r.Defined)
		if err := json.NewEncoder(os.Stdout).Encode(r); err != nil {
			fail(err)
		}
	case "render":
		if len(os.Args) != 4 {
			fail(fmt.Errorf("usage: render NAME TEMPLATE_FILE < data.json"))
		}
		source, err := os.ReadFile(os.Args[3])
		if err != nil {
			fail(err)
		}
		parsed, err := template.New("").Funcs(functions).Option("missingkey=zero").Parse(string(source))
		if err != nil {
			fail(err)
		}
		var data ExtendedData
		if err := json.NewDecoder(os.Stdin).Decode(&data); err != nil {
			fail(err)
		}
		if err := parsed.ExecuteTemplate(os.Stdout, os.Args[2], data); err != nil {
			fail(err)
		}
	case "annotation":
		source, err := os.ReadFile(os.Args[2])
		if err != nil {
			fail(err)
		}
		parsed, err := template.New("annotation").Funcs(annotationFunctions).Option("missingkey=error").Parse(annotationPrefix + string(source))
		if err != nil {
			fail(err)
		}
		var instance RuleInstance
		if err := json.NewDecoder(os.Stdin).Decode(&instance); err != nil {
			fail(err)
		}
		if err := parsed.Execute(os.Stdout, instance); err != nil {
			fail(err)
		}
	default:
		fail(fmt.Errorf("unknown mode %q", os.Args[1]))
	}
}
