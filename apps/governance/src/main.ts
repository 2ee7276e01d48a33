import { bootService } from '@sanshe/service-kit';
import { AppModule } from './app.module';

bootService(
  'governance',
  'The neutral orchestrator: multi-party decisions with no single veto, and grant disbursement, run as Temporal workflows.',
  AppModule.forRoot,
);
