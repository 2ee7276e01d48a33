import './tracing'; // first: see tracing.ts
import { bootService } from '@sanshe/service-kit';
import { AppModule } from './app.module';
import { loadCommunityConfig } from './config/community-config';
import { COMMUNITY_TOPICS } from './events/community-consumer.controller';

bootService(
  'community',
  "Communities (社区): the platform where residents, organizations and social workers meet. Residents' data stays with the community and is shared only by rule and consent.",
  (config) => AppModule.forRoot(config, loadCommunityConfig(process.env)),
  { consumes: () => COMMUNITY_TOPICS },
);
