import { createHash } from 'node:crypto';
import type { NewEvent, ObjectionReason, VoteChoice } from '@sanshe/contracts';
import {
  objectionReason,
  STAFFING_RULES,
  type StaffingContext,
  type StaffingLine,
  staffingProblems,
  type StaffingRules,
} from '../../staffing/domain/staffing-rules';

/*
 * The talent party's automatic vote (pure): a decision on an activity proposal that seats a `talent:*`
 * party is judged by the staffing rules against the plan of the revision its round votes on, once per
 * party and round, whatever order governance's and the organization's events arrive in.
 */

/** The content fields the rules read; an amendment carries only those that changed. */
export interface StaffingContent {
  category?: StaffingContext['category'];
  expectedParticipants?: number | null;
  staffingPlan?: StaffingLine[];
}

/** One revision of a proposal as the organization published it (1: submitted; 2…: amended). */
export interface ProposalRevision {
  proposalId: string;
  revisionNo: number;
  /** An amendment's description, which governance repeats in the round it opens (null for submitted). */
  revisionText: string | null;
  content: StaffingContent;
}

/** The staffing a revision stands for: the submitted content with every amendment up to it applied. */
export interface JudgedPlan {
  revisionNo: number;
  plan: StaffingLine[];
  context: StaffingContext;
}

const TALENT_PARTY = /^talent:[A-Za-z0-9][A-Za-z0-9._:-]*$/;
export const isTalentParty = (partyId: string): boolean => TALENT_PARTY.test(partyId);

/** The only kind talent judges: its rules are about an activity's staffing. */
export const JUDGED_KIND = 'activity-proposal';

/**
 * The plan as of `revisionNo`, or null while a revision up to it is still unknown (an amendment
 * carries only what changed, so every one before it is needed).
 */
export function planAsOf(revisions: readonly ProposalRevision[], revisionNo: number): JudgedPlan | null {
  const byNo = new Map(revisions.map((revision) => [revision.revisionNo, revision]));
  let content: StaffingContent = {};
  for (let no = 1; no <= revisionNo; no += 1) {
    const revision = byNo.get(no);
    if (!revision) return null;
    content = { ...content, ...revision.content };
  }
  return {
    revisionNo,
    plan: content.staffingPlan ?? [],
    context: { category: content.category ?? null, expectedParticipants: content.expectedParticipants ?? null },
  };
}

/**
 * The revision a round votes on: round 1 the submitted one; round n the amendment that opened it,
 * known by the description governance repeats (it opens no round for an amendment repeating the
 * current one). Among amendments with that description, the newest after the previous round's.
 * Null while it has not arrived.
 */
export function revisionOfRound(
  round: number,
  roundText: string | null,
  revisions: readonly ProposalRevision[],
  previousRoundRevision: number | null,
): number | null {
  if (round === 1) return 1;
  if (roundText === null) return null;
  const candidates = revisions
    .filter((revision) => revision.revisionNo >= 2 && revision.revisionText === roundText)
    .filter((revision) => previousRoundRevision === null || revision.revisionNo > previousRoundRevision)
    .map((revision) => revision.revisionNo);
  return candidates.length > 0 ? Math.max(...candidates) : null;
}

/** What the rules say of a plan: approve, or object with the rules that failed and their fixes. */
export function judge(
  judged: JudgedPlan,
  rules: StaffingRules = STAFFING_RULES,
): { choice: VoteChoice; reason: ObjectionReason | null } {
  const reason = objectionReason(staffingProblems(judged.plan, judged.context, rules));
  return reason ? { choice: 'object', reason } : { choice: 'approve', reason: null };
}

export const VOTE_CAST_TYPE = 'sanshe.talent.decision.vote-cast.v1';

/** The envelope's cap on an event id. */
const EVENT_ID_MAX = 256;

/**
 * Deterministic: one event per decision, party and round, so a redelivery republishes nothing new. An id
 * past the envelope's cap (long proposal and party ids) becomes the type and the SHA-256 of the same key.
 */
