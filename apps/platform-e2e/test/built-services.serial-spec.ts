import { ensureBuiltApps } from '@sanshe/infra';

/**
 * Built services pass the same end-to-end test as the source-run ones (issue 19 §4): organization-linkage's
 * suite, registered here a second time, with every process it starts (organization and governance) run from
 * the production build (`node <build>/<service>/main.js`, SANSHE_APPS_FROM; governance's workflows from the
 * bundle made at build time) instead of from source. The build is kept by the sources' hash (ensureBuiltApps):
 * made once, in seconds, and reused until a source changes.
 */
const sourceRun = process.env.SANSHE_APPS_FROM;

beforeAll(async () => {
  const started = Date.now();
  const { folder, built } = await ensureBuiltApps();
  console.log(`built services ${built ? 'built' : 'reused'} in ${Date.now() - started} ms: ${folder}`);
  process.env.SANSHE_APPS_FROM = folder; // startApp's default, read when each process starts
}, 120_000);

afterAll(() => {
  if (sourceRun === undefined) delete process.env.SANSHE_APPS_FROM;
  else process.env.SANSHE_APPS_FROM = sourceRun;
});

describe('on the built services', () => {
  // The same suite's tests, registered in this describe (Jest's globals are this file's).
  require('./organization-linkage.serial-spec');
});
