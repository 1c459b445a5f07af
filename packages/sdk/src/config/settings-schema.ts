import { z } from 'zod';

const flag = z.union([z.boolean(), z.stringbool()]);
const positiveInt = z.coerce.number().int().positive();
const text = z.string().trim().min(1);
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
  compression: z.enum(['gzip', 'none']).default('gzip'),
  allowInsecure: flag.default(false),
  exportTimeoutMillis: positiveInt.default(10_000),
  file: text.optional(),
  fileMaxBytes: positiveInt.min(1024).default(10 * 1024 * 1024),
  fileMaxFiles: positiveInt.max(100).default(5),
  pseudonymKey: z.string().optional(),
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
  logLevel: z.enum(['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all']).default('warn'),
});

export type SettingsInput = z.input<typeof settingsSchema>;
export type Settings = z.output<typeof settingsSchema>;
export type SettingName = keyof Settings;
