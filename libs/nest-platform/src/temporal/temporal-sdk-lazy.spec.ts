/**
 * Community, organization and public-web run no Temporal worker but import this library: the worker SDK (its
 * ~400 modules and native core, about 20 MiB of a built service's idle memory) must load only when a worker
 * starts, never with the library (docs/operations.md, "Memory").
 */
jest.mock('@temporalio/worker', () => {
  throw new Error('@temporalio/worker was loaded with @sanshe/nest-platform, before any worker started');
});

it('loads without the Temporal worker SDK', () => {
  expect(() => jest.requireActual<Record<string, unknown>>('../index')).not.toThrow();
  expect(jest.requireActual<Record<string, unknown>>('../index').TemporalWorkerModule).toBeDefined();
});
