import { defineConfig } from 'tsup';
import { executableBuild, libraryBuild } from '../../tsup.base.js';

export default defineConfig([
  libraryBuild({ index: 'src/index.ts', register: 'src/register.ts' }),
  executableBuild({ cli: 'src/cli/main.ts' }),
]);
