import {
  ALLOWED,
  applyDiscard,
  applyEdit,
  applyFile,
  applySubmit,
  contentOf,
  type Proposal,
  PROPOSAL_COMMANDS,
  PROPOSAL_STATUSES,
  type ProposalCommand,
  type ProposalStatus,
  type Step,
} from './proposal';
import {
  CommunityNotServed,
  InvalidTransition,
  NotLowRisk,
  OrganizationNotRegistered,
  ProposalInputInvalid,
} from './proposal-errors';
import { COMPLETE, draft, FILING, proposalIn, REGISTERED, AT } from './proposal.fixtures';
import { applyAmend, applyWithdraw } from './proposal-requests';

const REASON = { code: 'no-longer-needed', text: '居委会已安排其他服务。' };

const run: Record<ProposalCommand, (p: Proposal) => Step> = {
  edit: (p) => applyEdit(p, { title: '新标题' }),
  discard: (p) => applyDiscard(p),
  submit: (p) => applySubmit(p, REGISTERED),
  file: (p) => applyFile(p, REGISTERED, FILING, AT),
  amend: (p) =>
    applyAmend(p, { revisionText: '改为社区食堂', changes: { expectedParticipants: 40 }, createdBy: 'u', at: AT }),
  withdraw: (p) => applyWithdraw(p, REASON, AT),
};

/** What each allowed command leads to: the new status and the facts' types. */
const OUTCOME: Record<ProposalCommand, (from: ProposalStatus) => [ProposalStatus, string[]]> = {
  edit: () => ['draft', []],
  discard: () => ['discarded', []],
  submit: () => ['submitted', ['proposal.submitted']],
  file: () => ['filed', ['proposal.filed', 'activity.schedule']],
  amend: (from) => [from, ['proposal.amended']],
  withdraw: (from) =>
    from === 'filed' ? ['withdrawn', ['proposal.withdrawn', 'activity.cancel']] : [from, ['proposal.withdrawn']],
};

describe('proposal lifecycle: every status × command', () => {
  const cells = PROPOSAL_STATUSES.flatMap((status) => PROPOSAL_COMMANDS.map((command) => [status, command] as const));

  it.each(cells)('%s × %s', (status, command) => {
    const proposal = proposalIn(status);
    if (ALLOWED[status].includes(command)) {
      const { state, facts } = run[command](proposal);
      const [expectedStatus, expectedFacts] = OUTCOME[command](status);
      expect(state.status).toBe(expectedStatus);
      expect(facts.map((f) => f.type)).toEqual(expectedFacts);
    } else {
      const refusal = (() => {
        try {
          run[command](proposal);
        } catch (error) {
          return error;
        }
        return null;
      })();
      expect(refusal).toBeInstanceOf(InvalidTransition);
      expect(refusal).toMatchObject({ status, attempted: command, allowed: ALLOWED[status] });
    }
  });

  it('the allowed commands of each status, as the 409 names them', () => {
    expect(ALLOWED).toEqual({
      draft: ['edit', 'discard', 'submit', 'file'],
      submitted: ['amend', 'withdraw'],
      filed: ['withdraw'],
      'under-review': ['amend', 'withdraw'],
      deliberation: ['amend', 'withdraw'],
      escalated: ['amend', 'withdraw'],
      approved: [],
      rejected: [],
      withdrawn: [],
      discarded: [],
    });
  });
});

