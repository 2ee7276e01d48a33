import type { DataSource } from 'typeorm';
import type { DecisionPolicy } from '@sanshe/contracts';
import { type ChildDecisionOpening, streetExample } from '@sanshe/workflows';
import type { AdministrativeAreas } from '../../administrative-areas/domain/administrative-areas';
import type { ApplyParkedUpdatesHandler } from '../../decisions/application/apply-parked-updates';
import type { ControllerMap } from '../../parties/domain/controller-map';
import type { PolicyRepository } from '../../policies/domain/policy.repository';
import type { DecisionArea } from '../../policies/domain/policy-resolution';
import { ChildDecisionActivitiesProvider } from './child-decision-activities';

const LINEAGE = { communityCode: '310104-005-001', streetCode: '310104-005', districtCode: '310104' };
const programPolicy: DecisionPolicy = {
  ...streetExample.policy(),
  policyId: 'program.prog-2026-elderly-care.milestone-verification',
  decisionKind: 'milestone-verification',
  communityCode: null,
  programId: 'prog-2026-elderly-care',
};

/** The provider over fakes: the areas it asked the policy store for. */
function provider() {
  const asked: DecisionArea[] = [];
  const policies = {
    resolve: jest.fn(async (_kind: string, area: DecisionArea) => {
      asked.push(area);
      return { policy: programPolicy, createdAt: new Date(0), createdBy: null, resolvedFrom: 'program' };
    }),
  };
  const controllers = { resolver: async () => (partyId: string) => partyId.slice(0, partyId.indexOf(':')) };
  const areas = { lineage: async () => LINEAGE };
  const activities = new ChildDecisionActivitiesProvider(
    {} as DataSource,
    policies as unknown as PolicyRepository,
    areas as unknown as AdministrativeAreas,
    controllers as unknown as ControllerMap,
    {} as ApplyParkedUpdatesHandler,
    { GOVERNANCE_VOTE_GRACE_MS: 0 },
  ).activities();
  return { activities, asked };
}

const opening: ChildDecisionOpening = {
  kind: 'milestone-verification',
  subjectId: 'grant-2026-0007.t1',
  communityCode: LINEAGE.communityCode,
  proposerId: 'organization:org-2026-0042',
  title: '第1期里程碑核验',
  summary: 'Tranche 1 of grant-2026-0007: 14400.00 CNY',
  openedBy: { eventId: 'evt-7', type: 'sanshe.organization.activity.completed.v1' },
  programId: 'prog-2026-elderly-care',
};

describe('ChildDecisionActivitiesProvider.prepareChildDecision', () => {
  it("resolves the policy of the opening's program first, and leaves the program out of the child's input", async () => {
    const { activities, asked } = provider();
    const input = await activities.prepareChildDecision(opening);
    expect(asked).toEqual([{ ...LINEAGE, programId: 'prog-2026-elderly-care' }]);
    expect(input).not.toHaveProperty('programId');
    expect(input).toMatchObject({
      decisionId: 'decision/milestone-verification/grant-2026-0007.t1',
      subjectId: opening.subjectId,
      policy: { policyId: programPolicy.policyId },
    });
  });

  it('asks for no program when the opening names none (an hours dispute)', async () => {
    const { activities, asked } = provider();
    const withoutProgram: ChildDecisionOpening = { ...opening };
    delete withoutProgram.programId;
    await activities.prepareChildDecision(withoutProgram);
    expect(asked).toEqual([LINEAGE]);
  });
});
