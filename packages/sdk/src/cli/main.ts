import { Command, InvalidArgumentError } from 'commander';
import { generateDevCertificates } from '../certs/generate-dev-certificates.js';
import type { Finding } from '../doctor/finding.js';
import { runDoctor } from '../doctor/run-doctor.js';

const MARKS: Record<Finding['level'], string> = { ok: '✔', warn: '!', error: '✖' };

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive integer');
  return n;
}

const program = new Command('telegraf-otel').description('Secure OpenTelemetry for Telegraf bots.');

program
  .command('doctor')
  .description(
    'check the telemetry configuration (environment), the TLS files, the handshake and a test export',
  )
  .option('--timeout <ms>', 'connection timeout', positiveInteger, 5000)
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

program
  .command('certs')
  .description(
    'write a development CA, a collector server certificate and a bot client certificate',
  )
  .argument('<dir>', 'output directory (created with mode 0700)')
  .option('--host <name...>', 'extra DNS name or IP for the collector certificate')
  .option('--days <n>', 'validity in days', positiveInteger, 365)
  .option('--client-name <cn>', 'common name of the client certificate', 'telegraf-otel-bot')
  .action(async (dir: string, options: { host?: string[]; days: number; clientName: string }) => {
    const files = await generateDevCertificates(dir, {
      collectorHosts: options.host,
      validityDays: options.days,
      clientName: options.clientName,
    });
    console.log(
      `Wrote ${files.caCert}, ${files.collectorCert}, ${files.collectorKey}, ${files.clientCert}, ${files.clientKey}`,
    );
    console.log('For the bot:');
    console.log(`  OTEL_EXPORTER_OTLP_CERTIFICATE=${files.caCert}`);
    console.log(`  OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE=${files.clientCert}`);
    console.log(`  OTEL_EXPORTER_OTLP_CLIENT_KEY=${files.clientKey}`);
    console.log('These are development certificates: use your own PKI in production.');
  });

await program.parseAsync();
