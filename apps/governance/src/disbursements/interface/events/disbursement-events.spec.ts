import type { EntityManager } from 'typeorm';
import { createEvent, type SansheEvent } from '@sanshe/contracts';
import { type Delivery, type EventHandler, PermanentEventError } from '@sanshe/messaging';
import { disbursementInputOf } from '../../application/start-disbursement';
import { disbursementEventHandlers } from './disbursement-events';

const manager = {} as EntityManager;
const delivery: Delivery = { topic: 'sanshe.funding.events', partition: 0, offset: '1', timestamp: '0' };
const tranche = (trancheNo: number, amountFen: number) => ({
  trancheNo,
  amount: { amountFen, currency: 'CNY' },
  milestone: `第${trancheNo}期`,
  dueDate: '2027-01-31',
});
const activated = (extra: Record<string, unknown> = {}) =>
  createEvent({
    type: 'sanshe.funding.grant.activated.v1',
    source: 'sanshe/funding',
    subject: 'grant-7',
    data: {
      grantId: 'grant-7',
      programId: 'prog-1',
      organizationId: 'org-1',
      communityCode: '310104-005-001',
      decisionId: 'decision/grant-award/grant-7',
      amount: { amountFen: 300, currency: 'CNY' },
      tranches: [tranche(1, 100), tranche(2, 200)],
      ...extra,
    },
  });

const HASH = 'a'.repeat(64);
const completed = (extra: Record<string, unknown> = {}) =>
  createEvent({
    type: 'sanshe.organization.activity.completed.v1',
    source: 'sanshe/organization',
    subject: 'act-9',
    data: {
      activityId: 'act-9',
      proposalId: 'prop-1',
      organizationId: 'org-1',
      communityCode: '310104-005-001',
      completedAt: '2026-11-20T10:00:00.000Z',
      sessionsHeld: 4,
      attendance: 30,
      evidence: [{ sha256: HASH, title: '签到表', kind: 'sign-in-sheet' }],
      ...extra,
    },
  });

const evidencePackage = (extra: Record<string, unknown> = {}) =>
  createEvent({
    type: 'sanshe.organization.milestone.evidence-submitted.v1',
    source: 'sanshe/organization',
    subject: 'grant-7',
    data: {
      packageId: 'evp-1',
      grantId: 'grant-7',
      trancheNo: 2,
      organizationId: 'org-1',
      submittedBy: 'organization:org-1',
      castBy: 'organization:org-1',
      summary: '第二季度服务报告',
      evidence: [{ sha256: HASH, title: '服务报告', kind: 'report' }],
      ...extra,
    },
  });

type Handled =
  | 'sanshe.funding.grant.activated.v1'
  | 'sanshe.organization.activity.completed.v1'
  | 'sanshe.organization.milestone.evidence-submitted.v1';

function handlers(wrongChannel: string | null = null, applied: unknown = 'accepted') {
  const start = { execute: jest.fn().mockResolvedValue('started') };
  const applyEvidence = { execute: jest.fn().mockResolvedValue(applied) };
  const channels = { refusal: jest.fn().mockResolvedValue(wrongChannel) };
  const refuse = { execute: jest.fn().mockResolvedValue(undefined) };
  const all = disbursementEventHandlers({ start, applyEvidence, channels, refuse });
  const handle = <T extends Handled>(event: SansheEvent<T>) =>
    (all[event.type] as EventHandler<T>)(event, manager, delivery);
  return { handle, start, applyEvidence, channels, refuse };
}

describe('disbursementEventHandlers', () => {
  it('starts the disbursement for a grant funding activated, checked on funding’s channel', async () => {
    const { handle, start, channels } = handlers();
    const event = activated();
    await handle(event);
    expect(channels.refusal).toHaveBeenCalledWith(event, delivery, { owner: 'funding' });
    expect(start.execute).toHaveBeenCalledWith(manager, event);
  });

  it('sends an activation from another channel to the dead letters as wrong-channel, starting nothing', async () => {
    const { handle, start } = handlers('arrived on the wrong topic');
    const refused = handle(activated());
    await expect(refused).rejects.toThrow(PermanentEventError);
    await expect(refused).rejects.toThrow(/^wrong-channel: grant grant-7 not started: arrived on the wrong topic/);
    expect(start.execute).not.toHaveBeenCalled();
  });
});

