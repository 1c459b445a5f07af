/**
 * The forms a known secret takes on the wire: plain, URL-encoded (both space styles),
 * JSON-escaped, and base64/base64url at each of the three byte alignments it can have inside a
 * longer base64 text (e.g. `Basic base64(user:secret)`), trimmed to the characters that depend on
 * the secret alone.
 */
export function encodedForms(secret: string): string[] {
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    JSON.stringify(secret).slice(1, -1),
  ]);
  const bytes = Buffer.from(secret, 'utf8');
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    // Leading characters mix in the padding bytes, trailing ones the bytes that follow.
    const lead = offset === 0 ? 0 : offset + 1;
    const tail = (offset + bytes.length) % 3;
    const core = encoded.slice(lead, tail === 0 ? encoded.length : encoded.length - 1);
    if (core.length >= 8) {
      forms.add(core);
      forms.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms];
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Exact-value matcher over every registered secret in every form; rebuilt only on registration. */
export class KnownSecrets {
  private readonly forms = new Set<string>();
  private compiled: RegExp | undefined;

  constructor(private readonly minLength: number) {}

  /** Returns false when the value is too short to be masked safely everywhere. */
  add(secret: string): boolean {
    if (typeof secret !== 'string' || secret.length < this.minLength) return false;
    const before = this.forms.size;
    for (const form of encodedForms(secret)) this.forms.add(form);
    if (this.forms.size !== before) {
      // Longest first, so a form that contains another is masked whole.
      const sources = [...this.forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
      this.compiled = new RegExp(sources.join('|'), 'g');
    }
    return true;
  }

  get pattern(): RegExp | undefined {
    return this.compiled;
  }
}
