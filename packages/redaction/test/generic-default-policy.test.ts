import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRedactor, defaultPolicy } from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const SOURCE = fileURLToPath(new URL('../src/', import.meta.url));

// The Telegram knowledge (attribute names, pseudonym shapes, Bot API objects) is composed in by
// the SDK; the redaction package must work for any OpenTelemetry app without it.
describe('the default policy is generic', () => {
  it('allowlists no `telegram.*` attribute and knows no object shapes', () => {
    expect(Object.keys(defaultPolicy.allowedKeys).filter((k) => k.startsWith('telegram.'))).toEqual(
      [],
    );
    expect(defaultPolicy.shapeRules).toEqual([]);
  });

  it('scans a `telegram.*` attribute like any other key', () => {
    const redactor = createRedactor();
    expect(
      redactor.redactAttributes({
        'telegram.user.hash': 'alice@example.com',
        'telegram.chat.hash': 'v1:0123456789abcdef',
      }),
    ).toEqual({
      'telegram.user.hash': '[REDACTED:email]',
      'telegram.chat.hash': 'v1:0123456789abcdef',
    });
  });

  it('leaves a Telegram user object alone (personal fields by key come from a policy that knows it)', () => {
    const user = { id: 42, is_bot: false, first_name: 'Ada', username: 'ada_l' };
    expect(createRedactor().redactValue({ from: user })).toEqual({ from: user });
  });

  it('no source file names a `telegram.` attribute', async () => {
    const files = (await readdir(SOURCE, { recursive: true })).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const naming: string[] = [];
    for (const file of files) {
      const text = await readFile(join(SOURCE, file), 'utf8');
      if (/telegram\./i.test(text)) naming.push(file);
    }
    expect(naming).toEqual([]);
  });
});
