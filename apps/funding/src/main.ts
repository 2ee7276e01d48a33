import { bootService } from '@sanshe/service-kit';
import { AppModule } from './app.module';

bootService(
  'funding',
  'Funding programs and grants: budgets, milestone tranches and a double-entry ledger that never pays twice.',
  AppModule.forRoot,
);
