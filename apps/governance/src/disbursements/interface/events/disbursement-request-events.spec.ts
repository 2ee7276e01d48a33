import type { EntityManager } from 'typeorm';
import { createEvent, type EventType, type SansheEvent } from '@sanshe/contracts';
import { type Delivery, type EventHandler, PermanentEventError } from '@sanshe/messaging';
import { disbursementRequestEventHandlers } from './disbursement-request-events';

const manager = {} as EntityManager;
const delivery: Delivery = { topic: 'sanshe.community.events', partition: 0, offset: '1', timestamp: '0' };
const reason = { code: 'evidence-false', text: '签到表与现场照片不符，服务人次存疑' };
const RESIDENTS = 'residents:310104-005-001';
const FUNDER = 'funder:district-civil-affairs-fund';
const grant = { grantId: 'grant-7', organizationId: 'org-1', funderId: FUNDER };

const objection = (extra: Record<string, unknown> = {}) =>
  createEvent({
    type: 'sanshe.community.disbursement.objection-raised.v1',
    source: 'sanshe/community',
    subject: 'grant-7',
    data: { grantId: 'grant-7', trancheNo: 2, partyId: RESIDENTS, castBy: RESIDENTS, reason, ...extra },
  });
const clawback = () =>
  createEvent({
    type: 'sanshe.talent.disbursement.clawback-proposed.v1',
    source: 'sanshe/talent',
    subject: 'grant-7',
    data: {
      grantId: 'grant-7',
      trancheNo: 1,
      amount: { amountFen: 50_000, currency: 'CNY' },
      partyId: 'talent:independent-assessor',
      castBy: 'talent:independent-assessor',
      reason,
    },
  });
const cancellation = (partyId: string, type: 'funding' | 'portal' = 'funding') =>
  createEvent({
    type: `sanshe.${type}.disbursement.cancellation-requested.v1`,
    source: type === 'funding' ? 'sanshe/funding' : 'portal/xuhui-civil-affairs',
    subject: 'grant-7',
    data: {
      grantId: 'grant-7',
      partyId,
      castBy: partyId,
      reason: { code: 'budget-withdrawn', text: '区财政年中调整，资金收回' },
    },
  });
const deregistered = (status: string) =>
  createEvent({
    type: 'sanshe.organization.organization.updated.v1',
    source: 'sanshe/organization',
    subject: 'org-1',
    data: {
      organizationId: 'org-1',
      name: '长者关爱服务中心',
      type: 'private-non-enterprise',
      status: status as 'deregistered',
      registrationDistrictCode: '310104',
      communitiesServed: ['310104-005-001'],
      grade: null,
      revision: 4,
    },
  });

function handlers({
  wrongChannel = null as string | null,
  applied = 'accepted' as unknown,
  controller = 'funding',
} = {}) {
  const apply = { execute: jest.fn().mockResolvedValue(applied) };
  const refuse = { execute: jest.fn().mockResolvedValue(undefined), accepted: jest.fn() };
  const channels = { refusal: jest.fn().mockResolvedValue(wrongChannel) };
  const grants = {
    find: jest.fn().mockResolvedValue(grant),
    ofOrganization: jest.fn().mockResolvedValue(['grant-7', 'grant-8']),
  };
  const controllers = { resolver: jest.fn().mockResolvedValue(() => controller) };
  const all = disbursementRequestEventHandlers({ apply, refuse, channels, grants, controllers });
  const handle = (event: SansheEvent<EventType>) =>
    (all[event.type] as EventHandler<EventType>)(event, manager, delivery);
  return { all, handle, apply, refuse, channels, grants };
}

