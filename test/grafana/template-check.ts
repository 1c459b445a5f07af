import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('./template-check/main.go', import.meta.url));

/** What the Go checker found in a template: see template-check/main.go. */
export interface TemplateReport {
  defined: string[];
  fields: string[][];
  functions: string[];
  called: string[];
  variables: string[][];
}

/** Grafana's notification template engine (Go text/template), built once with the machine's Go. */
export interface TemplateChecker {
  check(template: string): TemplateReport;
  render(template: string, name: string, data: unknown): string;
  /** Renders a rule annotation for one alert instance, as Grafana does. */
  annotation(template: string, instance: unknown): string;
  close(): void;
}

export function buildTemplateChecker(): TemplateChecker {
  const dir = mkdtempSync(join(tmpdir(), 'grafana-template-check-'));
  const binary = join(dir, 'template-check');
  execFileSync('go', ['build', '-o', binary, source], { stdio: 'pipe' });
  const run = (args: string[], input: string): string =>
    execFileSync(binary, args, { input, encoding: 'utf8', stdio: 'pipe' });
  return {
    check: (template) => JSON.parse(run(['check'], template)) as TemplateReport,
    render: (template, name, data) => {
      const file = join(dir, 'template.tmpl');
      writeFileSync(file, template);
      return run(['render', name, file], JSON.stringify(data));
    },
    annotation: (template, instance) => {
      const file = join(dir, 'annotation.tmpl');
      writeFileSync(file, template);
      return run(['annotation', file], JSON.stringify(instance));
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
