import type { ValueRule } from '../value-rules.js';

// A credential value ends at whitespace, a quote or a list separator, and is never one already
// masked (`[REDACTED…` right after the key, or as the next word behind a scheme name).
const VALUE_END = `(?=$|[\\s"',;])(?![ \\t]+\\[REDACTED)`;

const hasDigitAndLetter = (s: string): boolean => /[0-9]/.test(s) && /[A-Za-z]/.test(s);

// Real keys are random: placeholders (`ghp_xxxx…`) repeat a few characters, and names
// (`sk-learn-examples-…`) hold neither a digit nor mixed case.
const looksRandom = (s: string): boolean =>
  new Set(s).size >= 10 && (/[0-9]/.test(s) || (/[a-z]/.test(s) && /[A-Z]/.test(s)));

// `Basic` credentials are base64 of `user:password`; ordinary prose after the word is not.
function isBasicCredential(candidate: string): boolean {
  const decoded = Buffer.from(candidate, 'base64').toString('latin1');
  return /^[\x20-\x7e]*:[\x20-\x7e]*$/.test(decoded) && decoded.length > 1;
}

/** `Authorization:` header values of any scheme, and scheme-prefixed credentials on their own. */
export const authorizationRules: readonly ValueRule[] = [
  {
    // Digest credentials are a parameter list (`username="…", response="<hash>", nonce=…`): all
    // of it, before the rule below would take only its first parameter.
    name: 'authorization',
    trigger: /digest[ \t]+[A-Za-z]+=/i,
    pattern:
      /(?<keep>(?<![A-Za-z0-9_-])digest[ \t]+)[A-Za-z]+=(?:"[^"\n]*"|[^\s,"]*)(?:[ \t]*,[ \t]*[A-Za-z]+=(?:"[^"\n]*"|[^\s,"]*))*/gi,
  },
  {
    name: 'authorization',
    trigger: /authorization["']?[ \t]*[:=]/i,
    pattern: new RegExp(
      `(?<keep>(?<![A-Za-z0-9_-])(?:proxy-)?authorization["']?[ \\t]*[:=][ \\t]*["']?(?:[A-Za-z][A-Za-z0-9-]{1,24}[ \\t]+)?)(?!\\[REDACTED)[^\\s"',;]+${VALUE_END}`,
      'gi',
    ),
  },
  {
    name: 'authorization',
    trigger: /basic[ \t]/i,
    pattern: /(?<keep>(?<![A-Za-z0-9_-])basic[ \t]+)[A-Za-z0-9+/]{4,}={0,2}(?![A-Za-z0-9+/=])/gi,
    validate: isBasicCredential,
  },
  {
    name: 'authorization',
    trigger: /token[ \t]/i,
    pattern:
      /(?<keep>(?<![A-Za-z0-9_-])(?:api-?)?token[ \t]+)[A-Za-z0-9._~+/=-]{16,}(?![A-Za-z0-9._~+/=-])/gi,
    validate: hasDigitAndLetter,
  },
];

/**
 * Key prefixes that vendors put on their secrets (the forms gitleaks and detect-secrets look for),
 * one rule per family so that each pattern stays small enough to analyse for backtracking.
 */
