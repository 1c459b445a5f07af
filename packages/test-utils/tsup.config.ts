import { defineConfig } from 'tsup';
import { libraryBuild } from '../../tsup.base.js';

// One entry per module: each is its own subpath export (`@telegraf-otel/test-utils/<module>`), so
// the demo loads the fake Bot API without the OTLP receivers and their gRPC dependencies.
export default defineConfig({ ...libraryBuild(['src/*.ts']), format: ['esm'] });
