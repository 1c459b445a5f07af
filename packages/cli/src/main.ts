import { createRequire } from 'node:module';
import { Command } from 'commander';
import { registerAuditCommand } from './commands/audit-command.js';
import { registerCertsCommand } from './commands/certs-command.js';
import { registerDoctorCommand } from './commands/doctor-command.js';
import { registerViewCommand } from './commands/view-command.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** Every subcommand: one `register…Command(program)` per file. */
const COMMANDS: ((program: Command) => void)[] = [
  registerDoctorCommand,
  registerCertsCommand,
  registerViewCommand,
  registerAuditCommand,
];

const program = new Command('telegraf-otel')
  .description('Secure OpenTelemetry for Telegraf bots.')
  .version(version, '-v, --version');
for (const register of COMMANDS) register(program);

// A command's pending work may be only unreferenced timers and sockets (the exporters never keep
// a bot alive): hold the process open until the action has finished, so it is never cut short.
let keepAlive: NodeJS.Timeout | undefined;
program.hook('preAction', () => {
  keepAlive = setInterval(() => {}, 60_000);
});
program.hook('postAction', () => clearInterval(keepAlive));

try {
  await program.parseAsync();
} catch (error) {
  // Expected failures (a refused overwrite, an unreadable file) are one line, not a stack trace.
  clearInterval(keepAlive);
  console.error(`telegraf-otel: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
