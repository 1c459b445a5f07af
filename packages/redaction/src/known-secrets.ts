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

// A bot token is `<bot id>:<secret>`; the bot id is public, the part after the colon is what must
// never leave, and it also travels without the id and colon (a colon encoded twice, a split value).
const BOT_TOKEN = /^[0-9]{1,16}:([A-Za-z0-9_-]{30,})$/;

/** The values masked for one registered secret: itself and, for a bot token, its secret part. */
export function secretValues(secret: string): string[] {
  const secretPart = BOT_TOKEN.exec(secret)?.[1];
  return secretPart === undefined ? [secret] : [secret, secretPart];
}

/** Exact-value matcher over every registered secret in every form; rebuilt only on registration. */
export class KnownSecrets {
  private readonly forms = new Set<string>();
  private compiled: RegExp | undefined;
  private cutStarts: RegExp | undefined;
  private longest = 0;

  constructor(private readonly minLength: number) {}

  /** Returns false when the value is too short to be masked safely everywhere. */
  add(secret: string): boolean {
    if (typeof secret !== 'string' || secret.length < this.minLength) return false;
    const before = this.forms.size;
    for (const value of secretValues(secret)) {
      for (const form of encodedForms(value)) this.forms.add(form);
    }
    if (this.forms.size !== before) {
      // Longest first, so a form that contains another is masked whole.
      const forms = [...this.forms].sort((a, b) => b.length - a.length);
      this.compiled = new RegExp(forms.map(escapeRegExp).join('|'), 'g');
      const starts = new Set(forms.map((form) => form.slice(0, this.minLength)));
      this.cutStarts = new RegExp([...starts].map(escapeRegExp).join('|'), 'g');
      this.longest = forms[0]?.length ?? 0;
    }
    return true;
  }

  get pattern(): RegExp | undefined {
    return this.compiled;
  }

  /**
   * Where `text` ends in the start of a secret (at least `minLength` characters of any form), or
   * -1. The SDK's attribute length limit cuts values before any processor sees them, which can
   * leave the first part of a secret at the very end of a value, where no exact match finds it.
   */
  cutSecretAt(text: string): number {
    const starts = this.cutStarts;
    if (starts === undefined) return -1;
    starts.lastIndex = Math.max(0, text.length - this.longest + 1);
    for (let m = starts.exec(text); m !== null; m = starts.exec(text)) {
      const rest = text.slice(m.index);
      for (const form of this.forms) {
        if (form.length > rest.length && form.startsWith(rest)) return m.index;
      }
      starts.lastIndex = m.index + 1;
    }
    return -1;
  }
}
