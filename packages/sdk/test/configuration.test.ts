import { resolveConfig, TelemetryConfigurationError } from '@telegraf-otel/sdk';
import { describe, expect, it } from 'vitest';

describe('resolveConfig', () => {
  it('reads the standard OTEL_* variables and the TELEGRAF_OTEL_* ones', () => {
    const config = resolveConfig(
      {},
      {
        OTEL_SERVICE_NAME: 'env-bot',
        OTEL_RESOURCE_ATTRIBUTES: 'team=payments,deployment.environment.name=staging',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'collector.internal:4317',
        OTEL_EXPORTER_OTLP_CERTIFICATE: '/certs/ca.crt',
        OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: '/certs/client.crt',
        OTEL_EXPORTER_OTLP_CLIENT_KEY: '/certs/client.key',
        OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=bots',
        OTEL_EXPORTER_OTLP_COMPRESSION: 'none',
        TELEGRAF_OTEL_BEARER_TOKEN: 'bearer-xyz',
        BOT_TOKEN: '123456789:AAHabcdefghijklmnopqrstuvwxyz012345',
        TELEGRAF_OTEL_INSTRUMENT_HTTP: 'true',
        TELEGRAF_OTEL_MAX_QUEUE_SIZE: '100',
      },
    );
    expect(config).toMatchObject({
      serviceName: 'env-bot',
      resourceAttributes: { team: 'payments', 'deployment.environment.name': 'staging' },
      botToken: '123456789:AAHabcdefghijklmnopqrstuvwxyz012345',
      instrumentHttp: true,
      maxQueueSize: 100,
      destination: {
        kind: 'otlp',
        insecure: false,
        caCertificate: '/certs/ca.crt',
        clientCertificate: '/certs/client.crt',
        clientKey: '/certs/client.key',
        headers: { 'x-tenant': 'bots', authorization: 'Bearer bearer-xyz' },
        compression: 'none',
      },
    });
    if (config.destination.kind !== 'otlp') throw new Error('expected otlp');
    expect(config.destination.url.href).toBe('https://collector.internal:4317/');
  });

  it('explicit options override the environment', () => {
    const config = resolveConfig(
      {
        serviceName: 'option-bot',
        maxQueueSize: 7,
        instrumentHttp: false,
        endpoint: 'https://a.example:4317',
      },
      {
        OTEL_SERVICE_NAME: 'env-bot',
        TELEGRAF_OTEL_MAX_QUEUE_SIZE: '100',
        TELEGRAF_OTEL_INSTRUMENT_HTTP: 'true',
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://b.example',
      },
    );
    expect(config.serviceName).toBe('option-bot');
    expect(config.maxQueueSize).toBe(7);
    expect(config.instrumentHttp).toBe(false);
    expect(config.destination.kind === 'otlp' && config.destination.url.host).toBe(
      'a.example:4317',
    );
  });

  it('refuses plaintext unless explicitly allowed, and then only on loopback', () => {
    const refuse = (env: Record<string, string>) => () => resolveConfig({}, env);
    expect(refuse({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4317' })).toThrow(
      /refusing the plaintext OTLP endpoint http:\/\/127\.0\.0\.1:4317.*TELEGRAF_OTEL_ALLOW_INSECURE=true/s,
    );
    expect(
      refuse({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'https://127.0.0.1:4317',
        OTEL_EXPORTER_OTLP_INSECURE: 'true',
      }),
    ).toThrow(/OTEL_EXPORTER_OTLP_INSECURE/);
    expect(
      refuse({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.example:4317',
        TELEGRAF_OTEL_ALLOW_INSECURE: 'true',
      }),
    ).toThrow(/only allowed on a loopback address/);
    const allowed = resolveConfig(
      {},
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://localhost:4317',
        TELEGRAF_OTEL_ALLOW_INSECURE: 'true',
      },
    );
    expect(allowed.destination).toMatchObject({ kind: 'otlp', insecure: true });
  });

  it('names the variable or option in validation errors', () => {
    expect(() => resolveConfig({}, { TELEGRAF_OTEL_MAX_QUEUE_SIZE: 'lots' })).toThrow(
      /TELEGRAF_OTEL_MAX_QUEUE_SIZE/,
    );
    expect(() => resolveConfig({}, { OTEL_EXPORTER_OTLP_COMPRESSION: 'brotli' })).toThrow(
      /OTEL_EXPORTER_OTLP_COMPRESSION/,
    );
    expect(() => resolveConfig({ fileMaxFiles: 0 })).toThrow(/option `fileMaxFiles`/);
    expect(() => resolveConfig({}, { TELEGRAF_OTEL_ALLOW_INSECURE: 'maybe' })).toThrow(
      TelemetryConfigurationError,
    );
    expect(() =>
      resolveConfig(
        {},
        {
          OTEL_EXPORTER_OTLP_ENDPOINT: 'https://x:4317',
          OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: '/c.crt',
        },
      ),
    ).toThrow(/OTEL_EXPORTER_OTLP_CLIENT_KEY/);
  });

  it('falls back to the private file destination without an endpoint', () => {
    const config = resolveConfig({}, {});
    expect(config.destination).toMatchObject({
      kind: 'file',
      maxBytes: 10 * 1024 * 1024,
      maxFiles: 5,
    });
    expect(config.destination.kind === 'file' && config.destination.path).toMatch(
      /\.telegraf-otel\/telemetry\.jsonl$/,
    );
  });

  it('refuses a short pseudonym key in the same validation the doctor uses', () => {
    expect(() => resolveConfig({}, { TELEGRAF_OTEL_PSEUDONYM_KEY: 'short-key' })).toThrow(
      /TELEGRAF_OTEL_PSEUDONYM_KEY: is 9 bytes; at least 32/,
    );
    expect(resolveConfig({}, { TELEGRAF_OTEL_PSEUDONYM_KEY: 'k'.repeat(32) }).pseudonymKey).toBe(
      'k'.repeat(32),
    );
  });

  it('reports unknown TELEGRAF_OTEL_* variables and options with the nearest valid name', () => {
    const config = resolveConfig({ secret: ['x'], serviceNmae: 'bot' } as Record<string, unknown>, {
      TELEGRAF_OTEL_SECRET: 'webhook-secret',
      TELEGRAF_OTEL_PSEUDONYM: 'k'.repeat(40),
      TELEGRAF_OTEL_COMPLETELY_DIFFERENT: '1',
      OTEL_SERVICE_NAME: 'not ours to judge',
      BOT_TOKEN_SECONDARY: 'not ours either',
    });
    expect(config.unknownSettings).toEqual([
      { setting: 'TELEGRAF_OTEL_SECRET', suggestion: 'TELEGRAF_OTEL_SECRETS' },
      { setting: 'TELEGRAF_OTEL_PSEUDONYM', suggestion: 'TELEGRAF_OTEL_PSEUDONYM_KEY' },
      { setting: 'TELEGRAF_OTEL_COMPLETELY_DIFFERENT', suggestion: undefined },
      { setting: 'option `secret`', suggestion: 'option `secrets`' },
      { setting: 'option `serviceNmae`', suggestion: 'option `serviceName`' },
    ]);
  });

  it('strict mode turns unknown settings into configuration errors', () => {
    expect(() =>
      resolveConfig({}, { TELEGRAF_OTEL_STRICT: 'true', TELEGRAF_OTEL_SECRET: 'webhook-secret' }),
    ).toThrow(/TELEGRAF_OTEL_SECRET: .*did you mean TELEGRAF_OTEL_SECRETS\?/);
    expect(resolveConfig({}, { TELEGRAF_OTEL_STRICT: 'true' }).strict).toBe(true);
  });
});
