import { DECISION_CALL_IN_EVENTS, type EventType, type SansheEvent } from '@sanshe/contracts';

/**
 * What a portal command governance acts on is about, for the jurisdiction check: a decision, a filed proposal
 * (a call-in), a grant's disbursement, a policy's scope (checked by the set-policy handler, which reads the
 * body), or nothing of an area (a report covers the portal's own jurisdiction).
 */
export type CommandSubject =
  | { kind: 'decision'; decisionId: string }
  | { kind: 'filing'; proposalId: string }
  | { kind: 'grant'; grantId: string }
  | { kind: 'own-check' };

const CALL_IN_TYPES: ReadonlySet<string> = new Set(DECISION_CALL_IN_EVENTS.map((d) => d.type));
const GRANT_TYPES: ReadonlySet<string> = new Set(
  ['objection-raised', 'clawback-proposed', 'cancellation-requested'].map(
    (verb) => `sanshe.portal.disbursement.${verb}.v1`,
  ),
);

/** The subject of a portal's command, read from its (validated) data. */
export function commandSubject(event: Pick<SansheEvent<EventType>, 'type' | 'data'>): CommandSubject {
  const data = event.data as { decisionId?: string; proposalId?: string; grantId?: string };
  if (CALL_IN_TYPES.has(event.type) && data.proposalId) return { kind: 'filing', proposalId: data.proposalId };
  if (GRANT_TYPES.has(event.type) && data.grantId) return { kind: 'grant', grantId: data.grantId };
  if (data.decisionId) return { kind: 'decision', decisionId: data.decisionId };
  return { kind: 'own-check' };
}
