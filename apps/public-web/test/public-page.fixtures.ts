import { randomInt } from 'node:crypto';
import { contextTopic, type EventType, type NewEvent } from '@sanshe/contracts';

type Publishable = { topic: string; event: NewEvent<EventType> };
const event = <T extends EventType>(topic: string, init: NewEvent<T>): Publishable => ({
  topic,
  event: init as unknown as NewEvent<EventType>,
});

const digits = (n: number) => String(randomInt(10 ** n)).padStart(n, '0');
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
const CNY = (amountFen: number) => ({ amountFen, currency: 'CNY' });

/** A need titled with markup: the page must show it as text. */
export const EVIL_TITLE = '<script>document.title="owned"</script>独居老人助餐';

/**
 * One community's short public history as the services would publish it: registered, a need, a proposal's decision
 * (the committee objects, a social worker approves, the funder stays silent, a forged vote for the funder is
 * refused), approved; a grant awarded, activated in three tranches, two paid; an evaluation. Run-unique ids.
 */
export function communityHistory() {
  const street = `310104-${digits(3)}`;
  const communityCode = `${street}-${digits(3)}`;
  const run = digits(8);
  const [proposalId, grantId, needId, org] = [`prop-${run}`, `grant-${run}`, `need-${run}`, `org-pw-${run}`];
  const decisionId = `decision/activity-proposal/${proposalId}`;
  const parties = { committee: `community:${communityCode}`, worker: `talent:sw-${run}`, funder: `funder:fund-${run}` };
  const topic = contextTopic;
  const vote = (
    context: 'community' | 'organization' | 'talent',
    partyId: string,
    castBy: string,
    choice: 'approve' | 'object',
    minute: number,
  ) =>
    event(topic(context), {
      type: `sanshe.${context}.decision.vote-cast.v1` as 'sanshe.community.decision.vote-cast.v1',
      source: `sanshe/${context}`,
      subject: decisionId,
      id: `vote-${run}-${context}-${minute}`,
      time: minutesAgo(minute),
      data: {
        ...{ decisionId, partyId, castBy, choice, round: 1 },
        ...(choice === 'object' ? { reason: { code: 'noise', text: '晚间活动噪音影响休息' } } : {}),
      },
    });
  const forged = vote('organization', parties.funder, `organization:${org}`, 'approve', 8);
  const paid = (trancheNo: number, amountFen: number) =>
    event(topic('funding'), {
      type: 'sanshe.funding.tranche.paid.v1',
      source: 'sanshe/funding',
      subject: grantId,
      data: {
        grantId,
        organizationId: org,
        trancheNo,
        amount: CNY(amountFen),
        paidAt: minutesAgo(1).toISOString(),
        paymentId: `pay-${run}-${trancheNo}`,
      },
    });
  const events: Publishable[] = [
    event(topic('community'), {
      type: 'sanshe.community.community.registered.v1',
      source: 'sanshe/community',
      subject: communityCode,
      data: {
        communityCode,
        streetCode: street,
        districtCode: '310104',
        name: `公开测试居民区${run}`,
        population: 1200,
        serviceArea: { description: '测试' },
        revision: 1,
      },
    }),
    event(topic('community'), {
      type: 'sanshe.community.need.published.v1',
      source: 'sanshe/community',
      subject: needId,
      data: {
        ...{ needId, communityCode, category: 'elderly-care', title: EVIL_TITLE, description: '工作日午餐送餐' },
        ...{
          targetGroup: '75岁以上独居老人',
          expectedSize: 40,
          priority: 'high',
          period: { from: '2026-12-01', to: '2027-05-31' },
        },
      },
    }),
    event(topic('governance'), {
      type: 'sanshe.governance.decision.opened.v1',
      source: 'sanshe/governance',
      subject: decisionId,
      id: `${decisionId}/1`,
      time: minutesAgo(10),
      data: {
        ...{ decisionId, kind: 'activity-proposal', subjectId: proposalId, communityCode, title: '长者助餐与探访' },
        ...{ proposerId: `organization:${org}`, policyId: 'pw-test', policyVersion: 1, round: 1 },
        pending: Object.values(parties).map((partyId) => ({ partyId, deadline: minutesAgo(2).toISOString() })),
      },
    }),
    vote('community', parties.committee, parties.committee, 'object', 9),
    vote('talent', parties.worker, parties.worker, 'approve', 7),
    forged,
    event(topic('governance'), {
      type: 'sanshe.governance.decision.vote-rejected.v1',
      source: 'sanshe/governance',
      subject: decisionId,
      data: {
        ...{ decisionId, partyId: parties.funder, castBy: `organization:${org}`, code: 'wrong-identity' },
        ...{ reason: 'only a party votes for itself', rejectedEventSource: 'sanshe/organization' },
        ...{ rejectedEventId: forged.event.id ?? '', rejectedEventType: forged.event.type },
      },
    }),
    event(topic('governance'), {
      type: 'sanshe.governance.decision.decided.v1',
      source: 'sanshe/governance',
      subject: decisionId,
      id: `${decisionId}/outcome`,
      data: {
        ...{ decisionId, kind: 'activity-proposal', subjectId: proposalId, communityCode, result: 'approved' },
        ...{ decidedBy: 'votes', level: 0, reason: 'approving weight 2 reached quorum 2', auditLength: 6 },
        ...{ tally: { approve: 2, object: 1, abstain: 1, pending: 0, total: 4, quorum: 2 }, auditHash: 'a'.repeat(64) },
      },
    }),
    event(topic('community'), {
      type: 'sanshe.community.need.matched.v1',
      source: 'sanshe/community',
      subject: needId,
      data: { needId, communityCode, proposalId, organizationId: org, decisionId },
    }),
    event(topic('funding'), {
      type: 'sanshe.funding.grant.awarded.v1',
      source: 'sanshe/funding',
      subject: grantId,
      data: {
        grantId,
        programId: 'prog-pw',
        communityCode,
        organizationId: org,
        funderId: parties.funder,
        amount: CNY(4_800_000),
        title: '长者助餐资助',
      },
    }),
    event(topic('funding'), {
      type: 'sanshe.funding.grant.activated.v1',
      source: 'sanshe/funding',
      subject: grantId,
      data: {
        ...{
          grantId,
          programId: 'prog-pw',
          organizationId: org,
          communityCode,
          decisionId: `decision/grant-award/${grantId}`,
        },
        amount: CNY(4_800_000),
        tranches: [
          { trancheNo: 1, amount: CNY(1_440_000), milestone: '项目启动', dueDate: '2027-01-31' },
          { trancheNo: 2, amount: CNY(1_920_000), milestone: '中期评估', dueDate: '2027-04-30' },
          { trancheNo: 3, amount: CNY(1_440_000), milestone: '结项验收', dueDate: '2027-07-31' },
        ],
      },
    }),
    paid(1, 1_440_000),
    paid(2, 1_920_000),
    event(topic('community'), {
      type: 'sanshe.community.evaluation.recorded.v1',
      source: 'sanshe/community',
      subject: `eval-${run}`,
      data: {
        ...{ evaluationId: `eval-${run}`, activityId: `act-${run}`, organizationId: org, communityCode },
        ...{ evaluator: 'resident', scores: { satisfaction: 5 }, recordedAt: minutesAgo(1).toISOString() },
      },
    }),
  ];
  return { communityCode, needId, decisionId, grantId, parties, events };
}
