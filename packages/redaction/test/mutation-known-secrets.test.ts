import {
  createRedactor,
  defaultPolicy,
  encodedForms,
  extendPolicy,
  RedactionTally,
} from '@telegraf-otel/redaction';
import { describe, expect, it } from 'vitest';

const SECRET = 'Zq7vLx2PmN9wRt4K';
const MARK = '[REDACTED:known_secret]';

function withSecrets(...secrets: string[]) {
  const redactor = createRedactor();
  for (const secret of secrets) redactor.addSecret(secret);
  return redactor;
}

function redact(redactor: ReturnType<typeof createRedactor>, text: string) {
  const tally = new RedactionTally();
  const out = redactor.redactString(text, tally);
  return { out, count: tally.count, rules: tally.ruleNames() };
}

describe('a secret cut short or split across values', () => {
  const redactor = withSecrets(SECRET);

  it('masks the start of a secret at the very end of a value, from the cut on', () => {
    expect(redact(redactor, `sent ${SECRET.slice(0, 9)}`)).toEqual({
      out: `sent ${MARK}`,
      count: 1,
      rules: ['known_secret'],
    });
  });

  it('masks a value that is nothing but the start of a secret', () => {
    expect(redact(redactor, SECRET.slice(0, 12)).out).toBe(MARK);
  });

  it('masks a start exactly as long as the minimum secret length, not a shorter one', () => {
    expect(redact(redactor, `x ${SECRET.slice(0, 6)}`).out).toBe(`x ${MARK}`);
    expect(redact(redactor, `x ${SECRET.slice(0, 5)}`).out).toBe(`x ${SECRET.slice(0, 5)}`);
  });

  it('leaves the start of a secret alone when the text goes on differently', () => {
    const text = `${SECRET.slice(0, 9)}-other-text`;
    expect(redact(redactor, text)).toEqual({ out: text, count: 0, rules: [] });
  });

  it('masks the rest of a secret at the very start of a value, up to where it ends', () => {
    expect(redact(redactor, `${SECRET.slice(4)} and more`)).toEqual({
      out: `${MARK} and more`,
      count: 1,
      rules: ['known_secret'],
    });
  });

  it('masks the longest rest of a secret that the value starts with', () => {
    // Both the rest from the 2nd and from the 3rd character fit the same head; the longer wins.
    const redactor2 = withSecrets('aaaaaaaaaaaaXYZ');
    expect(redact(redactor2, 'aaaaaaaaaaXYZ!').out).toBe(`${MARK}!`);
  });

  it('masks the rest of a secret case-insensitively, but not a rest shorter than the minimum', () => {
    expect(redact(redactor, `${SECRET.slice(4).toUpperCase()} end`).out).toBe(`${MARK} end`);
    const short = `${SECRET.slice(-5)} end`;
    expect(redact(redactor, short).out).toBe(short);
  });

  it('folds the upper-case letters A to Z of a rest, its first and last letters included', () => {
    const redactor2 = withSecrets('qqazqqzaqq9876');
    expect(redact(redactor2, 'AZQQZAQQ9876 end').out).toBe(`${MARK} end`);
  });

  it('masks the rest of a secret that is the whole value', () => {
    expect(redact(redactor, SECRET.slice(3)).out).toBe(MARK);
  });
});

