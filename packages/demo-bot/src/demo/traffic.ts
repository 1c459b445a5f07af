import { randomBytes } from 'node:crypto';

/** A value planted in the traffic that must never appear in exported telemetry. */
export interface Canary {
  kind: string;
  value: string;
}

/** Raw Bot API updates (without `update_id`) and the secrets planted in them. */
export interface TrafficMix {
  updates: Record<string, unknown>[];
  canaries: Canary[];
  /** The one user whose `/admin` command should be allowed (the others are denied). */
  adminId: number;
}

export interface TrafficOptions {
  /** The bot's token: users paste tokens into chats, so it is planted in a message too. */
  botToken: string;
}

interface Persona {
  id: number;
  firstName: string;
  lastName: string;
  username: string;
  phone: string;
  email: string;
  /** A private sentence only this user wrote. */
  secret: string;
}

const PEOPLE = [
  ['Ann', 'Kowalski', '+44 7700 900123'],
  ['Jonas', 'Lindqvist', '+49 1512 3456789'],
  ['Priya', 'Raman', '+1 415 555 0134'],
  ['Mateo', 'Alvarez', '+34 612 345 678'],
] as const;

/** Distinct per run, so a leak found in a file cannot come from an earlier run. */
function tag(): string {
  return randomBytes(3).toString('hex');
}

function persona(
  [firstName, lastName, phone]: readonly [string, string, string],
  index: number,
): Persona {
  const suffix = tag();
  return {
    id: 5_310_000_000 + Number.parseInt(suffix, 16),
    firstName,
    lastName: `${lastName}-${suffix}`,
    username: `${firstName.toLowerCase()}_${suffix}`,
    phone,
    email: `${firstName.toLowerCase()}.${suffix}@example.org`,
    secret: `my door code is ${4000 + index * 1111}-${suffix}`,
  };
}

let messageId = 1;

function message(user: Persona, fields: Record<string, unknown>) {
  return {
    message_id: messageId++,
    date: Math.floor(Date.now() / 1000),
    chat: { id: user.id, type: 'private', first_name: user.firstName, username: user.username },
    from: {
      id: user.id,
      is_bot: false,
      first_name: user.firstName,
      last_name: user.lastName,
      username: user.username,
      language_code: 'en',
    },
    ...fields,
  };
}

function command(user: Persona, text: string) {
  const name = text.split(' ')[0] ?? text;
  return {
    message: message(user, {
      text,
      entities: [{ type: 'bot_command', offset: 0, length: name.length }],
    }),
  };
}

function conversation(user: Persona, botToken: string) {
  return [
    command(user, '/start'),
    command(user, '/help'),
    {
      message: message(user, {
        text: `Hi, I'm ${user.firstName} ${user.lastName}. Reach me at ${user.email} or ${user.phone}. PS: ${user.secret}`,
      }),
    },
    {
      message: message(user, {
        contact: {
          phone_number: user.phone,
          first_name: user.firstName,
          last_name: user.lastName,
          user_id: user.id,
        },
      }),
    },
    {
      message: message(user, {
        photo: [
          { file_id: `AgAC-${tag()}-small`, file_unique_id: tag(), width: 90, height: 90 },
          { file_id: `AgAC-${tag()}-large`, file_unique_id: tag(), width: 1280, height: 1280 },
        ],
        caption: `Receipt for ${user.email}`,
      }),
    },
    command(user, '/menu'),
    {
      callback_query: {
        id: tag(),
        from: { id: user.id, is_bot: false, first_name: user.firstName, username: user.username },
        chat_instance: tag(),
        data: 'vote:yes',
        message: message(user, { text: 'Did you like the demo?' }),
      },
    },
    command(user, '/admin reset-all-passwords'),
    command(user, '/crash'),
    { message: message(user, { text: `is this token ok? ${botToken}` }) },
  ];
}

/**
 * A realistic mix of updates from a few users: commands, free text with names, e-mail addresses
 * and phone numbers, a shared contact, a photo with a caption, a callback button, an admin command
 * (allowed for one user, denied for the others), a command whose handler throws, and a user
 * pasting the bot token. Every personal value and the token are returned as canaries.
 */
export function createTrafficMix(options: TrafficOptions): TrafficMix {
  const users = PEOPLE.map(persona);
  const updates = users.flatMap((user) => conversation(user, options.botToken));
  const canaries: Canary[] = [{ kind: 'bot token', value: options.botToken }];
  for (const user of users) {
    canaries.push(
      { kind: 'user id', value: String(user.id) },
      { kind: 'last name', value: user.lastName },
      { kind: 'username', value: user.username },
      { kind: 'phone number', value: user.phone },
      { kind: 'e-mail', value: user.email },
      { kind: 'message text', value: user.secret },
    );
  }
  return { updates, canaries, adminId: (users[0] as Persona).id };
}
