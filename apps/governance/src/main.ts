import { bootService } from '@sanshe/service-kit';
import { AppModule } from './app.module';
import { loadGovernanceConfig } from './config/governance-config';
import { bridgeTopics } from './decisions/interface/events/decision-bridge.controller';

bootService(
  'governance',
  'The neutral orchestrator: multi-party decisions with no single veto, and grant disbursement, run as Temporal workflows.',
  (config) => AppModule.forRoot(config, loadGovernanceConfig(process.env)),
  { consumes: () => bridgeTopics(loadGovernanceConfig(process.env).GOVERNANCE_PORTALS) },
);
