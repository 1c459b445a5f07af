import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node22',
  },
  {
    // `npm run demo` (demo.js), and runDemo() for the tests' child processes (run-demo.js). The
    // demo bot is a separate chunk: it loads Telegraf only after telemetry has started.
    entry: { demo: 'src/demo/main.ts', 'run-demo': 'src/demo/run-demo.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node22',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
