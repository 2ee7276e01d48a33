/** Applies this service's pending migrations to its own schema (`npm run migrate` runs every service's). */
import { SERVICES } from '@sanshe/config';
import { runMigrationsCli } from '@sanshe/persistence';
import { migrations } from '.';

runMigrationsCli(SERVICES['public-web'].schema, migrations, process.env);
