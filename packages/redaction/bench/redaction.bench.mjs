// Full redaction of a typical update-derived span + log record (every key checked, every string
// scanned, known secrets, pseudonyms) versus @pinojs/redact with fixed paths over the same object.
// Interleaved variants, several rounds, median of the per-round ratios with min–max.
import { performance } from 'node:perf_hooks';
import redactPaths from '@pinojs/redact';
import { createPseudonymiser, createRedactor } from '../dist/index.js';

const ROUNDS = 11;
const ITERATIONS = 20_000;
const TOKEN = '123456789:AAHbenchTOKENvalue_0123456789abcdef';

function typicalRecord(n = '') {
  return {
    span: {
      name: `telegram.update message${n}`,
      kind: 4,
      status: { code: 1 },
      attributes: {
        'telegram.update.id': 987654321,
        'telegram.update.type': `message${n}`,
        'telegram.message.type': `text${n}`,
        'telegram.chat.type': `private${n}`,
        'telegram.command': `start${n}`,
        'telegram.update.outcome': `handled${n}`,
        'telegram.update.duration_ms': 12.5,
        'http.request.header.authorization': `Bearer abc${n}`,
      },
      events: [
        {
          name: `telegram.reply${n}`,
          attributes: { 'telegram.api.method': `sendMessage${n}`, 'telegram.api.ok': true },
        },
      ],
    },
    log: {
      eventName: `telegram.update.handled${n}`,
      severityText: `INFO${n}`,
      body: {
        message: 'update handled',
        update: { type: `message${n}`, message_type: `text${n}`, text_length: 42 },
      },
      attributes: {
        'telegram.update.id': 987654321,
        'telegram.update.type': `message${n}`,
        'telegram.update.outcome': `handled${n}`,
        'telegram.update.duration_ms': 12.5,
        'url.full': `https://api.telegram.org/bot${TOKEN}/sendMessage`,
      },
    },
  };
}

const redactor = createRedactor();
redactor.addSecret(TOKEN);
redactor.addSecret('bench-webhook-secret-0001');
const { pseudonymise } = createPseudonymiser({ key: 'bench-pseudonym-key-0123456789-abcdef' });

const pino = redactPaths({
  serialize: false,
  paths: [
    'span.attributes["http.request.header.authorization"]',
    'span.attributes["url.full"]',
    'log.attributes["url.full"]',
    'log.body.update.text',
    'log.body.update.from',
  ],
});

function ours(record, fromId, chatId) {
  const out = redactor.redactValue(record);
  // Pseudonyms for the ids, as the instrumentation records them (cached after the first update).
  out.span.attributes['telegram.user.hash'] = pseudonymise('user', fromId);
  out.span.attributes['telegram.chat.hash'] = pseudonymise('chat', chatId);
  return out;
}

/** `i` in letters only, so the unique suffixes add no digit runs the card rule would look at. */
const letters = (i) =>
  [...i.toString(26)].map((c) => String.fromCharCode(97 + Number.parseInt(c, 26))).join('');

// "warm": the same record again and again, as short values ("message", "private") repeat in a bot;
// "cold": every string value is new (keys still repeat), so the clean-string cache never helps.
const inputs = {
  warm: Array.from({ length: 1 }, () => typicalRecord()),
  cold: Array.from({ length: ITERATIONS }, (_, i) => typicalRecord(`-${letters(i)}`)),
};

function time(fn, records) {
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < ITERATIONS; i++) {
    const record = records[i % records.length];
    sink ^= fn(record, 4242 + (i & 7), 4242 + (i & 7)) === null ? 1 : 0;
  }
  const elapsed = performance.now() - start;
  if (sink === 42) console.log('');
  return elapsed;
}

const variants = { ours, pino: (record) => pino(record) };

// Sanity: both really redact.
const check = ours(typicalRecord(), 1, 1);
if (
  JSON.stringify(check).includes(TOKEN) ||
  !JSON.stringify(pino(typicalRecord())).includes('[REDACTED]')
) {
  throw new Error('benchmark variants do not redact');
}

for (let i = 0; i < 3; i++) {
  for (const records of Object.values(inputs)) {
    time(variants.ours, records);
    time(variants.pino, records);
  }
}

const ratios = { warm: [], cold: [] };
for (let round = 0; round < ROUNDS; round++) {
  for (const [input, records] of Object.entries(inputs)) {
    // Alternate which variant goes first so drift hits both equally.
    const order = round % 2 === 0 ? ['ours', 'pino'] : ['pino', 'ours'];
    const ms = {};
    for (const name of order) ms[name] = time(variants[name], records);
    ratios[input].push(ms.ours / ms.pino);
    console.log(
      `round ${String(round + 1).padStart(2)} ${input}: ours ${((ms.ours * 1000) / ITERATIONS).toFixed(2)} µs/record, pino ${((ms.pino * 1000) / ITERATIONS).toFixed(2)} µs/record, ratio ${(ms.ours / ms.pino).toFixed(2)}×`,
    );
  }
}
console.log(
  `\nNode ${process.version}, ${ROUNDS} rounds of ${ITERATIONS} records, full redaction / @pinojs/redact (fixed paths):`,
);
for (const [input, values] of Object.entries(ratios)) {
  values.sort((a, b) => a - b);
  const median = values[Math.floor(values.length / 2)];
  console.log(
    `  ${input}: ${median.toFixed(2)}× median (min ${values[0].toFixed(2)}×, max ${values[values.length - 1].toFixed(2)}×)`,
  );
}