describe('submit and file', () => {
  it('submit sends revision 1 with its event id and every field of the content', () => {
    const { state, facts } = applySubmit(draft(), REGISTERED);
    expect(state.revisions).toEqual([
      expect.objectContaining({
        revisionNo: 1,
        status: 'sent',
        eventId: 'sanshe.organization.proposal.submitted.v1:prop-1',
        content: COMPLETE,
      }),
    ]);
    expect(facts[0]).toMatchObject({ type: 'proposal.submitted', revision: { content: COMPLETE } });
  });

  it('only a registered organization submits, only to a community it serves', () => {
    expect(() => applySubmit(draft(), { ...REGISTERED, status: 'provisional' })).toThrow(OrganizationNotRegistered);
    expect(() => applySubmit(draft(), { ...REGISTERED, communitiesServed: ['310104-005-002'] })).toThrow(
      CommunityNotServed,
    );
  });

  it('an incomplete draft is refused naming each missing field, in order', () => {
    const { title: _t, category: _c, staffingPlan: _s, ...rest } = COMPLETE;
    const error = (() => {
      try {
        applySubmit(draft(rest), REGISTERED);
      } catch (e) {
        return e as ProposalInputInvalid;
      }
    })();
    expect(error).toBeInstanceOf(ProposalInputInvalid);
    expect(error!.problems.map((p) => p.path)).toEqual(['/title', '/category', '/staffingPlan']);
    expect(() => applyFile(draft(rest), REGISTERED, FILING, AT)).toThrow(ProposalInputInvalid);
  });

  it('a broken schedule is refused naming its field under /schedule', () => {
    const schedule = { ...COMPLETE.schedule!, recurrence: { ...COMPLETE.schedule!.recurrence!, endTime: '09:00' } };
    expect(() => applySubmit(draft({ ...COMPLETE, schedule }), REGISTERED)).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ path: '/schedule/recurrence/endTime' })] }),
    );
  });

  it('file schedules the activity with the expanded sessions, basis filed', () => {
    const { state, facts } = applyFile(draft(), REGISTERED, FILING, AT);
    expect(state).toMatchObject({ status: 'filed', filingRuleVersion: 1 });
    expect(facts[0]).toMatchObject({ type: 'proposal.filed', filedAt: AT });
    expect(facts[1]).toMatchObject({ type: 'activity.schedule', basis: 'filed' });
    expect(facts[1]!.type === 'activity.schedule' && facts[1].sessions).toHaveLength(6);
  });

  it('a proposal that is not low-risk is refused with every violation', () => {
    const risky = { ...COMPLETE, venueId: 'venue-1', usesResidentData: true };
    const error = (() => {
      try {
        applyFile(draft(risky), REGISTERED, FILING, AT);
      } catch (e) {
        return e as NotLowRisk;
      }
    })();
    expect(error).toBeInstanceOf(NotLowRisk);
    expect(error!.violations.map((v) => v.path)).toEqual(['/venueId', '/usesResidentData']);
  });

  it('edit merges the changes into the draft; null removes a field', () => {
    const { state } = applyEdit(draft({ ...COMPLETE, venueId: 'venue-1' }), {
      venueId: null,
      expectedParticipants: 12,
    });
    expect(contentOf(state)).toEqual({ ...COMPLETE, expectedParticipants: 12 });
  });
});

describe('amend and withdraw', () => {
  it('amend adds revision 2, sent with its own event id, carrying only the fields that changed', () => {
    const proposal = proposalIn('deliberation');
    const changes = { title: COMPLETE.title, expectedParticipants: 40 };
    const { state, facts } = applyAmend(proposal, { revisionText: '人数调整', changes, createdBy: 'u', at: AT });
    expect(state.status).toBe('deliberation');
    expect(state.revisions[1]).toMatchObject({
      revisionNo: 2,
      status: 'sent',
      revisionText: '人数调整',
      eventId: 'sanshe.organization.proposal.amended.v1:prop-1:2',
      content: { ...COMPLETE, expectedParticipants: 40 },
    });
    expect(facts[0]).toMatchObject({ type: 'proposal.amended', changes: { expectedParticipants: 40 } });
    expect(facts[0]!.type === 'proposal.amended' && Object.keys(facts[0].changes)).toEqual(['expectedParticipants']);
    expect(contentOf(state).expectedParticipants).toBe(40);
  });

  it('an amendment that breaks the content is refused naming the field', () => {
    const schedule = { kind: 'one-off' as const, timeZone: 'Asia/Shanghai', sessions: [] };
    const amend = () =>
      applyAmend(proposalIn('deliberation'), { revisionText: 'x', changes: { schedule }, createdBy: 'u', at: AT });
    expect(amend).toThrow(
      expect.objectContaining({ problems: [expect.objectContaining({ path: '/schedule/sessions' })] }),
    );
  });

  it('withdraw from a decision is a request: status unchanged, once while pending', () => {
    const { state, facts } = applyWithdraw(proposalIn('escalated'), REASON, AT);
    expect(state.status).toBe('escalated');
    expect(state.withdrawal).toEqual({
      ...{ reason: REASON, requestedAt: AT, attempt: 1, refusal: null },
      eventId: 'sanshe.organization.proposal.withdrawn.v1:prop-1:1',
    });
    expect(facts).toEqual([expect.objectContaining({ type: 'proposal.withdrawn', withdrawnFrom: 'decision' })]);
    expect(applyWithdraw(state, REASON, AT)).toEqual({ state, facts: [] });
  });

  it('after a refused withdrawal, a new request is a new event', () => {
    const { state } = applyWithdraw(proposalIn('under-review'), REASON, AT);
    const refused = { ...state, withdrawal: { ...state.withdrawal!, refusal: { code: 'x', reason: 'y' } } };
    const again = applyWithdraw(refused, REASON, AT);
    expect(again.state.withdrawal).toMatchObject({ attempt: 2, refusal: null });
    expect(again.state.withdrawal!.eventId).toBe('sanshe.organization.proposal.withdrawn.v1:prop-1:2');
    expect(again.facts).toHaveLength(1);
  });

  it('withdrawing a filed proposal not called in is immediate and cancels its activity', () => {
    const { state, facts } = applyWithdraw(proposalIn('filed'), REASON, AT);
    expect(state).toMatchObject({ status: 'withdrawn', result: 'withdrawn' });
    expect(facts).toEqual([
      expect.objectContaining({ type: 'proposal.withdrawn', withdrawnFrom: 'filing' }),
      expect.objectContaining({ type: 'activity.cancel', reason: 'withdrawn' }),
    ]);
  });
});
