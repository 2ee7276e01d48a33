/**
 * The public record of a community as the read model holds it, and the pure rules that turn it into what the
 * page shows: who voted what in the decisive round (silence shown as silence), money awarded and paid per
 * tranche, evaluations per activity. Parties appear by id only; nothing here names a person.
 */

export type VoteChoice = 'approve' | 'object' | 'abstain';
export type DecisionStage = 'voting' | 'deliberation' | 'escalated' | 'decided';

export interface Money {
  amountFen: number;
  currency: string;
}

export interface PublicNeed {
  needId: string;
  category: string;
  title: string;
  targetGroup: string;
  expectedSize: number;
  priority: string;
  period: { from: string; to: string };
  status: 'open' | 'matched' | 'closed';
  closeReason: string | null;
  decisionId: string | null;
  publishedAt: Date;
}

export interface PublicDecision {
  decisionId: string;
  kind: string;
  subjectId: string;
  title: string | null;
  proposerId: string | null;
  stage: DecisionStage;
  result: string | null;
  decidedBy: string | null;
  level: number | null;
  arbiterId: string | null;
  outcomeReason: string | null;
  openedAt: Date | null;
  decidedAt: Date | null;
}

/** A party seated in a round, with its deadline; `openedAt` is when that round opened. */
export interface Seat {
  decisionId: string;
  round: number;
  partyId: string;
  deadline: Date;
  openedAt: Date;
}

export interface CastVote {
  decisionId: string;
  partyId: string;
  choice: VoteChoice;
  /** The round the voter named; null when it named none (it then counts for the round open when it was cast). */
  round: number | null;
  reason: { code: string; text: string } | null;
  castAt: Date;
  /** Governance's refusal code when it refused this vote (it did not count). */
  refusedCode: string | null;
}

/** What a seated party did in the round shown: voted, stayed silent, or may still vote. */
export type PartyStand =
  | { partyId: string; status: 'voted'; choice: VoteChoice; reason: { code: string; text: string } | null }
  | { partyId: string; status: 'did-not-vote'; refused: string[] }
  | { partyId: string; status: 'awaited'; deadline: Date; refused: string[] }
  /** A portal votes on its own commands topic, which is not public: its silence cannot be told from a vote. */
  | { partyId: string; status: 'portal-channel' };

export interface PublicTranche {
  trancheNo: number;
  amount: Money | null;
  milestone: string | null;
  dueDate: string | null;
  paid: { amount: Money; paidAt: Date } | null;
}

export interface PublicGrant {
  grantId: string;
  programId: string | null;
  organizationId: string | null;
  funderId: string | null;
  title: string | null;
  amount: Money | null;
  status: 'awarded' | 'active' | 'voided';
  voidReason: string | null;
  tranches: PublicTranche[];
}

export type Dimension = 'reach' | 'satisfaction' | 'outcome' | 'efficiency';
export const DIMENSIONS: readonly Dimension[] = ['reach', 'satisfaction', 'outcome', 'efficiency'];

export interface PublicEvaluation {
  evaluationId: string;
  activityId: string;
  organizationId: string;
  evaluator: string;
  scores: Partial<Record<Dimension, number>>;
  recordedAt: Date;
}

/** The round a vote counts in: the one it names, else the latest round opened by the time it was cast. */
export function roundOf(vote: Pick<CastVote, 'round' | 'castAt'>, seats: readonly Seat[]): number {
  if (vote.round !== null) return vote.round;
  const opened = seats.filter((s) => s.openedAt.getTime() <= vote.castAt.getTime()).map((s) => s.round);
  return opened.length ? Math.max(...opened) : 1;
}

/**
 * Each party seated in the decision's last round and what it did there: its last counted vote, or silence —
 * 'awaited' while the decision still takes votes and the party's deadline has not passed, else 'did-not-vote'.
 * A refused vote never counts; its code is shown beside the silence it leaves. A portal's vote is not on the public
 * topics, so a portal seated without a vote seen is 'portal-channel', never called silent.
 */
export function standsOf(
  decision: Pick<PublicDecision, 'stage'>,
  seats: readonly Seat[],
  votes: readonly CastVote[],
  now: Date,
): { round: number; stands: PartyStand[] } {
  const round = seats.length ? Math.max(...seats.map((s) => s.round)) : 1;
  const inRound = votes
    .filter((v) => roundOf(v, seats) === round)
    .sort((a, b) => a.castAt.getTime() - b.castAt.getTime());
  const open = decision.stage === 'voting' || decision.stage === 'deliberation';
  const stands = seats
    .filter((s) => s.round === round)
    .sort((a, b) => a.partyId.localeCompare(b.partyId))
    .map((seat): PartyStand => {
      const own = inRound.filter((v) => v.partyId === seat.partyId);
      const counted = own.filter((v) => v.refusedCode === null).at(-1);
      if (counted) return { partyId: seat.partyId, status: 'voted', choice: counted.choice, reason: counted.reason };
      if (seat.partyId.startsWith('portal:')) return { partyId: seat.partyId, status: 'portal-channel' };
      const refused = own.flatMap((v) => (v.refusedCode === null ? [] : [v.refusedCode]));
      return open && seat.deadline.getTime() > now.getTime()
        ? { partyId: seat.partyId, status: 'awaited', deadline: seat.deadline, refused }
        : { partyId: seat.partyId, status: 'did-not-vote', refused };
    });
  return { round, stands };
}

/** What a grant's paid tranches add up to, per currency of the grant (integer fen, never floating point). */
export function paidOf(grant: Pick<PublicGrant, 'tranches'>): Money[] {
  const totals = new Map<string, number>();
  for (const { paid } of grant.tranches) {
    if (paid) totals.set(paid.amount.currency, (totals.get(paid.amount.currency) ?? 0) + paid.amount.amountFen);
  }
  return [...totals].map(([currency, amountFen]) => ({ amountFen, currency }));
}

export interface ActivityScores {
  activityId: string;
  organizationId: string;
  evaluations: number;
  /** The mean of each dimension scored, to one decimal; absent when nobody scored it. */
  means: Partial<Record<Dimension, number>>;
}

/** The evaluations of each activity: how many, and each dimension's mean (one decimal), activities in order of first evaluation. */
export function scoresByActivity(evaluations: readonly PublicEvaluation[]): ActivityScores[] {
  const byActivity = new Map<string, PublicEvaluation[]>();
  for (const e of [...evaluations].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())) {
    byActivity.set(e.activityId, [...(byActivity.get(e.activityId) ?? []), e]);
  }
  return [...byActivity].map(([activityId, list]) => {
    const means: Partial<Record<Dimension, number>> = {};
    for (const dimension of DIMENSIONS) {
      const values = list.flatMap((e) => (e.scores[dimension] === undefined ? [] : [e.scores[dimension]]));
      if (values.length) means[dimension] = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10;
    }
    return { activityId, organizationId: list[0].organizationId, evaluations: list.length, means };
  });
}

/**
 * The position of a governance event in its decision's audit trail, so a late or repeated event never rolls a
 * decision back: decided carries the trail's length; the others are numbered `<decisionId>/<seq>`; 0 otherwise.
 */
export function decisionSeqOf(eventId: string, auditLength?: number): number {
  if (auditLength !== undefined) return auditLength;
  const seq = /\/(\d+)$/.exec(eventId)?.[1];
  return seq === undefined ? 0 : Number(seq);
}
