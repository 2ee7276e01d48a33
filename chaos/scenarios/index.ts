import type { ChaosScenario } from '../harness/scenario';
import { baseline } from './baseline';
import { consumerKills } from './consumer-kills';

/** Every scenario `npm run chaos` runs, in this order. Add a scenario here (README "Writing a scenario"). */
export const SCENARIOS: ChaosScenario[] = [baseline, consumerKills];
