import { defineConfig } from 'tsup';
import { executableBuild, libraryBuild } from '../../tsup.base.js';

export default defineConfig([
  libraryBuild(['src/index.ts']),
  // `npm run demo` (demo.js), and runDemo() for the tests' child processes (run-demo.js). The
  // demo bot is a separate chunk: it loads Telegraf only after telemetry has started.
  executableBuild({ demo: 'src/demo/main.ts', 'run-demo': 'src/demo/run-demo.ts' }),
]);
