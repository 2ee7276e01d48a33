import './tracing'; // first: see tracing.ts
import { bootService } from '@sanshe/service-kit';
import { AppModule } from './app.module';
import { loadTalentConfig } from './config/talent-config';
import { TALENT_TOPICS } from './events/talent-consumer.controller';

bootService(
  'talent',
  'Social workers (社工人才): qualifications, training, service hours, workforce-health indicators and recognition.',
  (config) => AppModule.forRoot(config, loadTalentConfig(process.env)),
  { consumes: () => TALENT_TOPICS },
);