describe('known-secret forms', () => {
  it('masks a secret exactly as long as the minimum, and refuses a shorter one', () => {
    const redactor = withSecrets('k3Y9xQ', 'a1B2c');
    expect(redact(redactor, 'id k3Y9xQ / a1B2c').out).toBe(`id ${MARK} / a1B2c`);
  });

  it('judges the minimum length without surrounding whitespace', () => {
    const redactor = withSecrets('  a1B2c \n');
    expect(redact(redactor, 'a1B2c').out).toBe('a1B2c');
    expect(redactor.generation).toBe(0);
  });

  it('masks a secret registered with its trailing newline with and without it', () => {
    const redactor = withSecrets(`${SECRET}\n`);
    expect(redact(redactor, `a ${SECRET} b`).out).toBe(`a ${MARK} b`);
    expect(redact(redactor, `a ${SECRET}\n b`).out).toBe(`a ${MARK} b`);
  });

  it('masks the longest registered form first, so a secret holding another is masked whole', () => {
    const redactor = withSecrets('pass1234', 'pass1234-extended-part');
    expect(redact(redactor, 'x pass1234-extended-part y')).toEqual({
      out: `x ${MARK} y`,
      count: 1,
      rules: ['known_secret'],
    });
  });

  it('masks the standard base64 form (with + and /) inside Basic credentials', () => {
    // Bytes chosen so that the base64 has both '+' and '/' in it.
    const secret = 'ab>?cd~~ef??';
    const b64 = Buffer.from(`user:${secret}`).toString('base64');
    expect(b64).toMatch(/[+]/);
    expect(b64).toMatch(/[/]/);
    const redactor = withSecrets(secret);
    const out = redact(redactor, `Authorization: Basic ${b64}`).out;
    expect(out).not.toContain(b64.slice(8, 20));
    const urlSafe = b64.replace(/\+/g, '-').replace(/\//g, '_');
    expect(redact(redactor, `cred=${urlSafe}`).out).not.toContain(urlSafe.slice(8, 20));
  });

  it('lists the base64 and base64url forms at each alignment, trimmed to the secret', () => {
    const forms = encodedForms('ab>?cd~~ef??');
    // Aligned: all 16 characters; behind one byte: without the 2 leading and the 1 trailing
    // character that mix in other bytes; behind two bytes: without 3 leading and 1 trailing.
    for (const core of ['YWI+P2Nkfn5lZj8/', 'FiPj9jZH5+ZWY/P', 'hYj4/Y2R+fmVmPz']) {
      expect(forms).toContain(core);
      expect(forms).toContain(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
    // Base64 of the base64 (a token encoded twice), at each alignment.
    for (const core of ['WVdJK1AyTmtmbjVsWmo4L', 'lXSStQMk5rZm41bFpqOC', 'ZV0krUDJOa2ZuNWxaajgv']) {
      expect(forms).toContain(core);
    }
    // Plain (= JSON-escaped = form-encoded here), URL, %XX, \\uXXXX, hex, 6 base64, 3 twice.
    expect(forms).toHaveLength(5 + 6 + 3);
  });

  it('keeps only base64 cores of at least eight characters', () => {
    // Six bytes: the aligned base64 has 8 characters; the shifted cores would have only 7.
    expect(encodedForms('Ab9_x-')).toEqual([
      'Ab9_x-',
      '%41%62%39%5f%78%2d',
      '\\u0041\\u0062\\u0039\\u005f\\u0078\\u002d',
      '4162395f782d',
      'QWI5X3gt',
      'UVdJNVgzZ3',
      'FXSTVYM2d0',
      'RV0k1WDNnd',
    ]);
  });

  it('lists the plain, URL, form, JSON, percent-hex, unicode-escape and hex forms', () => {
    const secret = 'a b"c/é';
    const forms = encodedForms(secret);
    const hex = Buffer.from(secret).toString('hex');
    expect(forms.slice(0, 7)).toEqual([
      secret,
      'a%20b%22c%2F%C3%A9',
      'a+b%22c%2F%C3%A9',
      'a b\\"c/é',
      hex.replace(/../g, '%$&'),
      '\\u0061\\u0020\\u0062\\u0022\\u0063\\u002f\\u00e9',
      hex,
    ]);
  });

  it('masks the form-encoded form (spaces as +) and every byte as %XX', () => {
    const secret = 'open sesame 42';
    const redactor = withSecrets(secret);
    expect(redact(redactor, 'body: q=open+sesame+42&x=1').out).toBe(`body: q=${MARK}&x=1`);
    const percent = Buffer.from(secret).toString('hex').replace(/../g, '%$&');
    expect(redact(redactor, `p=${percent};`).out).toBe(`p=${MARK};`);
  });

  it('masks a bot token and, on its own, the part after the colon', () => {
    const token = '123456789:AAHfakeSECRETtokenVALUE_xyz-0123456789';
    const redactor = withSecrets(token);
    expect(redact(redactor, `t=${token.split(':')[1]}.`).out).toBe(`t=${MARK}.`);
    expect(redact(redactor, 'id 123456789 only').out).toBe('id 123456789 only');
  });

  it('masks a secret with invisible characters put between its characters', () => {
    const redactor = withSecrets(SECRET);
    const hidden = `${SECRET.slice(0, 5)}\u200B${SECRET.slice(5, 9)}\u00AD${SECRET.slice(9)}`;
    expect(redact(redactor, `a ${hidden} b \u200B c`)).toEqual({
      out: `a ${MARK} b \u200B c`,
      count: 1,
      rules: ['known_secret'],
    });
  });

  it('takes secrets from the policy', () => {
    const redactor = createRedactor(extendPolicy(defaultPolicy, { secrets: [SECRET] }));
    expect(redact(redactor, `x${SECRET}`).out).toBe(`x${MARK}`);
    expect(redactor.generation).toBe(1);
  });
});

describe('caches after addSecret', () => {
  it('masks a string that was clean (and remembered as clean) before the secret was added', () => {
    const redactor = createRedactor();
    expect(redactor.redactString(`v ${SECRET}`)).toBe(`v ${SECRET}`);
    redactor.addSecret(SECRET);
    expect(redactor.redactString(`v ${SECRET}`)).toBe(`v ${MARK}`);
  });

  it('masks a key judged before the secret was added', () => {
    const redactor = createRedactor();
    expect(redactor.redactAttributes({ [SECRET]: 1 })).toEqual({ [SECRET]: 1 });
    redactor.addSecret(SECRET);
    const tally = new RedactionTally();
    expect(redactor.redactAttributes({ [SECRET]: 1 }, tally)).toEqual({ [MARK]: 1 });
    // A key holding a secret is counted in every record it appears in.
    expect(redactor.redactAttributes({ [SECRET]: 1 }, tally)).toEqual({ [MARK]: 1 });
    expect(tally.count).toBe(2);
  });

  it('bumps the generation only when a secret was registered', () => {
    const redactor = createRedactor();
    redactor.addSecret('short');
    expect(redactor.generation).toBe(0);
    redactor.addSecret(SECRET);
    redactor.addSecret(`${SECRET}-2`);
    expect(redactor.generation).toBe(2);
  });

  it('polls secret sources once per new value, and survives a failing source', () => {
    const redactor = createRedactor();
    const values: (string | undefined)[] = [undefined, ''];
    redactor.addSecretSource(() => {
      throw new Error('unreadable');
    });
    redactor.addSecretSource(() => values);
    expect(redactor.generation).toBe(0);
    values.push(SECRET);
    redactor.pollSecretSources();
    redactor.pollSecretSources();
    expect(redactor.generation).toBe(1);
    expect(redactor.redactString(SECRET)).toBe(MARK);
  });
});

describe('a registered secret under an allowlisted key', () => {
  it('is no id even when it has the shape of one', () => {
    const hexSecret = '4bf92f3577b34da6a3ce929d0e0e4736';
    const redactor = withSecrets(hexSecret);
    expect(redactor.redactAttributes({ trace_id: hexSecret })).toEqual({
      trace_id: '[REDACTED:unexpected_shape]',
    });
    const other = '0af7651916cd43dd8448eb211c80319c';
    expect(redactor.redactAttributes({ trace_id: other })).toEqual({ trace_id: other });
  });
});
