/*
 * The organization's view of a governance decision that seats an organization party or that an
 * organization proposed (pure): where it stands, which organizations it waits on, until when. Kept
 * from governance's events only.
 */

export const DECISION_STAGES = ['voting', 'deliberation', 'escalated', 'closed'] as const;
export type DecisionStage = (typeof DECISION_STAGES)[number];

export interface OrgDecision {
  decisionId: string;
  kind: string;
  subjectId: string;
  communityCode: string;
  title: string;
  /** Who proposed it: governance recuses it, so the organization neither lists it to nor votes for it. */
  proposerId: string;
  stage: DecisionStage;
  round: number;
  /** The position of the last governance event applied (see decisionSeqOf). */
  lastSeq: number;
  result: string | null;
}

export interface DecisionSeat {
  partyId: string;
  round: number;
  deadline: string;
}

/** organization:<organizationId>, the only parties this service speaks for. */
export const ORGANIZATION_PARTY = /^organization:[A-Za-z0-9][A-Za-z0-9._:-]*$/;

export const isOrganizationParty = (partyId: string) => ORGANIZATION_PARTY.test(partyId);

/** The organizations' seats among a round's pending parties (others are some other service's or portal's). */
export const organizationSeats = (
  pending: readonly { partyId: string; deadline: string }[],
  round: number,
): DecisionSeat[] =>
  pending.filter((p) => isOrganizationParty(p.partyId)).map(({ partyId, deadline }) => ({ partyId, round, deadline }));

/**
 * The position of a governance event in its decision's audit trail, so a late or repeated event never
 * rolls a decision back: decided carries the trail's length; the others are numbered `<decisionId>/<seq>`.
 * 0 for an id of another shape (it then only ever creates a row).
 */
export function decisionSeqOf(eventId: string, auditLength?: number): number {
  if (auditLength !== undefined) return auditLength;
  const seq = /\/(\d+)$/.exec(eventId)?.[1];
  return seq === undefined ? 0 : Number(seq);
}

export type DecisionMove = 'round-opened' | 'deliberation-opened' | 'escalated' | 'decided';

/**
 * The stage a governance event at `seq` moves the decision to, or null when it changes nothing: a
 * closed decision stays closed, and an event older than the last one applied is stale.
 */
export function nextStage(decision: Pick<OrgDecision, 'stage' | 'lastSeq'>, move: DecisionMove, seq: number) {
  if (decision.stage === 'closed') return null;
  if (move !== 'decided' && seq > 0 && seq <= decision.lastSeq) return null;
  switch (move) {
    case 'round-opened':
      return 'voting';
    case 'deliberation-opened':
      return 'deliberation';
    case 'escalated':
      return 'escalated';
    case 'decided':
      return 'closed';
  }
}
