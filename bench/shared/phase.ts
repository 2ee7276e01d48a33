import { asError, errorStack } from '@sanshe/common';

/**
 * Runs one phase of a benchmark: prints its title, then runs it. A failure is printed with its stack
 * and returned as an Error, so that the later phases still run and the report says which one failed.
 * `settle` runs last either way (it stops the phase's samplers).
 */
export async function runPhase<T>(
  name: string,
  title: string,
  run: () => Promise<T>,
  settle: () => void,
): Promise<T | Error> {
  console.log(`\n${title} …`);
  try {
    return await run();
  } catch (err) {
    console.error(`  ${name} failed: ${errorStack(err)}`);
    return asError(err);
  } finally {
    settle();
  }
}
