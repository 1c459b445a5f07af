// The leak oracle of every test: it undoes the encodings a secret can take on the wire and looks
// for the plain canary, instead of encoding the canary the way the code under test does. A test
// that planted a canary therefore never agrees with the redaction library by construction.

/** Planted canaries by name: each with the strings that identify it (its value, and fragments
 * such as a bot token's secret part or a card number without spaces). */
export type Canaries = Readonly<Record<string, string | readonly string[]>>;

/** Bytes decoded into every readable view; ask it whether a value is in any of them. */
export interface LeakScan {
  /** True when the value (or any of the values) appears, case-insensitively, in some view. */
  reveals(values: string | readonly string[]): boolean;
}

// Unicode format characters (zero-width, soft hyphen, bidi marks) render as nothing.
const INVISIBLE = /\p{Cf}/gu;
const JSON_ESCAPE = /\\u([0-9a-fA-F]{4})|\\(["\\/bfnrt])/g;
const JSON_SHORT_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};
const PERCENT_RUN = /(?:%[0-9a-fA-F]{2})+/g;
// Six bytes at least: shorter runs cannot hold a canary.
const BASE64_RUN = /[A-Za-z0-9+/_-]{8,}/g;
const HEX_RUN = /[0-9a-fA-F]{12,}/g;

const visible = (text: string): string => text.replace(INVISIBLE, '');

function jsonUnescaped(text: string): string {
  return text.replace(JSON_ESCAPE, (_, code: string | undefined, short: string | undefined) =>
    code === undefined
      ? (JSON_SHORT_ESCAPES[short as string] as string)
      : String.fromCharCode(Number.parseInt(code, 16)),
  );
}

function percentDecoded(text: string): string {
  return text.replace(PERCENT_RUN, (run) =>
    Buffer.from(run.replaceAll('%', ''), 'hex').toString('utf8'),
  );
}

/** Plain, JSON-unescaped, URL-decoded (`%20` and form `+` spaces), without invisible characters. */
function textViews(text: string): string[] {
  const unescaped = visible(jsonUnescaped(text));
  return [
    ...new Set([
      unescaped,
      visible(percentDecoded(unescaped)),
      visible(percentDecoded(unescaped.replaceAll('+', ' '))),
    ]),
  ];
}

/**
 * Every base64/base64url run decoded at each of the four character offsets: a run may start
 * with characters that do not belong to the encoded text (a protobuf length byte, a prefix).
 */
function base64Decodings(text: string): string[] {
  const runs = (text.match(BASE64_RUN) ?? []).map((run) =>
    run.replaceAll('-', '+').replaceAll('_', '/'),
  );
  if (runs.length === 0) return [];
  return [0, 1, 2, 3].map((offset) =>
    runs.map((run) => Buffer.from(run.slice(offset), 'base64').toString('utf8')).join('\n'),
  );
}

/** Every hex run decoded at both nibble offsets (upper and lower case alike). */
function hexDecodings(text: string): string[] {
  const runs = text.match(HEX_RUN) ?? [];
  if (runs.length === 0) return [];
  return [0, 1].map((offset) =>
    runs
      .map((run) => {
        const digits = run.slice(offset);
        return Buffer.from(digits.slice(0, digits.length - (digits.length % 2)), 'hex').toString(
          'utf8',
        );
      })
      .join('\n'),
  );
}

/** The text views, what their base64 and hex runs decode to, and base64 inside base64. */
function readableViews(text: string): string[] {
  const views: string[] = [];
  for (const view of textViews(text)) {
    views.push(view, ...hexDecodings(view));
    for (const decoded of base64Decodings(view)) views.push(decoded, ...base64Decodings(decoded));
  }
  return views;
}

/** Decodes exported bytes (OTLP protobuf or JSON, log lines, HTTP bodies) once for many look-ups. */
export function scanForLeaks(...chunks: (Uint8Array | string)[]): LeakScan {
  const text = chunks.map((chunk) => Buffer.from(chunk).toString('utf8')).join('\n');
  const views = readableViews(text).map((view) => view.toLowerCase());
  return {
    reveals(values) {
      const needles = typeof values === 'string' ? [values] : values;
      return needles.some((needle) => {
        const lower = needle.toLowerCase();
        return views.some((view) => view.includes(lower));
      });
    },
  };
}

/** The names of the canaries found in the chunks, in any encoding; empty when clean. */
export function leakedCanaries(canaries: Canaries, ...chunks: (Uint8Array | string)[]): string[] {
  const scan = scanForLeaks(...chunks);
  return Object.entries(canaries)
    .filter(([, values]) => scan.reveals(values))
    .map(([name]) => name);
}
