import { Inject, Injectable } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Type } from '@sinclair/typebox';
import type { DataSource } from 'typeorm';
import { AccessDenied } from '@sanshe/auth';
import { ObjectionReason, schemaProblems } from '@sanshe/contracts';
import { OutboxWriter } from '@sanshe/messaging';
import { closedObjects } from '@sanshe/nest-platform';
import { type Caller, communityParty, ROLES, roleRefusal } from '../../access/community-access';
import { RepresentativeRoster } from '../../representatives/domain/representative.repository';
import { answerHours, answerRefusal, type CommunityHours, type HoursAnswerKind } from '../domain/community-hours';
import { HoursConflict, HoursInputInvalid, HoursNotFound } from '../domain/hours-errors';
import { HoursRepository } from '../domain/hours.repository';

export const ConfirmBody = Type.Object({}, { additionalProperties: false });
/** Closed at any depth: the reason too (open in the events for their consumers). */
export const DisputeBody = closedObjects(Type.Object({ reason: ObjectionReason }));

export interface AnswerHoursCommand {
  hoursId: string;
  kind: HoursAnswerKind;
  body: unknown;
}

/**
 * POST /hours/{hoursId}/confirm and /dispute: the body (400: a dispute needs a reason); a committee member
 * at all (403), the hours known (404), a serving committee member of the hours' community (403); the hours
 * open and not answered before (409); then the answer and its community.hours.* event commit together.
 * Governance's hours workflow counts it; its refusal comes back and shows on the hours.
 */
@Injectable()
export class AnswerHoursHandler {
  constructor(
    private readonly hours: HoursRepository,
    private readonly roster: RepresentativeRoster,
    private readonly outbox: OutboxWriter,
    @Inject(getDataSourceToken()) private readonly dataSource: DataSource,
  ) {}

  async execute(command: AnswerHoursCommand, caller: Caller, now = new Date()): Promise<CommunityHours> {
    const { hoursId, kind, body } = command;
    const problems =
      kind === 'disputed'
        ? schemaProblems(DisputeBody, body, '/body')
        : schemaProblems(ConfirmBody, body ?? {}, '/body');
    if (problems.length > 0) throw new HoursInputInvalid(problems);
    const action = `${kind === 'confirmed' ? 'confirm' : 'dispute'} hours for a community`;
    if (!caller.roles.includes(ROLES.committeeMember)) {
      throw new AccessDenied(`${caller.sub} may not ${action}: it needs the role ${ROLES.committeeMember}`);
    }
    const reason = kind === 'disputed' ? (body as { reason: ObjectionReason }).reason : null;
    return this.dataSource.transaction(async (manager) => {
      const hours = await this.hours.lock(manager, hoursId);
      if (!hours) throw new HoursNotFound(`the community knows no hours ${hoursId}`);
      const party = communityParty(hours.communityCode);
      const refusal = roleRefusal(caller, ROLES.committeeMember, [party], action);
      if (refusal) throw new AccessDenied(refusal);
      if (!(await this.roster.isActive(hours.communityCode, 'committee', caller.sub, manager))) {
        throw new AccessDenied(`${caller.sub} may not ${action}: not a serving member of ${party}'s committee`);
      }
      const conflict = answerRefusal(hours, now);
      if (conflict) throw new HoursConflict(conflict.code, conflict.message);
      const answered = reason ? { code: reason.code, text: reason.text } : null;
      const { answer, event } = answerHours(hours, kind, caller.sub, answered, now);
      await this.hours.saveAnswer(manager, hoursId, answer);
      await this.outbox.publish(manager, event);
      return { ...hours, answer };
    });
  }
}
