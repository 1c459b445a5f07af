import { ENGINE_RULES, marker } from './markers.js';

/** Base64 and base64url of `bytes` at each of the three alignments inside a longer base64 text. */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString('base64')
      .replace(/=+$/, '');
    // Leading characters mix in the padding bytes, trailing ones the bytes that follow.
    const lead = offset === 0 ? 0 : offset + 1;
    const tail = (offset + bytes.length) % 3;
    const core = encoded.slice(lead, tail === 0 ? encoded.length : encoded.length - 1);
    if (core.length >= 8) cores.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return cores;
}

/**
 * The forms a known secret takes on the wire: plain, URL-encoded (both space styles, and every
 * byte as `%XX`), JSON-escaped (also every character as `\uXXXX`), hex, and base64/base64url at
 * each of the three byte alignments it can have inside a longer base64 text (e.g.
 * `Basic base64(user:secret)`), trimmed to the characters that depend on the secret alone, and
 * base64 of its base64. Matching is case-insensitive, so upper-case hex and a case-folded secret
 * are caught too.
 */
export function encodedForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const hex = bytes.toString('hex');
  const forms = new Set<string>([
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    JSON.stringify(secret).slice(1, -1),
    hex.replace(/../g, '%$&'),
    [...secret]
      .map((c) => `\\u${(c.codePointAt(0) as number).toString(16).padStart(4, '0')}`)
      .join(''),
    hex,
    ...base64Cores(bytes),
    ...base64Cores(Buffer.from(bytes.toString('base64'))),
  ]);
  return [...forms];
}

