import type { Command } from 'commander';
import { positiveInteger } from '../arguments.js';
import { botEnvironment, collectorEnvironment, exportLines } from '../certs/dev-environment.js';
import { generateDevCertificates } from '../certs/generate-dev-certificates.js';

/** `telegraf-otel certs [dir]`: a development PKI and bearer token, with the variables to use them. */
export function registerCertsCommand(program: Command): void {
  program
    .command('certs')
    .description(
      'write a development CA, a collector server certificate, a bot client certificate and a bearer token file',
    )
    .argument(
      '[dir]',
      'a dedicated output directory (created with mode 0700)',
      'telegraf-otel-certs',
    )
    .option('--host <name...>', 'extra DNS name or IP for the collector certificate')
    .option('--days <n>', 'validity in days', positiveInteger, 365)
    .option('--client-name <cn>', 'common name of the client certificate', 'telegraf-otel-bot')
    .option('--force', 'replace the files of an earlier set in <dir>', false)
    .action(
      async (
        dir: string,
        options: { host?: string[]; days: number; clientName: string; force: boolean },
      ) => {
        const files = await generateDevCertificates(dir, {
          collectorHosts: options.host,
          validityDays: options.days,
          clientName: options.clientName,
          force: options.force,
        });
        console.log(
          [
            `Wrote a development PKI to ${files.dir}:`,
            `  ${files.caCert}  CA (both sides trust it)`,
            `  ${files.collectorCert}, ${files.collectorKey}  collector server certificate and key`,
            `  ${files.clientCert}, ${files.clientKey}  bot client certificate and key`,
            `  ${files.tokenFile}  bearer token (the collector accepts it, the bot sends it)`,
            '',
            '# for the bot',
            ...exportLines(botEnvironment(files), files.tokenFile),
            '',
            '# for the collector (collector/config.yaml)',
            ...exportLines(collectorEnvironment(files)),
            '',
            'These are development certificates: use your own PKI in production.',
          ].join('\n'),
        );
      },
    );
}