describe('disbursementRequestEventHandlers', () => {
  it('handles every context’s objection and clawback, the funder’s cancellations and the registry’s updates', () => {
    expect(Object.keys(handlers().all).sort()).toEqual(
      [
        ...['community', 'talent', 'funding', 'portal'].flatMap((c) => [
          `sanshe.${c}.disbursement.objection-raised.v1`,
          `sanshe.${c}.disbursement.clawback-proposed.v1`,
        ]),
        'sanshe.funding.disbursement.cancellation-requested.v1',
        'sanshe.portal.disbursement.cancellation-requested.v1',
        'sanshe.organization.organization.updated.v1',
      ].sort(),
    );
  });

  it('applies an objection on the party’s channel as objectDuringNotice, the event its update identity', async () => {
    const { handle, apply, channels, refuse } = handlers();
    const event = objection();
    await handle(event);
    expect(channels.refusal).toHaveBeenCalledWith(event, delivery, { partyIds: [RESIDENTS] });
    expect(apply.execute).toHaveBeenCalledWith({
      grantId: 'grant-7',
      request: {
        kind: 'objection',
        objection: { trancheNo: 2, partyId: RESIDENTS, castBy: RESIDENTS, reason: `[evidence-false] ${reason.text}` },
      },
      event,
    });
    expect(refuse.execute).not.toHaveBeenCalled();
    // Applied: a portal's request is answered accepted (refuse.accepted: nothing for a service's event).
    expect(refuse.accepted).toHaveBeenCalledWith(manager, event, 'grant-7');
  });

  it('answers an objection from the wrong channel with request-refused wrong-channel, applying nothing', async () => {
    const { handle, apply, refuse } = handlers({ wrongChannel: 'arrived on sanshe.talent.events' });
    const event = objection();
    await expect(handle(event)).resolves.toBeUndefined();
    expect(apply.execute).not.toHaveBeenCalled();
    expect(refuse.execute).toHaveBeenCalledWith(manager, {
      event,
      grantId: 'grant-7',
      partyId: RESIDENTS,
      code: 'wrong-channel',
      reason: 'arrived on sanshe.talent.events',
    });
  });

  it('refuses a request cast by someone else than its party as wrong-identity, as votes', async () => {
    const { handle, apply, refuse } = handlers();
    await handle(objection({ castBy: 'community:310104-005-001' }));
    expect(apply.execute).not.toHaveBeenCalled();
    expect(refuse.execute).toHaveBeenCalledWith(manager, expect.objectContaining({ code: 'wrong-identity' }));
  });

  it('answers the workflow’s refusal (already-objected) with its code and message', async () => {
    const { handle, refuse } = handlers({ applied: { code: 'already-objected', message: 'objected already' } });
    await handle(objection());
    expect(refuse.execute).toHaveBeenCalledWith(
      manager,
      expect.objectContaining({ code: 'already-objected', reason: 'objected already', partyId: RESIDENTS }),
    );
  });

  it('proposes a clawback in fen, opened by the event', async () => {
    const { handle, apply } = handlers();
    const event = clawback();
    await handle(event);
    expect(apply.execute).toHaveBeenCalledWith({
      grantId: 'grant-7',
      request: {
        kind: 'clawback',
        proposal: {
          trancheNo: 1,
          proposedBy: 'talent:independent-assessor',
          reason: `[evidence-false] ${reason.text}`,
          amountFen: 50_000,
          openedBy: { eventId: event.id, type: event.type },
        },
      },
      event,
    });
  });

  it('asks a cancellation for the grant’s funder, cause funder, opened by the event', async () => {
    const { handle, apply, refuse } = handlers();
    const event = cancellation(FUNDER);
    await handle(event);
    expect(apply.execute).toHaveBeenCalledWith({
      grantId: 'grant-7',
      request: {
        kind: 'cancellation',
        request: {
          requestedBy: FUNDER,
          cause: 'funder',
          reason: '[budget-withdrawn] 区财政年中调整，资金收回',
          openedBy: { eventId: event.id, type: event.type },
        },
      },
      event,
    });
    expect(refuse.execute).not.toHaveBeenCalled();
  });

  it('takes a portal’s cancellation only when the portal is the funder’s controller', async () => {
    const portal = 'portal:xuhui-civil-affairs';
    const speaks = handlers({ controller: portal });
    await speaks.handle(cancellation(portal, 'portal'));
    expect(speaks.apply.execute).toHaveBeenCalled();
    const other = handlers({ controller: 'funding' });
    await other.handle(cancellation(portal, 'portal'));
    expect(other.apply.execute).not.toHaveBeenCalled();
    expect(other.refuse.execute).toHaveBeenCalledWith(manager, expect.objectContaining({ code: 'not-funder' }));
  });

  it('refuses a cancellation by another funder as not-funder, applying nothing', async () => {
    const { handle, apply, refuse } = handlers();
    await handle(cancellation('funder:another-fund'));
    expect(apply.execute).not.toHaveBeenCalled();
    expect(refuse.execute).toHaveBeenCalledWith(
      manager,
      expect.objectContaining({ code: 'not-funder', partyId: 'funder:another-fund' }),
    );
  });
});

describe('a cancellation for a grant governance has no record of', () => {
  it('is refused unknown-grant before any Update: no funder is known to ask for it', async () => {
    const { handle, apply, refuse, grants } = handlers();
    grants.find.mockResolvedValue(null);
    await handle(cancellation('funder:any-fund'));
    expect(apply.execute).not.toHaveBeenCalled();
    expect(refuse.execute).toHaveBeenCalledWith(
      manager,
      expect.objectContaining({ code: 'unknown-grant', partyId: 'funder:any-fund' }),
    );
  });
});

describe('an organization’s deregistration', () => {
  it('asks a cancellation of each of its grants, cause organization-deregistered, by the organization', async () => {
    const { handle, apply, channels, refuse } = handlers({ applied: { code: 'wrong-stage', message: 'ended' } });
    const event = deregistered('deregistered');
    await handle(event);
    expect(channels.refusal).toHaveBeenCalledWith(event, delivery, { owner: 'organization' });
    const asked = apply.execute.mock.calls.map(([command]) => command);
    expect(asked.map((command) => command.grantId)).toEqual(['grant-7', 'grant-8']);
    expect(asked[0]).toMatchObject({
      event,
      request: {
        kind: 'cancellation',
        request: {
          requestedBy: 'organization:org-1',
          cause: 'organization-deregistered',
          openedBy: { eventId: event.id, type: event.type },
        },
      },
    });
    expect(refuse.execute).not.toHaveBeenCalled(); // the registry's fact is nobody's request
  });

  it('asks nothing for any other status', async () => {
    const { handle, apply, grants } = handlers();
    await handle(deregistered('suspended'));
    expect(apply.execute).not.toHaveBeenCalled();
    expect(grants.ofOrganization).not.toHaveBeenCalled();
  });

  it('dead-letters a deregistration from another channel: a fact, not a request', async () => {
    const { handle, apply } = handlers({ wrongChannel: 'arrived on sanshe.community.events' });
    await expect(handle(deregistered('deregistered'))).rejects.toThrow(PermanentEventError);
    expect(apply.execute).not.toHaveBeenCalled();
  });
});
