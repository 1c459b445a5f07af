import type { Redactor } from '@telegraf-otel/redaction';
import type { ResolvedConfig } from './config/resolve-config.js';
import { telegrafWebhookPathSecret } from './webhook-path-secret.js';

// Header values shorter than this are names and tenants, not credentials; masking them would garble output.
const MIN_HEADER_SECRET = 8;
const TOKEN_VARIABLES = ['TELEGRAF_OTEL_BOT_TOKEN', 'BOT_TOKEN'] as const;

export interface SecretRegistration {
  /** Registers a bot token and the webhook path Telegraf derives from it. */
  addBotToken(token: string): void;
  /** Registers a webhook secret (path, secret token). */
  addWebhookSecret(secret: string): void;
}

/** The credential of an `Authorization`-style value (`Bearer x`, `Basic x`) and the whole value. */
function headerSecrets(value: string): string[] {
  const trimmed = value.trim();
  const credential = /^[A-Za-z-]{2,20}\s+(\S+)$/.exec(trimmed)?.[1];
  return [trimmed, ...(credential ? [credential] : [])].filter(
    (s) => s.length >= MIN_HEADER_SECRET,
  );
}

/**
 * Registers every secret the SDK knows of as a known secret of `redactor`, before anything is
 * exported: the pseudonym key, the OTLP bearer token and every OTLP header value that can be a
 * credential, `TELEGRAF_OTEL_SECRETS`, and the bot token (with its default webhook path) — also
 * when the token's variable is set only after start-up (e.g. by dotenv in the app), since the
 * environment is read again before each export.
 */
export function registerKnownSecrets(
  redactor: Redactor,
  config: ResolvedConfig,
  pseudonymKey: string,
): SecretRegistration {
  const addBotToken = (token: string): void => {
    redactor.addSecret(token);
    redactor.addSecret(telegrafWebhookPathSecret(token));
  };
  const secrets = [pseudonymKey, config.bearerToken, ...config.secrets];
  if (config.destination.kind === 'otlp') {
    for (const value of Object.values(config.destination.headers))
      secrets.push(...headerSecrets(value));
  }
  for (const secret of secrets) if (secret) redactor.addSecret(secret);
  if (config.botToken) addBotToken(config.botToken);
  redactor.addSecretSource(() => {
    const tokens = TOKEN_VARIABLES.map((name) => process.env[name]).filter(
      (token): token is string => typeof token === 'string' && token.trim() !== '',
    );
    return tokens.flatMap((token) => [token, telegrafWebhookPathSecret(token)]);
  });
  return { addBotToken, addWebhookSecret: (secret) => redactor.addSecret(secret) };
}
