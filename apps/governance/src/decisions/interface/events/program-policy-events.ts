import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EventHandler, EventHandlers } from '@sanshe/messaging';
import { PermanentEventError } from '@sanshe/messaging';
import { SetProgramPoliciesHandler } from '../../../policies/application/set-program-policies';
import { PolicyError } from '../../../policies/domain/policy-errors';
import { BridgeEventRegistry } from '../../application/bridge-event-registry';
import { ChannelCheck } from '../../application/channel-check';

type ProgramEventType = 'sanshe.funding.program.opened.v1' | 'sanshe.funding.program.updated.v1';

/**
 * A program's own decision policies, from funding's program events (docs/decisions.md, "Program scope"):
 * only from the funding context's channel, then stored through the same checks as a policy set over HTTP.
 * A refused program (wrong channel, a policy that breaks a rule, a scope another policy holds) can never
 * succeed as it is: a permanent error naming why, so the event is dead-lettered with that reason. Each
 * policy is stored in its own transaction, not the inbox's: a redelivery after a crash finds it unchanged
 * and stores no new version.
 */
export function programPolicyEventHandlers(channels: ChannelCheck, setPolicies: SetProgramPoliciesHandler) {
  const logger = new Logger('ProgramPolicies');
  const handler: EventHandler<ProgramEventType> = async (event, _manager, delivery) => {
    const { programId } = event.data;
    const refusal = await channels.refusal(event, delivery, { owner: 'funding' });
    if (refusal) throw new PermanentEventError(`wrong-channel: program ${programId}'s policies refused: ${refusal}`);
    try {
      const outcomes = await setPolicies.execute(event.data);
      for (const { policyId, version, created } of outcomes) {
        if (created) logger.log(`${policyId} v${version} from ${event.type} (${event.id})`);
      }
    } catch (err) {
      if (!(err instanceof PolicyError)) throw err; // transient (the database): retried
      throw new PermanentEventError(`${err.code}: program ${programId}'s policies refused: ${err.message}`, {
        cause: err,
      });
    }
  };
  return {
    'sanshe.funding.program.opened.v1': handler,
    'sanshe.funding.program.updated.v1': handler,
  } satisfies EventHandlers;
}

/** Registers the program events with the bridge, the one consumer of the funding topic in this process. */
@Injectable()
export class ProgramPolicyEvents implements OnModuleInit {
  constructor(
    private readonly registry: BridgeEventRegistry,
    private readonly channels: ChannelCheck,
    private readonly setPolicies: SetProgramPoliciesHandler,
  ) {}

  /** Before the consumer starts (Nest connects microservices after init). */
  onModuleInit(): void {
    this.registry.register(programPolicyEventHandlers(this.channels, this.setPolicies));
  }
}
