import { communityOutvotedStage } from './decisions/community-outvoted';
import { filedActivityStage } from './decisions/filed-activity';
import { needsStage } from './decisions/needs';
import { proposalsStage } from './decisions/proposals';
import { streetArbitrationStage } from './decisions/street-arbitration';
import { talentAmendmentStage } from './decisions/talent-amendment';
import { evaluationsStage } from './evaluations/evaluations';
import { activityReportsStage } from './money/activity-reports';
import { grantsStage } from './money/grants';
import { moneyPoliciesStage } from './money/money-policies';
import { tranchesStage } from './money/tranches';
import { areasStage } from './seed/areas';
import { organizationsStage } from './seed/organizations';
import { programsStage } from './seed/programs';
import { streetOfficesStage } from './seed/street-offices';
import { talentStage } from './seed/talent';
import type { Stage } from './stage';
import { fundingGapStage } from './warnings/funding-gap';
import { workforceRiskStage } from './warnings/workforce-risk';

/**
 * The loop of docs/demo.md, in order: each stage only through the services' HTTP APIs and portal commands
 * (portal-sim), reading what earlier stages made from the context's ids.
 */
export const STAGES: readonly Stage[] = [
  // Seeding the run's own district (seed/).
  areasStage,
  organizationsStage,
  talentStage,
  streetOfficesStage,
  programsStage,
  moneyPoliciesStage, // the programs' award and verification policies, before any award is decided
  // The decisions (decisions/).
  needsStage,
  proposalsStage,
  talentAmendmentStage,
  communityOutvotedStage,
  filedActivityStage,
  streetArbitrationStage,
  // The money (money/): grants awarded and activated, activity reports with evidence, milestones verified,
  // noticed and paid in tranches, evaluations.
  grantsStage,
  activityReportsStage,
  tranchesStage,
  evaluationsStage,
  // The early warnings (warnings/).
  workforceRiskStage,
  fundingGapStage,
];
