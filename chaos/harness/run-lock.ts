import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * One chaos run per state directory: a second one would wipe and restart the first one's servers. The
 * lock is a file beside the state directory (which each run wipes), holding the runner's pid; a lock
 * whose process is gone is taken over. Returns the release function.
 */
export function lockStateDir(stateDir: string): () => void {
  const path = `${stateDir}.lock`;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        throw new Error(
          `another chaos run (pid ${holder}) uses ${stateDir}; wait for it, or give this one ` +
            'SANSHE_CHAOS_STATE_DIR and SANSHE_CHAOS_PORT_OFFSET of its own',
          { cause: err },
        );
      }
      rmSync(path, { force: true });
    }
  }
}
