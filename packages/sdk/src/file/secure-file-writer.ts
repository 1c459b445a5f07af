import {
  closeSync,
  constants,
  fchmodSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writevSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface SecureFileOptions {
  /** Rotate when the current file would grow beyond this many bytes. */
  maxBytes: number;
  /** Files kept in total: the current file plus `maxFiles - 1` rotated ones (`<name>.1` …). */
  maxFiles: number;
}

export class InsecureFileDestinationError extends Error {
  override name = 'InsecureFileDestinationError';
}

const NEWLINE = Buffer.from('\n');

const OPEN_FLAGS =
  constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

/**
 * Ensures the directory exists (a missing one is created with mode 0700; an existing one keeps its
 * mode) and is neither a symlink nor writable by other users, who could otherwise swap the
 * telemetry file for a link.
 */
function checkDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (stat.isSymbolicLink()) {
    throw new InsecureFileDestinationError(
      `telegraf-otel: refusing the telemetry directory ${dir}: it is a symbolic link. Point TELEGRAF_OTEL_FILE at a real directory.`,
    );
  }
  if ((stat.mode & 0o002) !== 0) {
    throw new InsecureFileDestinationError(
      `telegraf-otel: refusing the telemetry directory ${dir}: it is world-writable. Use a private directory (chmod 700) for TELEGRAF_OTEL_FILE.`,
    );
  }
}

/**
 * Appends lines to a private file (mode 0600, a missing directory created 0700), never following a symlink
 * (O_NOFOLLOW), with size-based rotation over a bounded number of files. Writes are
 * synchronous — a line is on disk once written — and run on the export path, which the redacting
 * exporters defer off the bot's call stack.
 */
export class SecureFileWriter {
  private fd: number | undefined;
  private size = 0;

  constructor(
    readonly path: string,
    private readonly options: SecureFileOptions,
  ) {
    checkDirectory(dirname(path));
    this.open();
  }

  /** Appends `data` and a newline in one system call, without copying the (large) line. */
  writeLine(data: Uint8Array): void {
    const length = data.byteLength + NEWLINE.byteLength;
    if (this.size > 0 && this.size + length > this.options.maxBytes) this.rotate();
    if (this.fd === undefined) this.open();
    writevSync(this.fd as number, [data, NEWLINE]);
    this.size += length;
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private open(): void {
    let fd: number;
    try {
      fd = openSync(this.path, OPEN_FLAGS, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
        throw new InsecureFileDestinationError(
          `telegraf-otel: refusing to write telemetry to ${this.path}: it is a symbolic link. Remove the link or choose another TELEGRAF_OTEL_FILE.`,
        );
      }
      throw error;
    }
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      closeSync(fd);
      throw new InsecureFileDestinationError(`telegraf-otel: ${this.path} is not a regular file.`);
    }
    // A pre-existing file may have been created with a wider mode.
    if ((stat.mode & 0o777) !== 0o600) fchmodSync(fd, 0o600);
    this.fd = fd;
    this.size = stat.size;
  }

  private rotate(): void {
    this.close();
    const dir = dirname(this.path);
    const name = basename(this.path);
    const rotated = (n: number): string => join(dir, `${name}.${n}`);
    // rename() and rm() act on a link itself, never on its target.
    rmSync(rotated(this.options.maxFiles - 1), { force: true });
    for (let n = this.options.maxFiles - 2; n >= 1; n--) {
      try {
        renameSync(rotated(n), rotated(n + 1));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    if (this.options.maxFiles > 1) renameSync(this.path, rotated(1));
    else rmSync(this.path, { force: true });
    this.open();
  }
}
