import { migrate } from '@sanshe/persistence';
import { loadServiceConfig } from '@sanshe/service-kit';
import { describeServiceHealth } from '@sanshe/testing';
import { migrations } from '../migrations';
import { AppModule } from '../src/app.module';
import { loadGovernanceConfig } from '../src/config/governance-config';

const config = loadServiceConfig('governance', { ...process.env, PORT: '0' });

describeServiceHealth(
  'governance',
  () => AppModule.forRoot(config, loadGovernanceConfig({}), { portalIds: [] }),
  ['postgres', 'kafka', 'outbox', 'inbox', 'temporal', 'bridge'],
  () => migrate({ url: config.DATABASE_URL, schema: 'governance', migrations }),
);
