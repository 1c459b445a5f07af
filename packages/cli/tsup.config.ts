import { defineConfig } from 'tsup';
import { executableBuild, libraryBuild } from '../../tsup.base.js';

export default defineConfig([
  libraryBuild({ index: 'src/index.ts' }),
  executableBuild({ cli: 'src/main.ts' }),
]);
