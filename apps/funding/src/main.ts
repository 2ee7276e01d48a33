import './tracing'; // first: see tracing.ts
import { bootService } from '@sanshe/service-kit';
import { AppModule } from './app.module';
import { loadFundingConfig } from './config/funding-config';
import { fundingTopics } from './events/funding-consumer.controller';

const funding = loadFundingConfig(process.env);

bootService(
  'funding',
  'Funding programs and grants: budgets, milestone tranches and a double-entry ledger that never pays twice.',
  (config) => AppModule.forRoot(config, funding),
  { consumes: () => fundingTopics(funding) },
);
