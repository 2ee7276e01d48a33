import { testServerPath } from '../temporal-test-server';

// Tests find the time-skipping test server here; infra/local has already fetched it.
process.env.TEMPORAL_TEST_SERVER_PATH ??= testServerPath(process.env);
