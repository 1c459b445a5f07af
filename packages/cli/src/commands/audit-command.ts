import { readFile } from 'node:fs/promises';
import { type ChainReport, readAuditRecords, verifyAuditChain } from '@telegraf-otel/sdk';
import type { Command } from 'commander';

/** The variable the bot reads its audit key from (the sdk's `auditKey` setting). */
const AUDIT_KEY_VARIABLE = 'TELEGRAF_OTEL_AUDIT_KEY';

function formatReport(report: ChainReport): string {
  const lines = [`${report.records} audit records, ${report.chains.length} chain(s):`];
  for (const chain of report.chains) {
    const start = chain.restart
      ? 'started (process start)'
      : `first record found: ${chain.firstSequence}`;
    lines.push(
      `  chain ${chain.chainId}: ${start} at ${chain.startedAt}, records ${chain.firstSequence}–${chain.lastSequence} (${chain.records} found)`,
    );
  }
  const restarts = report.chains.filter((c) => c.restart).length;
  if (restarts > 1) lines.push(`${restarts - 1} restart(s): each starts a new chain at record 1.`);
  for (const problem of report.problems)
    lines.push(
      `✖ ${problem.kind}: ${problem.chainId ? `chain ${problem.chainId}: ` : ''}${problem.message}`,
    );
  lines.push(
    report.ok
      ? '✔ chain intact'
      : `✖ ${report.problems.length} problem(s): the audit trail was tampered with or is incomplete`,
  );
  return lines.join('\n');
}

/** `telegraf-otel audit verify <file...>`: checks the audit trail's hash chain. */
export function registerAuditCommand(program: Command): void {
  const auditCommand = program.command('audit').description('audit trail tools');
  auditCommand
    .command('verify')
    .description(
      'check the hash chain of audit records in telemetry files (oldest first) or a saved Loki query result (JSON): reports altered, missing and reordered records and restarts',
    )
    .argument(
      '<file...>',
      'file destination JSON Lines, or a Loki query_range answer saved as JSON',
    )
    .option('--key-file <path>', `file holding the audit key (default: $${AUDIT_KEY_VARIABLE})`)
    .action(async (files: string[], options: { keyFile?: string }) => {
      const key = options.keyFile
        ? (await readFile(options.keyFile, 'utf8')).trim()
        : process.env[AUDIT_KEY_VARIABLE];
      if (!key) {
        console.error(`telegraf-otel audit verify: set ${AUDIT_KEY_VARIABLE} or pass --key-file`);
        process.exitCode = 2;
        return;
      }
      const report = verifyAuditChain(await readAuditRecords(files), key);
      console.log(formatReport(report));
      process.exitCode = report.ok ? 0 : 1;
    });
}
