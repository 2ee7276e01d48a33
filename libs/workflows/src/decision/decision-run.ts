import * as wf from '@temporalio/workflow';
import type { CarriedState, DecisionInput } from './decision.api';
import type { AuditEntry, DecisionEventToPublish } from './decision-records';
import { iso } from './decision-views';
import { type AuditRecord, nextAuditRecord } from './domain/audit';
import { advance } from './domain/deadlines';
import {
  type DecisionContext,
  type DecisionState,
  openDecision,
  pendingParties,
  type RuleSwitches,
  type Step,
} from './domain/decision-state';
import { type AppliedUpdateIds, rememberApplied, type UpdateKind, wasApplied } from './domain/update-ids';

/** Entries other services and portals need to hear about; the rest stay in the audit trail and the query. */
const PUBLIC_ENTRIES = new Set<AuditEntry['type']>([
  'opened',
  'deliberation-opened',
  'amended',
  'escalated',
  'decided',
]);

/**
 * The `patched()` id of each rule added while decisions were running. A run asks once, when it starts:
 * a run that began on older code replays without the marker and keeps the old rule until it ends or
 * continues as new (docs/decisions.md, "Changing the workflow safely").
 */
export const RULE_PATCHES: Readonly<Record<keyof RuleSwitches, string>> = {
  castAt: 'vote-cast-at',
  voteChangeLimit: 'vote-change-limit',
  idempotentAmendments: 'idempotent-amendments',
};
/** Update ids carried across continue-as-new and honoured there (domain/update-ids.ts). */
export const CARRIED_UPDATE_IDS_PATCH = 'carried-update-ids';

/** A run's state, audit trail, unpublished events and applied update ids, and how a change is recorded. */
export class DecisionRun {
  readonly ctx: DecisionContext;
  state: DecisionState;
  readonly audit: AuditRecord<AuditEntry>[];
  readonly unpublished: DecisionEventToPublish[];
  /** Set when a step recorded something; the main loop clears it and waits for it. */
  changed = false;
  private readonly carriesUpdateIds: boolean;
  private updateIds: AppliedUpdateIds;

  constructor(readonly input: DecisionInput) {
    const rules: RuleSwitches = {
      castAt: wf.patched(RULE_PATCHES.castAt),
      voteChangeLimit: wf.patched(RULE_PATCHES.voteChangeLimit),
      idempotentAmendments: wf.patched(RULE_PATCHES.idempotentAmendments),
    };
    this.carriesUpdateIds = wf.patched(CARRIED_UPDATE_IDS_PATCH);
    this.ctx = { policy: input.policy, proposerId: input.proposerId, voteGraceMs: input.voteGraceMs, rules };
    this.state = input.carried?.state ?? openDecision(Date.now());
    this.audit = input.carried?.audit ?? [];
    this.unpublished = input.carried?.unpublished ?? [];
    this.updateIds = (this.carriesUpdateIds && input.carried?.updateIds) || {};
  }

  record(entry: AuditEntry, at: number): void {
    const rec = nextAuditRecord(this.audit[this.audit.length - 1], at, entry);
    this.audit.push(rec);
    if (PUBLIC_ENTRIES.has(entry.type)) this.unpublished.push(toPublish(this.input, this.ctx, this.state, rec));
  }

  apply(step: Step, at: number): void {
    this.state = step.state;
    for (const fact of step.facts) this.record(fact, at);
    if (step.facts.length > 0) this.changed = true;
  }

  /** Deadlines that passed since the last task are applied before anything else sees the state. */
  catchUp(): void {
    this.apply(advance(this.ctx, this.state, Date.now()), Date.now());
  }

  /** The state as of now, for a validator (which changes nothing). */
  stateNow(): DecisionState {
    return advance(this.ctx, this.state, Date.now()).state;
  }

  /** True when an earlier run applied the running update's id: a redelivery, answered as a duplicate. */
  appliedBefore(kind: UpdateKind, partyId: string): boolean {
    const id = wf.currentUpdateInfo()?.id;
    return this.carriesUpdateIds && id !== undefined && wasApplied(this.updateIds, kind, partyId, id);
  }

  /** Keeps the running update's id for the next run (Temporal deduplicates it within this one). */
  rememberUpdate(kind: UpdateKind, partyId: string): void {
    const id = wf.currentUpdateInfo()?.id;
    if (this.carriesUpdateIds && id !== undefined) {
      this.updateIds = rememberApplied(this.updateIds, kind, partyId, id);
    }
  }

  /** What continue-as-new hands the next run. */
  carried(): CarriedState {
    const carried: CarriedState = { state: this.state, audit: this.audit, unpublished: this.unpublished };
    return this.carriesUpdateIds ? { ...carried, updateIds: this.updateIds } : carried;
  }
}

function toPublish(
  input: DecisionInput,
  ctx: DecisionContext,
  state: DecisionState,
  rec: AuditRecord<AuditEntry>,
): DecisionEventToPublish {
  return {
    eventId: rec.entry.type === 'decided' ? `${input.decisionId}/outcome` : `${input.decisionId}/${rec.seq}`,
    decisionId: input.decisionId,
    entry: rec.entry,
    auditHash: rec.hash,
    auditSeq: rec.seq,
    round: state.round,
    pending: pendingParties(ctx, state).map((p) => ({ partyId: p.partyId, deadline: iso(p.deadline) })),
    decision: {
      kind: input.kind,
      subjectId: input.subjectId,
      communityCode: input.communityCode,
      proposerId: input.proposerId,
      title: input.title,
      policyId: input.policy.policyId,
      policyVersion: input.policy.version,
    },
  };
}
