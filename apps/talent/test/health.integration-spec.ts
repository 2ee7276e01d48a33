import { migrate } from '@sanshe/persistence';
import { loadServiceConfig } from '@sanshe/service-kit';
import { describeServiceHealth } from '@sanshe/testing';
import { migrations } from '../migrations';
import { AppModule } from '../src/app.module';
import { loadTalentConfig } from '../src/config/talent-config';

const config = loadServiceConfig('talent', { ...process.env, PORT: '0' });

describeServiceHealth(
  'talent',
  () => AppModule.forRoot(config, loadTalentConfig({})),
  ['postgres', 'kafka', 'outbox', 'inbox', 'temporal'],
  () => migrate({ url: config.DATABASE_URL, schema: 'talent', migrations }),
);
