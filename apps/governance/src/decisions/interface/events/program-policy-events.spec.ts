import type { EntityManager } from 'typeorm';
import { programOpened, type SansheEvent } from '@sanshe/contracts';
import { type EventHandler, PermanentEventError } from '@sanshe/messaging';
import type { SetProgramPoliciesHandler } from '../../../policies/application/set-program-policies';
import { PolicyRulesBroken } from '../../../policies/domain/policy-errors';
import type { ChannelCheck } from '../../application/channel-check';
import { programPolicyEventHandlers } from './program-policy-events';

type Opened = 'sanshe.funding.program.opened.v1';
const delivery = { topic: 'sanshe.funding.events', partition: 0, offset: '3', timestamp: '0' };
const event = {
  id: 'evt-prog-1',
  type: programOpened.type,
  source: 'sanshe/funding',
  data: programOpened.example,
} as unknown as SansheEvent<Opened>;

function handlers(refusal: string | null, execute: jest.Mock) {
  const channels = { refusal: jest.fn().mockResolvedValue(refusal) } as unknown as ChannelCheck;
  const setPolicies = { execute } as unknown as SetProgramPoliciesHandler;
  const all = programPolicyEventHandlers(channels, setPolicies);
  const opened = all['sanshe.funding.program.opened.v1'] as EventHandler<Opened>;
  return { all, channels, handle: () => opened(event, {} as EntityManager, delivery) };
}

describe('programPolicyEventHandlers', () => {
  it("handles program.opened and program.updated, checked on the funding context's channel", async () => {
    const execute = jest.fn().mockResolvedValue([]);
    const { all, channels, handle } = handlers(null, execute);
    expect(Object.keys(all)).toEqual(['sanshe.funding.program.opened.v1', 'sanshe.funding.program.updated.v1']);
    await handle();
    expect(channels.refusal).toHaveBeenCalledWith(event, delivery, { owner: 'funding' });
    expect(execute).toHaveBeenCalledWith(programOpened.example);
  });

  it('dead-letters a program from another channel as wrong-channel, storing nothing', async () => {
    const execute = jest.fn();
    const { handle } = handlers('only the funding context …', execute);
    await expect(handle()).rejects.toThrow(PermanentEventError);
    await expect(handle()).rejects.toThrow(/^wrong-channel: program prog-2026-elderly-care/);
    expect(execute).not.toHaveBeenCalled();
  });

  it('dead-letters a policy that breaks a rule, naming the rule and the party', async () => {
    const broken = new PolicyRulesBroken('program.prog-2026-elderly-care.grant-award', [
      {
        kind: 'single-approval',
        partyId: 'funder:xuhui-civil-affairs',
        message: 'funder:xuhui-civil-affairs could approve alone',
      },
    ] as unknown as ConstructorParameters<typeof PolicyRulesBroken>[1]);
    const { handle } = handlers(null, jest.fn().mockRejectedValue(broken));
    await expect(handle()).rejects.toThrow(PermanentEventError);
    await expect(handle()).rejects.toThrow(/^policy-rules-broken: .*funder:xuhui-civil-affairs could approve alone/);
  });

  it('lets any other failure through as it is, to be retried', async () => {
    const down = new Error('connection refused');
    const { handle } = handlers(null, jest.fn().mockRejectedValue(down));
    await expect(handle()).rejects.toBe(down);
  });
});
