import type { ChaosScenario } from '../harness/scenario';
import { baseline } from './baseline';
import { consumerKills } from './consumer-kills';
import { governanceCrashWindow } from './governance-crash-window';
import { governanceEarlyEvents } from './governance-early-events';
import { inboxCommitKills } from './inbox-commit-kills';
import { kafkaFaults } from './kafka-faults';
import { outages } from './outages';
import { stuckWorkflows } from './stuck-workflows';
import { temporalKill } from './temporal-kill';
import { zombieConsumer } from './zombie-consumer';

/** Every scenario `npm run chaos` runs, in this order. Add a scenario here (README "Writing a scenario"). */
export const SCENARIOS: ChaosScenario[] = [
  baseline,
  consumerKills,
  inboxCommitKills,
  outages,
  kafkaFaults,
  zombieConsumer,
  governanceCrashWindow,
  stuckWorkflows,
  temporalKill,
  governanceEarlyEvents,
];