describe('milestone evidence (organization.activity.completed)', () => {
  const milestone = { grantId: 'grant-7', trancheNo: 2 };

  it('submits the evidence of a completion naming a grant tranche, as its organization, on its channel', async () => {
    const { handle, applyEvidence, channels } = handlers();
    const event = completed({ milestone });
    await handle(event);
    expect(channels.refusal).toHaveBeenCalledWith(event, delivery, { partyIds: ['organization:org-1'] });
    expect(applyEvidence.execute).toHaveBeenCalledWith(manager, {
      grantId: 'grant-7',
      submission: {
        trancheNo: 2,
        source: { type: 'activity-completed', id: 'act-9' },
        evidence: [{ sha256: HASH, kind: 'sign-in-sheet' }],
        submittedBy: 'organization:org-1',
      },
      event,
    });
  });

  it('leaves a completion without a milestone alone', async () => {
    const { handle, applyEvidence, channels } = handlers();
    await handle(completed());
    expect(channels.refusal).not.toHaveBeenCalled();
    expect(applyEvidence.execute).not.toHaveBeenCalled();
  });

  it('answers refused evidence with request-refused naming the workflow’s code, and consumes the event', async () => {
    const { handle, refuse } = handlers(null, { code: 'evidence-reused', message: 'already claimed elsewhere' });
    const event = completed({ milestone });
    await expect(handle(event)).resolves.toBeUndefined();
    expect(refuse.execute).toHaveBeenCalledWith(manager, {
      event,
      grantId: 'grant-7',
      partyId: 'organization:org-1',
      code: 'evidence-reused',
      reason: 'evidence act-9 for tranche 2: already claimed elsewhere',
    });
  });

  it('refuses evidence from another channel as wrong-channel (answered), applying nothing', async () => {
    const { handle, applyEvidence, refuse } = handlers('arrived on the wrong topic');
    await expect(handle(completed({ milestone }))).resolves.toBeUndefined();
    expect(applyEvidence.execute).not.toHaveBeenCalled();
    expect(refuse.execute).toHaveBeenCalledWith(manager, expect.objectContaining({ code: 'wrong-channel' }));
  });

  it('answers nothing for evidence accepted or parked', async () => {
    for (const applied of ['accepted', 'parked']) {
      const { handle, refuse } = handlers(null, applied);
      await handle(completed({ milestone }));
      expect(refuse.execute).not.toHaveBeenCalled();
    }
  });
});

describe('evidence packages (organization.milestone.evidence-submitted)', () => {
  it('submits the package as the tranche’s evidence, its source the package, on the organization’s channel', async () => {
    const { handle, applyEvidence, channels, refuse } = handlers();
    const event = evidencePackage();
    await handle(event);
    expect(channels.refusal).toHaveBeenCalledWith(event, delivery, { partyIds: ['organization:org-1'] });
    expect(applyEvidence.execute).toHaveBeenCalledWith(manager, {
      grantId: 'grant-7',
      submission: {
        trancheNo: 2,
        source: { type: 'evidence-package', id: 'evp-1' },
        evidence: [{ sha256: HASH, kind: 'report' }],
        submittedBy: 'organization:org-1',
      },
      event,
    });
    expect(refuse.execute).not.toHaveBeenCalled();
  });

  it('refuses a package sent by someone else than its submitter as wrong-identity, applying nothing', async () => {
    const { handle, applyEvidence, refuse } = handlers();
    const event = evidencePackage({ castBy: 'organization:org-2' });
    await handle(event);
    expect(applyEvidence.execute).not.toHaveBeenCalled();
    expect(refuse.execute).toHaveBeenCalledWith(manager, {
      event,
      grantId: 'grant-7',
      partyId: 'organization:org-1',
      code: 'wrong-identity',
      reason: expect.stringContaining('organization:org-2 cannot submit evidence for organization:org-1'),
    });
  });
});

describe('disbursementInputOf', () => {
  it('takes the tranches in fen, the program’s notice period and funder', () => {
    const input = disbursementInputOf(
      activated({ noticeWorkingDays: 7, funderId: 'funder:xuhui-civil-affairs', proposalId: 'prop-1' }),
    );
    expect(input).toEqual({
      grantId: 'grant-7',
      programId: 'prog-1',
      organizationId: 'org-1',
      communityCode: '310104-005-001',
      funderId: 'funder:xuhui-civil-affairs',
      proposalId: 'prop-1',
      amount: { amountFen: 300, currency: 'CNY' },
      noticeWorkingDays: 7,
      tranches: [
        { trancheNo: 1, amountFen: 100, milestone: '第1期', dueDate: '2027-01-31' },
        { trancheNo: 2, amountFen: 200, milestone: '第2期', dueDate: '2027-01-31' },
      ],
    });
  });

  it('gives 5 working days of notice and the district fund as funder when an older activation names neither', () => {
    const input = disbursementInputOf(activated());
    expect(input).toMatchObject({ noticeWorkingDays: 5, funderId: 'funder:district-civil-affairs-fund' });
    expect(input).not.toHaveProperty('proposalId');
  });
});
