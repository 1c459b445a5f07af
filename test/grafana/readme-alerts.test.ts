import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCommitted } from './provisioning-files.js';

const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
const { groups } = loadCommitted('provisioning/alerting/rules.yaml') as {
  groups: { rules: { title: string; for: string; labels: { severity: string } }[] }[];
};
const rules = groups.flatMap((group) => group.rules);

describe('README "Alerts" documents every provisioned rule', () => {
  it.each(rules.map((rule) => [rule.title, rule]))('%s: table row and runbook', (title, rule) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| ${title} |`));
    expect(row, `table row for ${title}`).toBeDefined();
    expect(row).toContain(`| ${rule.labels.severity} | ${rule.for} |`);
    const runbook = readme.split(`\n#### ${title}\n`)[1]?.split('\n#')[0] ?? '';
    // What it means, then the first three things to check.
    expect(runbook).toMatch(/^.+\n1\. .+\n2\. .+\n3\. .+/);
  });

  it('has no table row or runbook for a rule that does not exist', () => {
    const titles = rules.map((rule) => rule.title);
    const alerts = readme.split('\n## Alerts\n')[1]?.split('\n## ')[0] ?? '';
    const documented = [...alerts.matchAll(/^#### (.+)$/gm)].map((match) => match[1]);
    expect(documented.sort()).toEqual([...titles].sort());
  });
});
