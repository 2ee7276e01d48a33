/**
 * Prints the folder of the services built from the working tree (ensureBuiltApps: kept by the sources' hash,
 * built when missing), for the serial pass's setup, which runs without the workspace's path aliases.
 */
import { ensureBuiltApps } from './built-apps';

ensureBuiltApps().then(
  ({ folder }) => console.log(folder),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