export function voteEventId(decisionId: string, partyId: string, round: number): string {
  const key = `${decisionId}:${partyId}:${round}`;
  const id = `${VOTE_CAST_TYPE}:${key}`;
  return id.length <= EVENT_ID_MAX ? id : `${VOTE_CAST_TYPE}:${createHash('sha256').update(key).digest('hex')}`;
}

export interface TalentVote {
  decisionId: string;
  partyId: string;
  round: number;
  revisionNo: number;
  rulesVersion: number;
  choice: VoteChoice;
  reason: ObjectionReason | null;
  eventId: string;
}

type VoteCast = Omit<NewEvent<typeof VOTE_CAST_TYPE>, 'source'>;

/** The talent party's vote for a round and the event that carries it (castBy = the party: talent speaks for it). */
export function automaticVote(
  seat: { decisionId: string; partyId: string; round: number },
  judged: JudgedPlan,
  rules: StaffingRules = STAFFING_RULES,
): { vote: TalentVote; event: VoteCast } {
  return automaticVoteOf(seat, judge(judged, rules), { revisionNo: judged.revisionNo, rulesVersion: rules.version });
}

/** A verdict (of any kind's rule) as the seat's vote and its event, under the one idempotent id scheme. */
export function automaticVoteOf(
  seat: { decisionId: string; partyId: string; round: number },
  { choice, reason }: { choice: VoteChoice; reason: ObjectionReason | null },
  judgedOn: { revisionNo: number; rulesVersion: number },
): { vote: TalentVote; event: VoteCast } {
  const { decisionId, partyId, round } = seat;
  const eventId = voteEventId(decisionId, partyId, round);
  const vote = { ...seat, ...judgedOn, choice, reason, eventId };
  const data = { decisionId, partyId, castBy: partyId, choice, round, ...(reason ? { reason } : {}) };
  return { vote, event: { type: VOTE_CAST_TYPE, id: eventId, subject: decisionId, data } };
}

/** Talent's view of a decision that seats a talent party, kept from governance's events. */
export interface TrackedDecision {
  decisionId: string;
  kind: string;
  /** The decision's subjectId: the proposal (activity-proposal) or the hours record (hours-dispute). */
  proposalId: string;
  round: number;
  closed: boolean;
  /** Each round's revision description from round-opened (round 1 has none). */
  roundTexts: Readonly<Record<number, string>>;
}

/** The revision the current round votes on, walking the rounds so each follows the one before. */
function revisionOfCurrentRound(decision: TrackedDecision, revisions: readonly ProposalRevision[]): number | null {
  let previous: number | null = null;
  for (let round = 1; round <= decision.round; round += 1) {
    const revision = revisionOfRound(round, decision.roundTexts[round] ?? null, revisions, previous);
    if (revision === null && round === decision.round) return null;
    previous = revision ?? previous;
  }
  return previous;
}

/**
 * The votes now due: for each pending talent seat of the current round not yet voted, once the plan
 * the round votes on is known. Nothing for a closed decision, another kind, or an earlier round's seat.
 */
export function votesDue(
  decision: TrackedDecision,
  seats: readonly { partyId: string; round: number }[],
  revisions: readonly ProposalRevision[],
  alreadyCast: readonly { partyId: string; round: number }[],
  rules: StaffingRules = STAFFING_RULES,
) {
  if (decision.closed || decision.kind !== JUDGED_KIND) return [];
  const revisionNo = revisionOfCurrentRound(decision, revisions);
  const judged = revisionNo === null ? null : planAsOf(revisions, revisionNo);
  if (!judged) return [];
  const cast = new Set(alreadyCast.map((vote) => `${vote.partyId} ${vote.round}`));
  return seats
    .filter((seat) => seat.round === decision.round && isTalentParty(seat.partyId))
    .filter((seat) => !cast.has(`${seat.partyId} ${seat.round}`))
    .map((seat) => automaticVote({ decisionId: decision.decisionId, ...seat }, judged, rules));
}
