/**
 * The readings of a byte array worth scanning, each cut to `limit` bytes: UTF-8 always, and
 * UTF-16 (little-endian, as JavaScript strings are laid out) for 16-bit arrays and for bytes that
 * hold NULs, the mark of UTF-16 text. A `Uint16Array` body would otherwise pass as numbers.
 */
export function decodeBytes(value: ArrayBufferView, limit: number): string[] {
  const bytes = Buffer.from(value.buffer, value.byteOffset, Math.min(value.byteLength, limit));
  const utf8 = bytes.toString('utf8');
  const wide = value instanceof Uint16Array || value instanceof Int16Array || bytes.includes(0);
  if (!wide) return [utf8];
  const utf16 = bytes.subarray(0, bytes.length - (bytes.length % 2)).toString('utf16le');
  return value instanceof Uint16Array || value instanceof Int16Array
    ? [utf16, utf8]
    : [utf8, utf16];
}