const VENDOR_KEYS: readonly { readonly trigger: RegExp; readonly keys: readonly string[] }[] = [
  {
    // OpenAI (legacy, project, service-account, admin) and Anthropic.
    trigger: /sk-/,
    keys: ['sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)[0-9]{2}-)?[A-Za-z0-9_-]{20,}'],
  },
  {
    // GitHub personal, OAuth, user-to-server, server-to-server and refresh tokens; GitLab tokens.
    trigger: /gh[pousr]_|github_pat_|gl[a-z]{1,5}-/,
    keys: [
      'gh[pousr]_[A-Za-z0-9]{36,}',
      'github_pat_[A-Za-z0-9_]{22,}',
      'gl(?:pat|dt|rt|ptt|soat|cbt|imt|ft|agent|oas)-[A-Za-z0-9_-]{20,}',
    ],
  },
  {
    // Slack bot, user, app, refresh and configuration tokens.
    trigger: /xox|xapp-/,
    keys: [
      'xox[abposre]-[0-9]+-[A-Za-z0-9-]{10,}',
      'xapp-[0-9]-[A-Za-z0-9-]{10,}',
      'xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{20,}',
    ],
  },
  {
    // AWS access key ids; Google API keys, OAuth access tokens and client secrets.
    trigger: /A[BCKS]IA|ACCA|A3T|AIza|ya29\.|GOCSPX-/,
    keys: [
      '(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}',
      'AIza[A-Za-z0-9_-]{35}',
      'ya29\\.[A-Za-z0-9_-]{20,}',
      'GOCSPX-[A-Za-z0-9_-]{20,}',
    ],
  },
  {
    // Stripe secret and restricted keys and webhook secrets; npm, Hugging Face, PyPI, SendGrid,
    // DigitalOcean, Shopify.
    trigger: /[sr]k_(?:live|test|prod)_|whsec_|npm_|hf_|pypi-|SG\.|do[por]_v1_|shp[a-z]{2}_/,
    keys: [
      '(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,}',
      'whsec_[A-Za-z0-9]{20,}',
      'npm_[A-Za-z0-9]{36,}',
      'hf_[A-Za-z0-9]{30,}',
      'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{20,}',
      'SG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}',
      'do[por]_v1_[a-f0-9]{40,}',
      'shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32,}',
    ],
  },
];

export const vendorKeyRules: readonly ValueRule[] = VENDOR_KEYS.map(({ trigger, keys }) => ({
  name: 'api_key',
  trigger,
  pattern: new RegExp(`(?<![A-Za-z0-9_-])(?:${keys.join('|')})(?![A-Za-z0-9_-])`, 'g'),
  validate: looksRandom,
}));

// Keys whose value is a secret, as the last word of a key (`client_secret`, `X-Api-Key`,
// `db.password`); `max_tokens` or `password_hash` do not end in one.
const SECRET_KEY_WORD =
  '(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?|auth[_-]?key)';

/** `key = value`, `key: value` and `"key": "value"` with a secret-naming key, in free text. */
export const secretAssignmentRule: ValueRule = {
  name: 'secret_assignment',
  // The key word then `:` or `=`: a marker such as `[REDACTED:known_secret]` does not wake it.
  trigger: /(?:pass[wp]|pwd|secret|token|key|credential)[a-z]{0,5}["']?[ \t]*[:=]/i,
  pattern: new RegExp(
    `(?<keep>(?<![A-Za-z0-9_.-])[A-Za-z0-9_.-]{0,40}?${SECRET_KEY_WORD}["']?[ \\t]*(?::=|[:=])[ \\t]*["']?)(?!\\[REDACTED)(?:(?<=")(?:[^"\\\\\\r\\n]|\\\\.){1,512}(?=")|(?<=')[^'\\r\\n]{1,512}(?=')|(?<!["'])[^\\s"'\`,;&<>(){}[\\]]+)`,
    'gi',
  ),
};

/**
 * `Cookie:` and `Set-Cookie:` header values in free text (a request dump in an error message):
 * every cookie is a session credential whatever its name, so the whole value goes, to its closing
 * quote or the end of the line, not to the first `;` (`Cookie: theme=dark; sid=…`); of a list of
 * `Set-Cookie` values (`'set-cookie': [ '…' ]`), the first.
 */
export const cookieHeaderRule: ValueRule = {
  name: 'cookie',
  trigger: /cookie["']?[ \t]*[:=]/i,
  pattern:
    /(?<keep>(?<![A-Za-z0-9_-])(?:set-)?cookie["']?[ \t]*[:=][ \t]*(?:\[(?!REDACTED)[ \t]*)?["']?)(?!\[REDACTED)(?:(?<=")(?:[^"\\\r\n]|\\.){1,4096}(?=")|(?<=')[^'\r\n]{1,4096}(?=')|(?<!["'])[^\s"'[][^\r\n"']{0,4095})/gi,
};
