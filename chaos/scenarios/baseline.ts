import { approvalPlan } from '../harness/plan';
import type { ChaosScenario } from '../harness/scenario';

/** No fault: the plan and the oracle agree on a quiet system (if this fails, the harness is wrong). */
export const baseline: ChaosScenario = {
  name: 'baseline',
  description: 'no fault: every planned effect once',
  settlesAlone: true, // not under the next scenario's faults
  plan: ({ short }) => approvalPlan('baseline', short ? 3 : 6),
  run: (ctx) => ctx.produce(),
};
