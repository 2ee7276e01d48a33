import './tracing'; // first: see tracing.ts
import { bootService } from '@sanshe/service-kit';
import { AppModule } from './app.module';
import { loadGovernanceConfig } from './config/governance-config';
import { heardPortalsAtBoot } from './decisions/infrastructure/heard-portals';
import { bridgeTopics } from './decisions/interface/events/decision-bridge.controller';

const governance = () => loadGovernanceConfig(process.env);

// The portals whose command topics the bridge reads are named by stored policies and controllers:
// read from the database before the module is built, since Nest subscribes when it builds it.
bootService<string[]>(
  'governance',
  'The neutral orchestrator: multi-party decisions with no single veto, and grant disbursement, run as Temporal workflows.',
  (config, portalIds) => AppModule.forRoot(config, governance(), { portalIds }),
  {
    prepare: (config) => heardPortalsAtBoot(config, governance()),
    consumes: (_config, portalIds) => bridgeTopics(portalIds),
  },
);
