import { describe, expect, it } from 'vitest';
import { generateFiles } from '../../grafana/src/generate.ts';
import { committedFiles, readCommitted } from './provisioning-files.js';

describe('generated Grafana files', () => {
  const generated = generateFiles();

  it('are exactly the committed provisioning files and dashboards', () => {
    expect(committedFiles()).toEqual(generated.map((file) => file.path).sort());
  });

  it.each(generated.map((file) => [file.path, file.content]))(
    '%s is up to date with grafana/src (run `npm run grafana:build`)',
    (path, content) => {
      expect(readCommitted(path)).toBe(content);
    },
  );
});
