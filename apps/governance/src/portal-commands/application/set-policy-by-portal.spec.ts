import { portalDecisionPolicySetRequested } from '@sanshe/contracts';
import type { SetPolicyHandler } from '../../policies/application/set-policy';
import { PolicyRulesBroken } from '../../policies/domain/policy-errors';
import type { Portal } from '../../portals/domain/portal';
import type { PortalRepository } from '../../portals/domain/portal.repository';
import { SetPolicyByPortalHandler } from './set-policy-by-portal';

const request = portalDecisionPolicySetRequested.example; // street 310104-005
const street = { portalId: 'street-310104-005', jurisdiction: ['310104-005'], status: 'active' } as Portal;

function handler(portal: Portal | null, execute = jest.fn()) {
  const portals = { find: jest.fn().mockResolvedValue(portal) };
  const set = new SetPolicyByPortalHandler(
    portals as unknown as PortalRepository,
    { execute } as unknown as SetPolicyHandler,
  );
  return { set, execute };
}

describe('SetPolicyByPortalHandler', () => {
  it('stores a policy of its own street through the same handler as PUT /policies, created by the portal', async () => {
    const execute = jest.fn().mockResolvedValue({ stored: { policy: { version: 4 } }, created: true });
    const { set } = handler(street, execute);
    await expect(set.execute('street-310104-005', request)).resolves.toEqual({
      accepted: { policyId: request.policyId, policyVersion: 4, created: true },
    });
    expect(execute).toHaveBeenCalledWith({
      policyId: request.policyId,
      body: request.policy,
      createdBy: 'portal:street-310104-005',
    });
  });

  it("refuses another street's, the district's, the default and a program's policy, storing nothing", async () => {
    const { set, execute } = handler(street);
    const scopes = [
      { streetCode: '310104-011' },
      { districtCode: '310104' },
      {},
      { programId: 'prog-2026-elderly-care' },
    ];
    for (const scope of scopes) {
      const unscoped = Object.entries(request.policy).filter(([field]) => field !== 'streetCode');
      const policy = { ...Object.fromEntries(unscoped), ...scope } as typeof request.policy;
      const result = await set.execute('street-310104-005', { ...request, policy });
      expect(result).toEqual({ refused: expect.objectContaining({ code: 'outside-jurisdiction' }) as unknown });
    }
    expect(execute).not.toHaveBeenCalled();
  });

  it('refuses a portal the registry does not know: it has no jurisdiction to set policies in', async () => {
    const { set, execute } = handler(null);
    await expect(set.execute('street-310104-005', request)).resolves.toEqual({
      refused: expect.objectContaining({ code: 'unknown-portal' }) as unknown,
    });
    expect(execute).not.toHaveBeenCalled();
  });

  it("answers a broken rule with the validator's reason, and rethrows what is not a policy's refusal", async () => {
    const violation = { rule: 'no-single-veto', message: 'community:{communityCode} alone can block it' };
    const broken = new PolicyRulesBroken(request.policyId, [violation] as never);
    const { set } = handler(street, jest.fn().mockRejectedValue(broken));
    await expect(set.execute('street-310104-005', request)).resolves.toEqual({
      refused: { code: 'policy-rules-broken', reason: expect.stringContaining('alone can block it') as unknown },
    });
    const down = new Error('connection terminated');
    await expect(
      handler(street, jest.fn().mockRejectedValue(down)).set.execute('street-310104-005', request),
    ).rejects.toBe(down);
  });
});
