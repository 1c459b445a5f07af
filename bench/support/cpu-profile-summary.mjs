// Where the time of a CPU profile goes, by component. Each sample's self time is charged to the
// nearest frame (itself or a caller) that belongs to a known component, so a builtin such as
// HMAC or a RegExp counts for whoever called it; garbage collection is its own line.
import { readFile } from 'node:fs/promises';

const COMPONENTS = [
  // Function-level lines first: the cost of keyed pseudonyms (HMAC) and of Node's async context.
  [(f) => /pseudonymi[sz]e/.test(f.functionName), 'HMAC pseudonyms (redaction)'],
  [(f) => f.url.includes('/packages/redaction/'), 'redaction (content registry, export path)'],
  [(f) => f.url.includes('/packages/instrumentation/'), 'instrumentation'],
  [(f) => f.url.includes('/packages/sdk/'), 'sdk (file writer, pipeline)'],
  [(f) => f.url.includes('/otlp-transformer/'), 'OTLP serialisation (otlp-transformer)'],
  [
    (f) => /\/(otlp-exporter-base|otlp-grpc-exporter-base|exporter-[a-z-]+)\//.test(f.url),
    'OTLP exporter',
  ],
  [(f) => f.url.includes('/@grpc/grpc-js/'), 'gRPC transport (grpc-js)'],
  [
    (f) => /\/instrumentation-(http|undici|net|dns)\//.test(f.url),
    'http/undici/net instrumentations',
  ],
  [
    (f) => f.url.includes('/@opentelemetry/instrumentation/'),
    'instrumentation base (require hooks)',
  ],
  [(f) => f.url.includes('/sdk-trace/'), 'span SDK (sdk-trace)'],
  [(f) => f.url.includes('/sdk-logs/'), 'log SDK (sdk-logs)'],
  [(f) => f.url.includes('/context-async-hooks/'), 'context (AsyncLocalStorage)'],
  [(f) => f.url.includes('/@opentelemetry/api/'), 'OpenTelemetry API'],
  [(f) => f.url.includes('/@opentelemetry/core/'), 'OpenTelemetry core'],
  [(f) => f.url === 'node:zlib', 'node zlib (main thread part of gzip)'],
  [(f) => /^node:(_tls_wrap|tls)$/.test(f.url), 'node TLS'],
  [(f) => /^node:(net|stream|internal\/streams\/)/.test(f.url), 'node sockets and streams'],
  [(f) => /\/(telegraf|node-fetch)\//.test(f.url), 'telegraf + node-fetch'],
  [(f) => f.url.includes('/bench/'), 'benchmark driver'],
  [(f) => f.functionName === '(garbage collector)', 'garbage collection'],
  [(f) => f.functionName === '(idle)', 'idle (waiting for I/O)'],
];
const UNATTRIBUTED = 'node (I/O, timers, other)';

function componentOf(frame) {
  for (const [matches, name] of COMPONENTS) if (matches(frame)) return name;
  return undefined;
}

/** µs of self time per component, over a profile written by update-worker.mjs. */
export async function summariseProfile(file) {
  const profile = JSON.parse(await readFile(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const componentCache = new Map();
  const attribute = (id) => {
    if (componentCache.has(id)) return componentCache.get(id);
    let component;
    for (let at = id; at !== undefined && !component; at = parents.get(at)) {
      component = componentOf(nodes.get(at).callFrame);
    }
    componentCache.set(id, component ?? UNATTRIBUTED);
    return component ?? UNATTRIBUTED;
  };
  // The profiler's own start/stop calls (node:inspector) are not part of the workload.
  const profilerCache = new Map();
  const isProfiler = (id) => {
    if (!profilerCache.has(id)) {
      let found = false;
      for (let at = id; at !== undefined && !found; at = parents.get(at)) {
        found = nodes.get(at).callFrame.url === 'node:inspector';
      }
      profilerCache.set(id, found);
    }
    return profilerCache.get(id);
  };
  const micros = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    if (isProfiler(profile.samples[i])) continue;
    const component = attribute(profile.samples[i]);
    micros.set(component, (micros.get(component) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  return { updates: profile.updates, micros };
}

/** Table of µs per update by component for two profiles of the same workload, and the difference. */
export function compareProfiles(bare, instrumented) {
  const names = new Set([...bare.micros.keys(), ...instrumented.micros.keys()]);
  const rows = [...names].map((name) => {
    const a = (bare.micros.get(name) ?? 0) / bare.updates;
    const b = (instrumented.micros.get(name) ?? 0) / instrumented.updates;
    return { name, bare: a, instrumented: b, delta: b - a };
  });
  rows.sort((x, y) => y.delta - x.delta);
  const lines = ['  component                              bare µs/upd   var µs/upd   delta'];
  for (const row of rows) {
    if (Math.abs(row.delta) < 0.05 && row.instrumented < 0.05) continue;
    lines.push(
      `  ${row.name.padEnd(38)} ${row.bare.toFixed(2).padStart(11)} ${row.instrumented.toFixed(2).padStart(11)} ${(row.delta >= 0 ? '+' : '') + row.delta.toFixed(2).padStart(7)}`,
    );
  }
  return lines.join('\n');
}
