import { defineConfig } from 'tsup';
import { executableBuild, libraryBuild } from '../../tsup.base.js';

export default defineConfig([
  // Shims: the register entry passes its own URL (import.meta.url) to module.register in both builds.
  { ...libraryBuild({ index: 'src/index.ts', register: 'src/register.ts' }), shims: true },
  executableBuild({ cli: 'src/cli/main.ts' }),
]);
