const COMMAND = /^[A-Za-z0-9_]{1,32}$/;
// Telegram lists at most 100 commands per scope and language; a few scopes together stay below this.
const MAX_COMMANDS = 1_000;

/**
 * The commands a bot registered: configured, handled (`bot.command('start', …)`, `bot.start()`,
 * `bot.help()`) or published (`setMyCommands`). `telegram.command` names only these, so what a
 * user types after `/` never becomes an attribute value or a metric label.
 */
export class RegisteredCommands {
  private readonly names = new Set<string>();

  constructor(configured: readonly string[] = []) {
    this.learn(configured);
  }

  /** Learns every valid command name in `commands` (strings or arrays of them; others are ignored). */
  learn(commands: unknown): void {
    const list = Array.isArray(commands) ? commands : [commands];
    for (const command of list) {
      if (typeof command !== 'string') continue;
      const name = command.startsWith('/') ? command.slice(1) : command;
      if (COMMAND.test(name) && this.names.size < MAX_COMMANDS) this.names.add(name.toLowerCase());
    }
  }

  /** Learns the commands of a `setMyCommands` payload (`{ commands: [{ command, description }] }`). */
  learnFromSetMyCommands(payload: unknown): void {
    try {
      const commands = (payload as { commands?: unknown })?.commands;
      if (!Array.isArray(commands)) return;
      this.learn(commands.map((entry: unknown) => (entry as { command?: unknown })?.command));
    } catch {
      // A hostile payload teaches nothing.
    }
  }

  has(command: string): boolean {
    return this.names.has(command.toLowerCase());
  }
}
