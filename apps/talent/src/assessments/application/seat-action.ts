import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { DecisionId, type EventType, type NewEvent, schemaProblems } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import type { Caller } from '../../access/talent-access';
import type { AssessmentAction } from '../domain/assessment-action';
import { type AssessorBinding, seatRefusal } from '../domain/assessment';
import { AssessmentConflict, AssessmentInputInvalid, AssessmentNotFound } from '../domain/assessment-errors';
import { AssessmentRepository } from '../domain/assessment.repository';

/** What the assessor's request answers: the event sent for the seat, and whether this request sent it. */
export interface SeatReply {
  decisionId: string;
  workerId: string;
  eventId: string;
  type: string;
  data: Record<string, unknown>;
  /** False when the same request was sent before: nothing was sent again. */
  sent: boolean;
}

export type SeatEvent = Omit<NewEvent<EventType>, 'source'>;

/** A value with its object keys sorted: jsonb gives keys back in its own order. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value !== null && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
        )
      : value;
const sameData = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * The path every act of the bound assessor takes, in one transaction: the decision's binding (404 none,
 * 409 unbound), the caller (403 unless the bound worker's own token), the act's own checks, then the
 * event and its record once per `actionKey` — the same request again answers what was sent (nothing
 * twice), a different one 409.
 */
@Injectable()
export class SeatAction {
  constructor(
    private readonly assessments: AssessmentRepository,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(
    decisionId: string,
    caller: Caller,
    act: { action: string; actionKey: string; alreadyCode: 'already-voted' | 'already-requested' },
    build: (binding: AssessorBinding & { workerId: string }, manager: EntityManager) => SeatEvent,
  ): Promise<SeatReply> {
    const problems = schemaProblems(DecisionId, decisionId, '/params/decisionId');
    if (problems.length > 0) throw new AssessmentInputInvalid(problems);
    return this.dataSource.transaction(async (manager) => {
      const binding = await this.assessments.find(decisionId, manager);
      if (!binding) throw new AssessmentNotFound(`talent bound no independent assessor to ${decisionId}`);
      if (binding.workerId === null) {
        throw new AssessmentConflict('assessor-unbound', `nobody is bound to ${decisionId}: ${binding.reason}`);
      }
      const refusal = seatRefusal(caller, binding, act.action);
      if (refusal) throw new AccessDenied(refusal);
      const bound = { ...binding, workerId: binding.workerId };
      const event = build(bound, manager);
      const before = await this.assessments.action(manager, decisionId, act.actionKey);
      if (before) return this.repeated(before, event, act.alreadyCode, bound.workerId);
      const action: AssessmentAction = {
        decisionId,
        actionKey: act.actionKey,
        eventId: event.id as string,
        eventType: event.type,
        data: event.data as Record<string, unknown>,
        workerId: bound.workerId,
        castBySub: caller.sub,
      };
      await this.assessments.insertAction(manager, action);
      await this.outbox.publish(manager, event);
      return {
        decisionId,
        workerId: bound.workerId,
        eventId: action.eventId,
        type: event.type,
        data: action.data,
        sent: true,
      };
    });
  }

  private repeated(
    before: AssessmentAction,
    event: SeatEvent,
    code: 'already-voted' | 'already-requested',
    workerId: string,
  ) {
    if (before.eventId !== event.id || !sameData(before.data, event.data)) {
      throw new AssessmentConflict(
        code,
        `${before.actionKey} on ${before.decisionId} was sent already (${before.eventId}): it cannot be changed`,
        before.eventId,
      );
    }
    const { decisionId, eventId, eventType: type, data } = before;
    return { decisionId, workerId, eventId, type, data, sent: false };
  }
}
