import type { DecisionPolicy } from '@sanshe/contracts';
import { streetExample } from '@sanshe/workflows';
import type { AdministrativeAreas } from '../../administrative-areas/domain/administrative-areas';
import type { ControllerMap } from '../../parties/domain/controller-map';
import type { PolicyRepository } from '../../policies/domain/policy.repository';
import type { DecisionArea } from '../../policies/domain/policy-resolution';
import type { TemporalClientHolder } from '../infrastructure/temporal-client-holder';
import { type DecisionOpening, OpenDecisionHandler } from './open-decision';

const LINEAGE = { communityCode: '310104-005-001', streetCode: '310104-005', districtCode: '310104' };
const programPolicy: DecisionPolicy = {
  ...streetExample.policy(),
  policyId: 'program.prog-2026-elderly-care.grant-award',
  decisionKind: 'grant-award',
  communityCode: null,
  programId: 'prog-2026-elderly-care',
};

/** The handler over fakes: what it asked the policy store for, and what it started the workflow with. */
function handler() {
  const asked: DecisionArea[] = [];
  const policies = {
    resolve: jest.fn(async (_kind: string, area: DecisionArea) => {
      asked.push(area);
      return { policy: programPolicy, createdAt: new Date(0), createdBy: null, resolvedFrom: 'program' };
    }),
  };
  const start = jest.fn().mockResolvedValue(undefined);
  const temporal = { bounded: (call: (client: unknown) => Promise<unknown>) => call({ workflow: { start } }) };
  const controllers = { resolver: async () => (partyId: string) => partyId.slice(0, partyId.indexOf(':')) };
  const areas = { lineage: async () => LINEAGE };
  const open = new OpenDecisionHandler(
    policies as unknown as PolicyRepository,
    temporal as unknown as TemporalClientHolder,
    controllers as unknown as ControllerMap,
    'governance',
    { GOVERNANCE_VOTE_GRACE_MS: 0 },
    areas as unknown as AdministrativeAreas,
  );
  return { open, asked, start };
}

const opening: DecisionOpening = {
  decisionId: 'decision/grant-award/grant-2026-0007',
  kind: 'grant-award',
  subjectId: 'grant-2026-0007',
  communityCode: LINEAGE.communityCode,
  proposerId: 'funder:xuhui-civil-affairs',
  title: '2026年度社区长者午餐与探访项目资助',
  summary: 'Grant of 48000.00 CNY',
  programId: 'prog-2026-elderly-care',
};

describe('OpenDecisionHandler', () => {
  it("resolves the policy of the opening's program first, and starts the workflow with the input it always had", async () => {
    const { open, asked, start } = handler();
    const openedBy = { eventId: 'evt-1', type: 'sanshe.funding.grant.awarded.v1' };
    expect(await open.execute({ opening, openedBy, owner: 'funding' })).toBe('started');
    expect(asked).toEqual([{ ...LINEAGE, programId: 'prog-2026-elderly-care' }]);
    const [[, options]] = start.mock.calls as [[string, { args: [Record<string, unknown>] }]];
    expect(options.args[0]).not.toHaveProperty('programId');
    expect(options.args[0]).toMatchObject({
      decisionId: opening.decisionId,
      policy: { policyId: programPolicy.policyId },
    });
  });

  it('asks for no program when the opening is about none', async () => {
    const { open, asked } = handler();
    const withoutProgram: DecisionOpening = { ...opening };
    delete withoutProgram.programId;
    await open.execute({ opening: withoutProgram, openedBy: { eventId: 'evt-2', type: 't' }, owner: 'funding' });
    expect(asked).toEqual([LINEAGE]);
  });
});
