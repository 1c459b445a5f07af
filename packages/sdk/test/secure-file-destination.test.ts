import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InsecureFileDestinationError } from '@telegraf-otel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecureFileWriter } from '../src/file/secure-file-writer.js';

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'tgotel-file-'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

const line = (n: number): Uint8Array => Buffer.from(JSON.stringify({ n, pad: 'x'.repeat(80) }));

describe('SecureFileWriter', () => {
  it('creates the directory 0700 and the file 0600, and tightens an existing file', async () => {
    const dir = join(base, 'fresh', 'nested');
    const writer = new SecureFileWriter(join(dir, 't.jsonl'), { maxBytes: 1 << 20, maxFiles: 3 });
    writer.writeLine(line(1));
    writer.close();
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dir, 't.jsonl'))).mode & 0o777).toBe(0o600);

    const loose = join(base, 'loose.jsonl');
    await writeFile(loose, '', { mode: 0o644 });
    await chmod(loose, 0o644);
    new SecureFileWriter(loose, { maxBytes: 1 << 20, maxFiles: 3 }).close();
    expect((await stat(loose)).mode & 0o777).toBe(0o600);
  });

  it('rotates by size and keeps a bounded number of files', async () => {
    const dir = join(base, 'rotate');
    const path = join(dir, 't.jsonl');
    const writer = new SecureFileWriter(path, { maxBytes: 1024, maxFiles: 3 });
    for (let i = 0; i < 100; i++) writer.writeLine(line(i));
    writer.close();
    expect((await readdir(dir)).sort()).toEqual(['t.jsonl', 't.jsonl.1', 't.jsonl.2']);
    for (const name of ['t.jsonl', 't.jsonl.1', 't.jsonl.2']) {
      const file = join(dir, name);
      expect((await stat(file)).size).toBeLessThanOrEqual(1024);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    }
    // The newest records are in the current file, in order, one JSON document per line.
    const current = (await readFile(path, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).n);
    expect(current.at(-1)).toBe(99);
    const previous = (await readFile(`${path}.1`, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).n);
    expect(previous.at(-1)).toBe((current[0] as number) - 1);
  });

  it('refuses a symlinked file, a symlinked directory and a world-writable directory', async () => {
    const target = join(base, 'target.txt');
    await writeFile(target, 'do not touch\n');
    const dir = join(base, 'links');
    await mkdir(dir, { mode: 0o700 });
    await symlink(target, join(dir, 't.jsonl'));
    expect(
      () => new SecureFileWriter(join(dir, 't.jsonl'), { maxBytes: 1024, maxFiles: 2 }),
    ).toThrow(InsecureFileDestinationError);
    expect(await readFile(target, 'utf8')).toBe('do not touch\n');

    await symlink(dir, join(base, 'dirlink'));
    expect(
      () => new SecureFileWriter(join(base, 'dirlink', 'x.jsonl'), { maxBytes: 1024, maxFiles: 2 }),
    ).toThrow(/symbolic link/);

    const open = join(base, 'world');
    await mkdir(open);
    await chmod(open, 0o777);
    expect(
      () => new SecureFileWriter(join(open, 't.jsonl'), { maxBytes: 1024, maxFiles: 2 }),
    ).toThrow(/world-writable/);
    expect((await readdir(open)).length).toBe(0);
    expect((await lstat(join(dir, 't.jsonl'))).isSymbolicLink()).toBe(true);
  });
});