// Characters that render as nothing: put inside a secret, they hide it from an exact match.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/;
const WHITESPACE = /\s/;
const WHITESPACE_OR_INVISIBLE = new RegExp(`\\s|${INVISIBLE.source}`);
const SECRET_MARKER = marker(ENGINE_RULES.knownSecret);

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
  /** Every form, lower-cased (matching is case-insensitive). */
  private readonly forms = new Set<string>();
  private compiled: RegExp | undefined;
  private cutStarts: RegExp | undefined;
  /** Proper suffixes of the forms, by their first `minLength` characters. */
  private tails = new Map<string, string[]>();
  /** Hashes of those keys: most texts are ruled out without building a key string. */
  private tailHashes = new Set<number>();
  /** Lengths of the forms: a text of another length is no form. */
  private lengths = new Set<number>();
  private longest = 0;

  constructor(private readonly minLength: number) {}

  /**
   * Returns false when the value is too short to be masked safely everywhere. Surrounding
   * whitespace (a token read from a file with its newline) is registered both with and without.
   */
  add(secret: string): boolean {
    if (typeof secret !== 'string' || secret.trim().length < this.minLength) return false;
    const before = this.forms.size;
    for (const variant of new Set([secret, secret.trim()])) {
      for (const value of secretValues(variant)) {
        for (const form of encodedForms(value)) this.forms.add(form.toLowerCase());
      }
    }
    if (this.forms.size !== before) {
      // Longest first, so a form that contains another is masked whole.
      const forms = [...this.forms].sort((a, b) => b.length - a.length);
      this.compiled = new RegExp(forms.map(escapeRegExp).join('|'), 'gi');
      const starts = new Set(forms.map((form) => form.slice(0, this.minLength)));
      this.cutStarts = new RegExp([...starts].map(escapeRegExp).join('|'), 'gi');
      this.longest = forms[0]?.length ?? 0;
      this.lengths = new Set(forms.map((form) => form.length));
      this.tails = new Map();
      this.tailHashes = new Set();
      for (const form of forms) {
        for (let start = 1; start + this.minLength <= form.length; start++) {
          const tail = form.slice(start);
          const key = tail.slice(0, this.minLength);
          this.tailHashes.add(this.headHash(key));
          const list = this.tails.get(key);
          if (list) list.push(tail);
          else this.tails.set(key, [tail]);
        }
      }
    }
    return true;
  }

  /**
   * How many leading characters of `text` are the rest of a secret whose start sits in another
   * value (a token split across two attributes), or 0.
   */
  secretTailLength(text: string): number {
    if (this.tails.size === 0 || text.length < this.minLength) return 0;
    if (!this.tailHashes.has(this.headHash(text))) return 0;
    const candidates = this.tails.get(text.slice(0, this.minLength).toLowerCase());
    if (!candidates) return 0;
    const lower = text.slice(0, this.longest).toLowerCase();
    let longest = 0;
    for (const tail of candidates) {
      if (tail.length > longest && lower.startsWith(tail)) longest = tail.length;
    }
    return longest;
  }

  /** Hash of the first `minLength` characters, ASCII letters folded to lower case. */
  private headHash(text: string): number {
    let h = 0;
    for (let i = 0; i < this.minLength; i++) {
      const c = text.charCodeAt(i);
      h = (Math.imul(h, 31) + (c >= 65 && c <= 90 ? c + 32 : c)) | 0;
    }
    return h;
  }

  hasInvisible(text: string): boolean {
    return this.compiled !== undefined && INVISIBLE.test(text);
  }

  /** Masks secrets that have invisible characters put between their characters. */
  maskThroughInvisible(text: string, tally: { record(rule: string): void }): string {
    return this.maskThrough(text, INVISIBLE, tally);
  }

  /**
   * Whether `text` holds the start of a secret and whitespace: a secret broken by a line break or
   * spaces (a wrapped line) may be there, which the whole forms do not match.
   */
  mayHoldSplit(text: string): boolean {
    const starts = this.cutStarts;
    if (starts === undefined || !WHITESPACE.test(text)) return false;
    starts.lastIndex = 0;
    return starts.test(text);
  }

  /** Masks secrets that have whitespace (or invisible characters) put between their characters. */
  maskThroughWhitespace(text: string, tally: { record(rule: string): void }): string {
    return this.maskThrough(text, WHITESPACE_OR_INVISIBLE, tally);
  }

  /** Masks the forms found in `text` read without the characters `skip` matches. */
  private maskThrough(text: string, skip: RegExp, tally: { record(rule: string): void }): string {
    const pattern = this.compiled;
    if (!pattern) return text;
    // Positions in `text` of each kept character, so matches map back to the original.
    const positions: number[] = [];
    let kept = '';
    for (let i = 0; i < text.length; i++) {
      const c = text.charAt(i);
      if (skip.test(c)) continue;
      positions.push(i);
      kept += c;
    }
    let out = '';
    let done = 0;
    pattern.lastIndex = 0;
    for (let m = pattern.exec(kept); m !== null; m = pattern.exec(kept)) {
      const start = positions[m.index] as number;
      const end = (positions[m.index + m[0].length - 1] as number) + 1;
      tally.record(ENGINE_RULES.knownSecret);
      out += text.slice(done, start) + SECRET_MARKER;
      done = end;
    }
    return done === 0 ? text : out + text.slice(done);
  }

  /**
   * The first `minLength` characters of every form: a cheap necessary condition of `pattern`
   * (for the engine's one-pass prefilter, where the full forms would make every scan slower).
   */
  get startsPattern(): RegExp | undefined {
    return this.cutStarts;
  }

  /**
   * What the engine's prefilter needs from the secrets: the starts of their forms, and the
   * invisible characters that can hide one (so a text with neither skips every secret check).
   */
  get prefilterPattern(): RegExp | undefined {
    return this.cutStarts && new RegExp(`${this.cutStarts.source}|${INVISIBLE.source}`, 'i');
  }

  /** Whether `text` is, in full, one of the forms of a registered secret. */
  isSecret(text: string): boolean {
    return this.lengths.has(text.length) && this.forms.has(text.toLowerCase());
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
      const rest = text.slice(m.index).toLowerCase();
      for (const form of this.forms) {
        if (form.length > rest.length && form.startsWith(rest)) return m.index;
      }
      starts.lastIndex = m.index + 1;
    }
    return -1;
  }
}
