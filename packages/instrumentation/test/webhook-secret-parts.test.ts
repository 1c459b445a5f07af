import { describe, expect, it } from 'vitest';
import { looksLikeSecret } from '../src/telemetry.js';

describe('webhook path parts registered as secrets', () => {
  it.each([
    ['hk7Qz2LmP9xVw4Rt', true],
    ['qs-Yb83nTq0Zx5Lw', true],
    ['3f9a2b7c0d1e4f5a6b7c8d9e', true],
    ['a-very-long-readable-path-name', true],
  ])('%s looks like a secret', (part, expected) => {
    expect(looksLikeSecret(part)).toBe(expected);
  });

  it.each([
    'telegram',
    'telegraf',
    'webhook',
    'telegram-bot',
    'my-telegram-hook',
    'secret',
    'v1',
    '2024',
    '',
  ])('%s (a word, a version, a year) does not, so it is never masked in other records', (part) => {
    expect(looksLikeSecret(part)).toBe(false);
  });
});
