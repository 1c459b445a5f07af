import { type Finding, runDoctor } from '@telegraf-otel/sdk';
import type { Command } from 'commander';
import { positiveInteger } from '../arguments.js';

const MARKS: Record<Finding['level'], string> = { ok: '✔', warn: '!', error: '✖' };

/** `telegraf-otel doctor`: every check, each problem with its fix; exit code 0 when telemetry flows. */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'check the telemetry configuration (environment), the TLS files, the handshake and a test export',
    )
    .option('--timeout <ms>', 'connection and test export timeout', positiveInteger, 5000)
    .action(async (options: { timeout: number }) => {
      const { findings, healthy } = await runDoctor(process.env, options.timeout);
      for (const finding of findings) {
        console.log(`${MARKS[finding.level]} ${finding.message}`);
        if (finding.fix) console.log(`    fix: ${finding.fix}`);
      }
      console.log(
        healthy
          ? '\nTelemetry would flow.'
          : '\nTelemetry would NOT flow: fix the problems marked ✖.',
      );
      process.exitCode = healthy ? 0 : 1;
    });
}
