import type { DecisionPolicyInput, ProgramPolicyRules } from '@sanshe/contracts';
import type { ControllerMap } from '../../parties/domain/controller-map';
import { PolicyInputInvalid, PolicyRulesBroken } from '../domain/policy-errors';
import type { PolicyRepository } from '../domain/policy.repository';
import type { VersionDecision } from '../domain/policy-versioning';
import type { StoredPolicy } from '../domain/stored-policy';
import { SetPolicyHandler } from './set-policy';
import { SetProgramPoliciesHandler } from './set-program-policies';

/** A policy store in memory: the latest version of each id, and who set it. */
function memoryStore() {
  const rows = new Map<string, StoredPolicy>();
  const repository = {
    append: async (
      input: DecisionPolicyInput,
      createdBy: string | null,
      decide: (latest: StoredPolicy | null, scopeHolder: string | null) => VersionDecision,
    ) => {
      const decision = decide(rows.get(input.policyId) ?? null, null);
      if (decision.kind === 'unchanged') return { stored: decision.latest, created: false };
      const stored = { policy: { ...input, version: decision.version }, createdAt: new Date(0), createdBy };
      rows.set(input.policyId, stored);
      return { stored, created: true };
    },
  };
  return { rows, repository: repository as unknown as PolicyRepository };
}

const controllers = {
  resolver: async () => (partyId: string) =>
    partyId.startsWith('portal:') ? partyId : partyId.slice(0, partyId.indexOf(':')),
} as unknown as ControllerMap;

const seat = (partyId: string, weight: number) => ({
  partyId,
  kind: partyId.slice(0, partyId.indexOf(':')),
  title: partyId,
  weight,
  voteWindowHours: 72,
});

/** The funder, the residents' committee and the organizations' peer: no one approves or blocks alone. */
const award: ProgramPolicyRules = {
  title: '养老服务资助项目的资助决策',
  parties: [seat('funder:xuhui-civil-affairs', 2), seat('community:{communityCode}', 2), seat('talent:peers', 2)],
  quorum: 4,
  deliberationHours: 48,
  maxAmendments: 1,
  escalation: [
    { arbiterId: 'portal:xuhui-civil-affairs', title: '区民政局', deadlineHours: 72, defaultOutcome: 'rejected' },
  ],
};

function handler() {
  const store = memoryStore();
  return { ...store, setPrograms: new SetProgramPoliciesHandler(new SetPolicyHandler(store.repository, controllers)) };
}

describe('SetProgramPoliciesHandler', () => {
  const program = { programId: 'prog-2026-elderly-care', funderId: 'funder:xuhui-civil-affairs' };

  it("stores award and verify as the program's grant-award and milestone-verification policies, set by the funder", async () => {
    const { setPrograms, rows } = handler();
    const outcomes = await setPrograms.execute({
      ...program,
      policies: { award, verify: { ...award, deliberationHours: 24 } },
    });
    expect(outcomes).toEqual([
      { policyId: 'program.prog-2026-elderly-care.grant-award', version: 1, created: true },
      { policyId: 'program.prog-2026-elderly-care.milestone-verification', version: 1, created: true },
    ]);
    expect(rows.get('program.prog-2026-elderly-care.grant-award')).toMatchObject({
      policy: { decisionKind: 'grant-award', programId: 'prog-2026-elderly-care', communityCode: null, quorum: 4 },
      createdBy: 'funder:xuhui-civil-affairs',
    });
  });

  it('stores no new version when the program says the same again', async () => {
    const { setPrograms } = handler();
    await setPrograms.execute({ ...program, policies: { award } });
    expect(await setPrograms.execute({ ...program, policies: { award } })).toEqual([
      { policyId: 'program.prog-2026-elderly-care.grant-award', version: 1, created: false },
    ]);
    expect(await setPrograms.execute({ ...program, policies: { award: { ...award, deliberationHours: 24 } } })).toEqual(
      [{ policyId: 'program.prog-2026-elderly-care.grant-award', version: 2, created: true }],
    );
  });

  it('refuses a policy that lets the funder approve alone, naming it, and stores none of the program', async () => {
    const { setPrograms, rows } = handler();
    const alone = { ...award, parties: [seat('funder:xuhui-civil-affairs', 4), ...award.parties.slice(1)] };
    const refused = setPrograms.execute({ ...program, policies: { award, verify: alone } });
    await expect(refused).rejects.toThrow(PolicyRulesBroken);
    await expect(refused).rejects.toThrow(/funder:xuhui-civil-affairs/);
    expect(rows.size).toBe(0);
  });

  it('refuses rules that name an area besides the program (two scopes), naming the field', async () => {
    const { setPrograms } = handler();
    const withStreet = { ...award, streetCode: '310104-005' } as ProgramPolicyRules;
    await expect(setPrograms.execute({ ...program, policies: { award: withStreet } })).rejects.toThrow(
      PolicyInputInvalid,
    );
    await expect(setPrograms.execute({ ...program, policies: { award: withStreet } })).rejects.toThrow(
      /\/streetCode .*programId and streetCode/,
    );
  });

  it('stores nothing for a program without policies', async () => {
    const { setPrograms, rows } = handler();
    expect(await setPrograms.execute(program)).toEqual([]);
    expect(rows.size).toBe(0);
  });
});
