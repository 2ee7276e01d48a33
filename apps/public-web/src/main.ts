import './tracing'; // first: see tracing.ts
import { bootService } from '@sanshe/service-kit';
import { AppModule } from './app.module';
import { PUBLIC_WEB_TOPICS } from './transparency/interface/events/public-events.controller';

bootService(
  'public-web',
  "Sanshe's public transparency page: per community, its needs, the decisions about it and each party's vote, " +
    'the money awarded and paid per tranche, and evaluations. Public facts only; no token needed.',
  (config) => AppModule.forRoot(config),
  { consumes: () => PUBLIC_WEB_TOPICS },
);
