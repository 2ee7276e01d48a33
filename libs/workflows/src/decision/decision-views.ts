import * as wf from '@temporalio/workflow';
import type { DecisionInput, DecisionView } from './decision.api';
import type { AuditEntry } from './decision-records';
import { type AuditRecord, GENESIS_HASH } from './domain/audit';
import { type DecisionContext, type DecisionState, pendingParties, tally } from './domain/decision-state';
import { DeadlineKey, EscalationLevelKey, PendingPartiesKey, StageKey } from './search-attributes';

/**
 * What operators and callers see of a running decision: the `state` query's view, and the search
 * attributes and current details the Temporal UI shows (docs/decisions.md, "For operators").
 */

/** Search attributes for visibility queries, and the "current details" line the UI shows. */
export class OperatorsView {
  private last = '';

  /** Upserts only on change: each upsert is a history event, and a long decision should stay short. */
  update(ctx: DecisionContext, state: DecisionState): void {
    const pending = pendingParties(ctx, state);
    const earliest = pending.length > 0 ? Math.min(...pending.map((p) => p.deadline)) : null;
    const t = tally(ctx, state);
    const details = [
      `**${state.stage}**, round ${state.round}: approve ${t.approve} / object ${t.object} / abstain ${t.abstain} / pending ${t.pending} of ${t.total}, quorum ${t.quorum}`,
      ...pending.map((p) => `- waiting on ${p.partyId} until ${iso(p.deadline)}`),
      ...(state.outcome
        ? [`Outcome: **${state.outcome.result}** by ${state.outcome.decidedBy}: ${state.outcome.reason}`]
        : []),
    ].join('\n');
    if (details === this.last) return;
    this.last = details;
    wf.upsertSearchAttributes([
      { key: StageKey, value: state.stage },
      { key: PendingPartiesKey, value: pending.map((p) => p.partyId) },
      { key: EscalationLevelKey, value: state.escalation?.level ?? 0 },
      { key: DeadlineKey, value: earliest === null ? null : new Date(earliest) },
    ]);
    wf.setCurrentDetails(details);
  }
}

/** The `state` query: the tally, each party's vote, who is pending until when, and the audit head. */
export function stateView(
  input: DecisionInput,
  ctx: DecisionContext,
  state: DecisionState,
  audit: AuditRecord<AuditEntry>[],
): DecisionView {
  const escalationStep = state.escalation ? ctx.policy.escalation[state.escalation.level - 1] : undefined;
  return {
    decisionId: input.decisionId,
    kind: input.kind,
    subjectId: input.subjectId,
    communityCode: input.communityCode,
    title: input.title,
    proposerId: input.proposerId,
    policy: { policyId: input.policy.policyId, version: input.policy.version, quorum: input.policy.quorum },
    stage: state.stage,
    round: state.round,
    tally: tally(ctx, state),
    votes: ctx.policy.parties.map((seat) => {
      const vote = state.votes[seat.partyId];
      return {
        partyId: seat.partyId,
        weight: seat.weight,
        choice: seat.partyId === ctx.proposerId ? 'recused' : (vote?.choice ?? null),
        ...(vote?.reason ? { reason: vote.reason } : {}),
        ...(vote ? { at: iso(vote.at) } : {}),
        ...(vote?.bySilence ? { bySilence: true } : {}),
      };
    }),
    pending: pendingParties(ctx, state).map((p) => ({ partyId: p.partyId, deadline: iso(p.deadline) })),
    deliberationUntil: state.deliberationUntil === null ? null : iso(state.deliberationUntil),
    escalation:
      state.escalation && escalationStep
        ? {
            level: state.escalation.level,
            arbiterId: escalationStep.arbiterId,
            deadline: iso(state.escalation.deadline),
          }
        : null,
    outcome: state.outcome,
    audit: { length: audit.length, headHash: audit[audit.length - 1]?.hash ?? GENESIS_HASH },
  };
}

/** Instants are ISO-8601 in events, queries and the UI. */
export const iso = (ms: number) => new Date(ms).toISOString();
