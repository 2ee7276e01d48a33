/** Applies this service's pending migrations to its own schema (`npm run migrate` runs every service's). */
import { runMigrationsCli } from '@sanshe/persistence';
import { migrations } from '.';

runMigrationsCli('organization', migrations, process.env);
