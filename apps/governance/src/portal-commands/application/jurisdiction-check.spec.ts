import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { Portal } from '../../portals/domain/portal';
import type { PortalRepository } from '../../portals/domain/portal.repository';
import type { SubjectAreas } from '../domain/subject-areas';
import { PortalJurisdictionCheck } from './jurisdiction-check';

const manager = {} as EntityManager;
const street = { portalId: 'street-xinhua', jurisdiction: ['310104-005'], status: 'active' } as Portal;
const command = (type: string, data: Record<string, unknown>) => ({ type, data }) as unknown as SansheEvent<EventType>;
const arbitration = command('sanshe.portal.decision.arbitrated.v1', { decisionId: 'decision/activity-proposal/p-1' });

function check(portal: Portal | null, areas: Partial<Record<keyof SubjectAreas, string | null>> = {}) {
  const fakeAreas = {
    ofDecision: jest.fn().mockResolvedValue(areas.ofDecision ?? null),
    ofFiling: jest.fn().mockResolvedValue(areas.ofFiling ?? null),
    ofGrant: jest.fn().mockResolvedValue(areas.ofGrant ?? null),
  };
  const portals = { find: jest.fn().mockResolvedValue(portal) };
  return {
    jurisdiction: new PortalJurisdictionCheck(
      portals as unknown as PortalRepository,
      fakeAreas as unknown as SubjectAreas,
    ),
    fakeAreas,
  };
}

describe('PortalJurisdictionCheck', () => {
  it("lets a street office act on its street's communities", async () => {
    const { jurisdiction, fakeAreas } = check(street, { ofDecision: '310104-005-001' });
    await expect(jurisdiction.refusal(manager, 'street-xinhua', arbitration)).resolves.toBeNull();
    expect(fakeAreas.ofDecision).toHaveBeenCalledWith(manager, 'decision/activity-proposal/p-1');
  });

  it('refuses a decision about another street outside-jurisdiction, naming the area and the jurisdiction', async () => {
    const { jurisdiction } = check(street, { ofDecision: '310104-011-002' });
    await expect(jurisdiction.refusal(manager, 'street-xinhua', arbitration)).resolves.toEqual({
      code: 'outside-jurisdiction',
      reason: expect.stringMatching(/decision\/activity-proposal\/p-1 is about 310104-011-002, outside .*310104-005/),
    });
  });

  it("checks a disbursement request against its grant's community and a call-in against its filing's", async () => {
    const objection = command('sanshe.portal.disbursement.objection-raised.v1', { grantId: 'g-1', trancheNo: 1 });
    const callIn = command('sanshe.portal.filing.call-in-requested.v1', {
      proposalId: 'p-2',
      decisionId: 'decision/activity-proposal/p-2',
    });
    const { jurisdiction, fakeAreas } = check(street, { ofGrant: '310105-001-001', ofFiling: '310104-005-003' });
    await expect(jurisdiction.refusal(manager, 'street-xinhua', objection)).resolves.toMatchObject({
      code: 'outside-jurisdiction',
    });
    expect(fakeAreas.ofGrant).toHaveBeenCalledWith('g-1');
    await expect(jurisdiction.refusal(manager, 'street-xinhua', callIn)).resolves.toBeNull();
    expect(fakeAreas.ofFiling).toHaveBeenCalledWith(manager, 'p-2');
  });

  it('refuses everything from a suspended portal', async () => {
    const { jurisdiction } = check({ ...street, status: 'suspended' }, { ofDecision: '310104-005-001' });
    await expect(jurisdiction.refusal(manager, 'street-xinhua', arbitration)).resolves.toMatchObject({
      code: 'portal-suspended',
    });
  });

  it('checks nothing for a portal the registry does not know, nor a subject whose area is not known yet', async () => {
    await expect(
      check(null, { ofDecision: '310105' }).jurisdiction.refusal(manager, 'x', arbitration),
    ).resolves.toBeNull();
    await expect(check(street).jurisdiction.refusal(manager, 'street-xinhua', arbitration)).resolves.toBeNull();
  });
});
