import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.js';

// Shims: the register entry passes its own URL (import.meta.url) to module.register in both builds.
export default defineConfig({
  ...libraryBuild({ index: 'src/index.ts', register: 'src/register.ts' }),
  shims: true,
});
