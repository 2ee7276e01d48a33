import { upAll } from '../servers';

/**
 * Brings up whatever local server is not running (a no-op costing well under a second when all run),
 * so any single test can be run directly. A server that cannot start fails the run, naming it and its log.
 */
export default async function globalSetup(): Promise<void> {
  await upAll({ quiet: true });
}
