import { z } from 'zod';
import { LOG_LEVELS } from '../logging/log-level.js';

const flag = z.union([z.boolean(), z.stringbool()]);
const positiveInt = z.coerce.number().int().positive();
const text = z.string().trim().min(1);
/** Shorter HMAC keys could be brute-forced, and with them every pseudonym reversed. */
export const MIN_PSEUDONYM_KEY_BYTES = 32;
const stringRecord = z.record(z.string(), z.string());

/**
 * One schema for the merged settings: explicit options are typed, environment values are
 * strings, so booleans and numbers accept both forms.
 */
export const settingsSchema = z.object({
  serviceName: text.optional(),
  serviceVersion: text.optional(),
  environment: text.optional(),
  resourceAttributes: stringRecord.default({}),
  endpoint: text.optional(),
  insecure: flag.default(false),
  caCertificate: text.optional(),
  clientCertificate: text.optional(),
  clientKey: text.optional(),
  headers: stringRecord.default({}),
  bearerToken: text.optional(),
  compression: z.enum(['gzip', 'none']).default('none'),
  allowInsecure: flag.default(false),
  exportTimeoutMillis: positiveInt.default(10_000),
  file: text.optional(),
  fileMaxBytes: positiveInt.min(1024).default(10 * 1024 * 1024),
  fileMaxFiles: positiveInt.max(100).default(5),
  pseudonymKey: z
    .string()
    .refine((key) => Buffer.byteLength(key, 'utf8') >= MIN_PSEUDONYM_KEY_BYTES, {
      error: (issue) =>
        `is ${Buffer.byteLength(String(issue.input), 'utf8')} bytes; at least ${MIN_PSEUDONYM_KEY_BYTES} are required so pseudonyms cannot be brute-forced. Generate one with \`openssl rand -base64 48\``,
    })
    .optional(),
  pseudonymKeyVersion: positiveInt.default(1),
  botToken: text.optional(),
  secrets: z.array(z.string().min(1)).default([]),
  instrumentHttp: flag.default(false),
  instrumentUndici: flag.default(false),
  maxQueueSize: positiveInt.default(2048),
  scheduledDelayMillis: positiveInt.default(1000),
  shutdownTimeoutMillis: positiveInt.default(5000),
  handleSignals: flag.default(true),
  dropReportIntervalMillis: positiveInt.default(60_000),
  strict: flag.default(false),
  logLevel: z.enum(['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all']).default('warn'),
  appLogLevel: z.enum(LOG_LEVELS).default('info'),
  auditKey: z
    .string()
    .refine((key) => Buffer.byteLength(key, 'utf8') >= MIN_PSEUDONYM_KEY_BYTES, {
      error: (issue) =>
        `is ${Buffer.byteLength(String(issue.input), 'utf8')} bytes; at least ${MIN_PSEUDONYM_KEY_BYTES} are required. Generate one with \`openssl rand -base64 48\``,
    })
    .optional(),
  captureConsole: flag.default(false),
});

export type SettingsInput = z.input<typeof settingsSchema>;
export type Settings = z.output<typeof settingsSchema>;
export type SettingName = keyof Settings;
