import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { keyPaths } from './reference/key-paths.js';
import { withMisspelledKey } from './reference/misspell.js';
import { type KeyReference, readReference } from './reference/reference-file.js';

// The tests run neither Loki nor Tempo (that needs their images, or building AGPL code): every key
// of their config files is checked against the configuration reference of the pinned release,
// stored as key paths under reference/ (see generate.ts there for how they are derived).

const repoFile = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

interface Component {
  name: string;
  config: string;
  image: string;
  reference: KeyReference;
  /** A key of the config renamed to a misspelling, and the path then reported. */
  misspelling: { path: (string | number)[]; wrong: string; reported: string };
}

const LOKI = readReference(repoFile('test/stack/reference/loki.keys'));
const TEMPO = readReference(repoFile('test/stack/reference/tempo.keys'));

const COMPONENTS: Component[] = [
  {
    name: 'Loki',
    config: 'loki/config.yaml',
    image: 'grafana/loki',
    reference: LOKI,
    misspelling: {
      path: ['compactor', 'retention_enabled'],
      wrong: 'retention_enabeld',
      reported: 'compactor.retention_enabeld',
    },
  },
  {
    name: 'Tempo',
    config: 'tempo/config.yaml',
    image: 'grafana/tempo',
    reference: TEMPO,
    misspelling: {
      path: ['backend_worker', 'compaction', 'block_retention'],
      wrong: 'block_retension',
      reported: 'backend_worker.compaction.block_retension',
    },
  },
];

function loadConfig(file: string): Record<string, unknown> {
  return parse(readFileSync(repoFile(file), 'utf8'));
}

function undocumentedKeys(document: unknown, reference: KeyReference): string[] {
  return keyPaths(document).filter((path) => !reference.isDocumented(path));
}

function composeImageVersion(image: string): string {
  const compose = parse(readFileSync(repoFile('docker-compose.yml'), 'utf8'));
  const services = Object.values(compose.services as Record<string, { image?: string }>);
  const pinned = services
    .map((service) => service.image)
    .find((ref) => ref?.startsWith(`${image}:`));
  if (!pinned) throw new Error(`docker-compose.yml has no ${image} service`);
  return pinned.slice(image.length + 1);
}

const releaseLine = (version: string) => version.split('.').slice(0, 2).join('.');

describe.each(COMPONENTS)('$name configuration keys', (component) => {
  it(`every key of ${component.config} is in the documented configuration reference`, () => {
    const config = loadConfig(component.config);
    expect(keyPaths(config).length).toBeGreaterThan(10);
    expect(undocumentedKeys(config, component.reference)).toEqual([]);
  });

  it('a misspelled key is reported', () => {
    const { path, wrong, reported } = component.misspelling;
    const broken = withMisspelledKey(loadConfig(component.config), path, wrong);
    expect(undocumentedKeys(broken, component.reference)).toEqual([reported]);
  });

  it('the reference describes the release line docker-compose.yml pins', () => {
    // Patch releases keep the configuration; a new minor or major release needs a regenerated reference.
    expect(releaseLine(component.reference.version)).toBe(
      releaseLine(composeImageVersion(component.image)),
    );
  });
});

describe('key paths of list items and free-form maps', () => {
  it('checks the keys inside list items (Loki retention_stream)', () => {
    const broken = withMisspelledKey(
      loadConfig('loki/config.yaml'),
      ['limits_config', 'retention_stream', 0, 'selector'],
      'selectr',
    );
    expect(undocumentedKeys(broken, LOKI)).toEqual(['limits_config.retention_stream[].selectr']);
  });

  it('accepts any key of a documented free-form map, and only there', () => {
    const period = { from: '2026-01-01', index: { prefix: 'index_', period: '24h' } };
    const tagged = {
      schema_config: {
        configs: [{ ...period, index: { ...period.index, tags: { team: 'bots' } } }],
      },
    };
    expect(undocumentedKeys(tagged, LOKI)).toEqual([]);
    const stray = { schema_config: { configs: [{ ...period, team: 'bots' }] } };
    expect(undocumentedKeys(stray, LOKI)).toEqual(['schema_config.configs[].team']);
  });

  it('reports keys that older releases had (Tempo 2.x compactor, Loki 2.x shared_store)', () => {
    const tempo2 = { compactor: { compaction: { block_retention: '336h' } } };
    expect(undocumentedKeys(tempo2, TEMPO)).toEqual(['compactor.compaction.block_retention']);
    const loki2 = {
      compactor: { working_directory: '/loki/compactor', shared_store: 'filesystem' },
    };
    expect(undocumentedKeys(loki2, LOKI)).toEqual(['compactor.shared_store']);
  });

  it("checks Tempo's documented receivers, and passes their own configuration through", () => {
    const grpc = { endpoint: '0.0.0.0:4317', tls: { cert_file: '/certs/tempo.crt' } };
    const receivers = (protocols: Record<string, unknown>) => ({
      distributor: { receivers: { otlp: protocols } },
    });
    expect(undocumentedKeys(receivers({ protocols: { grpc } }), TEMPO)).toEqual([]);
    expect(undocumentedKeys(receivers({ protocols: { grcp: grpc } }), TEMPO)).toEqual([
      'distributor.receivers.otlp.protocols.grcp.endpoint',
      'distributor.receivers.otlp.protocols.grcp.tls.cert_file',
    ]);
    expect(undocumentedKeys(receivers({ protocol: { grpc } }), TEMPO)).toHaveLength(2);
  });
});
