// Kept in step with package.json by hand; test/version.test.ts fails when they drift.
export const PACKAGE_NAME = '@telegraf-otel/instrumentation';
export const PACKAGE_VERSION = '0.1.0';
