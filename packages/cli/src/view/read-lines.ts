import { unwatchFile, watchFile } from 'node:fs';
import { open } from 'node:fs/promises';

/** Reads `path` from `position`, hands each complete line to `onLine`, returns the new position. */
async function readFrom(
  path: string,
  position: number,
  onLine: (line: string) => void,
): Promise<number> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size < position) position = 0; // rotated: a new, shorter file
    if (size === position) return position;
    const buffer = Buffer.alloc(size - position);
    await file.read(buffer, 0, buffer.length, position);
    // Only up to the last newline: a line still being written is read on the next change.
    const end = buffer.lastIndexOf(0x0a);
    if (end < 0) return position;
    for (const line of buffer.subarray(0, end).toString('utf8').split('\n'))
      if (line.trim() !== '') onLine(line);
    return position + end + 1;
  } finally {
    await file.close();
  }
}

/**
 * Every line of the file; with `follow`, then every line appended later (also across a
 * rotation, when the file starts over), until `signal` aborts.
 */
export async function readLines(
  path: string,
  onLine: (line: string) => void,
  options: { follow: boolean; signal?: AbortSignal },
): Promise<void> {
  if (!options.follow) {
    await readFrom(path, 0, onLine);
    return;
  }
  let position = 0;
  let reading = Promise.resolve();
  const read = (): void => {
    reading = reading.then(async () => {
      position = await readFrom(path, position, onLine).catch(() => position);
    });
  };
  // Watching starts before the first read, so nothing written in between is missed.
  watchFile(path, { interval: 200 }, read);
  read();
  await reading;
  await new Promise<void>((resolve) => {
    options.signal?.addEventListener('abort', () => {
      unwatchFile(path, read);
      resolve();
    });
  });
}
