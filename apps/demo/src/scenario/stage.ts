import type { DemoContext } from './context';

/** One step of the scenario: named for people, run in order, each in its own file under scenario/. */
export interface Stage {
  name: string;
  /** Its file, relative to apps/demo/src/scenario (printed when it fails). */
  file: string;
  run(ctx: DemoContext): Promise<void>;
}

/** A stage whose code is not written yet: it fails the run, naming itself. */
export const notBuilt = (name: string, file: string): Stage => ({
  name,
  file,
  run: () => Promise.reject(new Error(`not built: the stage "${name}" (apps/demo/src/scenario/${file})`)),
});
