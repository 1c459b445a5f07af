/**
 * Internal, undocumented switch used only by the leak tests to prove that their scan fails when
 * redaction is off. It is a registered symbol key, so no environment variable, configuration
 * file or JSON option can turn it on.
 */
export const UNREDACTED_FOR_LEAK_TESTS = Symbol.for('@telegraf-otel/sdk:unredacted-for-leak-tests');

export function redactionDisabledForTests(options: object): boolean {
  return (options as Record<symbol, unknown>)[UNREDACTED_FOR_LEAK_TESTS] === true;
}
