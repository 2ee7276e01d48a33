import { migrate } from '@sanshe/persistence';
import { loadServiceConfig } from '@sanshe/service-kit';
import { describeServiceHealth } from '@sanshe/testing';
import { migrations } from '../migrations';
import { AppModule } from '../src/app.module';
import { loadOrganizationConfig } from '../src/config/organization-config';

const config = loadServiceConfig('organization', { ...process.env, PORT: '0' });

describeServiceHealth(
  'organization',
  () => AppModule.forRoot(config, loadOrganizationConfig({})),
  ['postgres', 'kafka', 'outbox', 'inbox'],
  () => migrate({ url: config.DATABASE_URL, schema: 'organization', migrations }),
);
