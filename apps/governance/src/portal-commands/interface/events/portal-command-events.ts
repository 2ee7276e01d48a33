import type { EntityManager } from 'typeorm';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import {
  type Delivery,
  type EventHandler,
  type EventHandlers,
  type OutboxWriter,
  PermanentEventError,
} from '@sanshe/messaging';
import type { ChannelCheck } from '../../../decisions/application/channel-check';
import type { IssueReportHandler } from '../../application/issue-report';
import type { CommandRefusal } from '../../application/jurisdiction-check';
import { portalOfCommandsTopic, replyAccepted, replyRejected } from '../../application/portal-replies';
import type { SetPolicyByPortalHandler } from '../../application/set-policy-by-portal';

export interface PortalCommandUseCases {
  channels: Pick<ChannelCheck, 'refusal'>;
  setPolicy: Pick<SetPolicyByPortalHandler, 'execute'>;
  report: Pick<IssueReportHandler, 'execute'>;
  outbox: Pick<OutboxWriter, 'publish'>;
}

type Outcome = { accepted: Record<string, unknown> } | { refused: CommandRefusal };
type Run<T extends EventType> = (manager: EntityManager, portalId: string, event: SansheEvent<T>) => Promise<Outcome>;

/**
 * A command only portals send, answered on the portal's replies topic whatever happens: it must come from
 * the portal's own channel (its commands topic and source, `wrong-channel`) and be cast by the portal itself
 * (`wrong-identity`); then `run` applies it or says why not.
 */
function portalCommand<T extends EventType>({ channels, outbox }: PortalCommandUseCases, run: Run<T>): EventHandler<T> {
  return async (event: SansheEvent<T>, manager: EntityManager, delivery: Delivery) => {
    const portalId = portalOfCommandsTopic(delivery.topic);
    if (!portalId) throw new PermanentEventError(`${event.type} read from ${delivery.topic}: only portals send it`);
    const { castBy } = event.data as { castBy: string };
    const party = `portal:${portalId}`;
    const wrongChannel = await channels.refusal(event, delivery, { partyIds: [party] });
    const outcome: Outcome = wrongChannel
      ? { refused: { code: 'wrong-channel', reason: wrongChannel } }
      : castBy !== party
        ? {
            refused: {
              code: 'wrong-identity',
              reason: `${castBy} cannot send ${party}'s command: only the portal itself`,
            },
          }
        : await run(manager, portalId, event);
    if ('refused' in outcome) await replyRejected(outbox, manager, event, outcome.refused.code, outcome.refused.reason);
    else await replyAccepted(outbox, manager, event, outcome.accepted);
  };
}

/** The portal commands this feature acts on (docs/events.md, "Portal commands and replies"), by event type. */
export function portalCommandEventHandlers(cases: PortalCommandUseCases): EventHandlers {
  const setPolicy = portalCommand<'sanshe.portal.decision-policy.set-requested.v1'>(
    cases,
    (_manager, portalId, event) => cases.setPolicy.execute(portalId, event.data),
  );
  const report = portalCommand<'sanshe.portal.report.requested.v1'>(cases, (manager, portalId, event) =>
    cases.report.execute(manager, portalId, event),
  );
  return {
    'sanshe.portal.decision-policy.set-requested.v1': setPolicy,
    'sanshe.portal.report.requested.v1': report,
  };
}
