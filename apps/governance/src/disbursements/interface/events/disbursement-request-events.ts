import { Logger } from '@nestjs/common';
import type { EventType, SansheEvent } from '@sanshe/contracts';
import type { Delivery, EventHandler, EventHandlers } from '@sanshe/messaging';
import { PermanentEventError } from '@sanshe/messaging';
import type { ChannelCheck } from '../../../decisions/application/channel-check';
import type { ControllerMap } from '../../../parties/domain/controller-map';
import type {
  ApplyDisbursementRequestHandler,
  DisbursementRequest,
} from '../../application/apply-disbursement-request';
import type { RefuseDisbursementRequestHandler } from '../../application/refuse-disbursement-request';
import type { DisbursementGrants } from '../../infrastructure/disbursement-grants';

export interface DisbursementRequestUseCases {
  apply: Pick<ApplyDisbursementRequestHandler, 'execute'>;
  refuse: Pick<RefuseDisbursementRequestHandler, 'execute'> &
    Partial<Pick<RefuseDisbursementRequestHandler, 'accepted'>>;
  channels: Pick<ChannelCheck, 'refusal'>;
  grants: Pick<DisbursementGrants, 'find' | 'ofOrganization'>;
  controllers: Pick<ControllerMap, 'resolver'>;
}

type Manager = Parameters<EventHandler>[1];
/** What every request carries (objection, clawback, cancellation), and what some add. */
type Asked = {
  grantId: string;
  partyId: string;
  castBy: string;
  reason: { code: string; text: string };
  trancheNo?: number;
  amount?: { amountFen: number };
};
type Refusal = { code: string; message: string };
type RequestHandler = (event: SansheEvent<EventType>, manager: Manager, delivery: Delivery) => Promise<void>;

const CONTEXTS = ['community', 'talent', 'funding', 'portal'] as const;
const OBJECTION_TYPES = CONTEXTS.map((c) => `sanshe.${c}.disbursement.objection-raised.v1`);
const CLAWBACK_TYPES = CONTEXTS.map((c) => `sanshe.${c}.disbursement.clawback-proposed.v1`);
const CANCELLATION_TYPES = ['funding', 'portal'].map((c) => `sanshe.${c}.disbursement.cancellation-requested.v1`);

/** The reason as the workflow keeps it: the code, then the substantiating text. */
const reasonText = ({ code, text }: Asked['reason']) => `[${code}] ${text}`;
const openedBy = (event: SansheEvent<EventType>) => ({ eventId: event.id, type: event.type });

const objectionOf = (data: Asked): DisbursementRequest => ({
  kind: 'objection',
  objection: {
    trancheNo: data.trancheNo ?? 0,
    partyId: data.partyId,
    castBy: data.castBy,
    reason: reasonText(data.reason),
  },
});
const clawbackOf = (data: Asked, event: SansheEvent<EventType>): DisbursementRequest => ({
  kind: 'clawback',
  proposal: {
    trancheNo: data.trancheNo ?? 0,
    proposedBy: data.partyId,
    reason: reasonText(data.reason),
    amountFen: data.amount?.amountFen ?? 0,
    openedBy: openedBy(event),
  },
});
const cancellationOf = (data: Asked, event: SansheEvent<EventType>): DisbursementRequest => ({
  kind: 'cancellation',
  request: { requestedBy: data.partyId, cause: 'funder', reason: reasonText(data.reason), openedBy: openedBy(event) },
});

/**
 * A request's handler: the party's controller's channel (`wrong-channel`), sent by the party itself
 * (`wrong-identity`, as votes), the request's own check (`not-funder`, `unknown-grant`), then the workflow's Update. Any refusal
 * is answered with request-refused; the event is consumed either way.
 */
function requestHandler(
  { apply, refuse, channels }: DisbursementRequestUseCases,
  build: (data: Asked, event: SansheEvent<EventType>) => DisbursementRequest,
  check: (manager: Manager, data: Asked) => Promise<Refusal | null> = async () => null,
): RequestHandler {
  return async (event, manager, delivery) => {
    const data = event.data as Asked;
    const { grantId, partyId, castBy } = data;
    const wrongChannel = await channels.refusal(event, delivery, { partyIds: [partyId] });
    const notAllowed = wrongChannel || castBy !== partyId ? null : await check(manager, data);
    const result = wrongChannel
      ? { code: 'wrong-channel', message: wrongChannel }
      : castBy !== partyId
        ? { code: 'wrong-identity', message: `${castBy} cannot ask for ${partyId}: only the party asks for itself` }
        : (notAllowed ?? (await apply.execute({ grantId, request: build(data, event), event })));
    if (result === 'accepted') return refuse.accepted?.(manager, event, grantId);
    await refuse.execute(manager, { event, grantId, partyId, code: result.code, reason: result.message });
  };
}

/**
 * A cancellation is the funder's to ask: the grant's funder itself, or the portal its controller rule names. The
 * funder is the one the start recorded; a grant governance did not start (or not yet) has none to ask for it.
 */
const funderOnly =
  ({ grants, controllers }: DisbursementRequestUseCases) =>
  async (manager: Manager, { grantId, partyId }: Asked): Promise<Refusal | null> => {
    const grant = await grants.find(manager, grantId);
    if (!grant) return { code: 'unknown-grant', message: `governance started no disbursement for grant ${grantId}` };
    if (partyId === grant.funderId) return null;
    const speaksForFunder = (await controllers.resolver())(grant.funderId);
    if (partyId.startsWith('portal:') && speaksForFunder === partyId) return null;
    const message = `only the grant's funder ${grant.funderId} (or the portal that speaks for it) asks to cancel it, not ${partyId}`;
    return { code: 'not-funder', message };
  };

/**
 * The organization registry says an organization is deregistered: governance itself asks, for each of its
 * grants, a grant-cancellation decision (cause organization-deregistered, proposer the organization), update id
 * the fact's identity (a redelivery asks once). A grant that ended or is already being decided asks nothing:
 * logged, not answered (the fact is nobody's request).
 */
function deregistrationHandler({ apply, channels, grants }: DisbursementRequestUseCases) {
  const logger = new Logger('Disbursement');
  const handler: EventHandler<'sanshe.organization.organization.updated.v1'> = async (event, manager, delivery) => {
    const { organizationId, status, revision } = event.data;
    if (status !== 'deregistered') return;
    const refusal = await channels.refusal(event, delivery, { owner: 'organization' });
    if (refusal) throw new PermanentEventError(`wrong-channel: deregistration of ${organizationId}: ${refusal}`);
    const request = {
      requestedBy: `organization:${organizationId}`,
      cause: 'organization-deregistered' as const,
      reason: `机构 ${organizationId} 已注销登记（registry revision ${revision}）`,
      openedBy: openedBy(event),
    };
    for (const grantId of await grants.ofOrganization(manager, organizationId)) {
      const result = await apply.execute({ grantId, request: { kind: 'cancellation', request }, event });
      if (result !== 'accepted')
        logger.log(`${grantId}: deregistration of ${organizationId} asks nothing: ${result.code}`);
    }
  };
  return handler;
}

/** What the parties ask of a grant's disbursement (docs/decisions.md, "Grant disbursement"), by event type. */
export function disbursementRequestEventHandlers(cases: DisbursementRequestUseCases): EventHandlers {
  const objection = requestHandler(cases, objectionOf);
  const clawback = requestHandler(cases, clawbackOf);
  const cancellation = requestHandler(cases, cancellationOf, funderOnly(cases));
  return {
    ...Object.fromEntries(OBJECTION_TYPES.map((type) => [type, objection])),
    ...Object.fromEntries(CLAWBACK_TYPES.map((type) => [type, clawback])),
    ...Object.fromEntries(CANCELLATION_TYPES.map((type) => [type, cancellation])),
    'sanshe.organization.organization.updated.v1': deregistrationHandler(cases),
  } as EventHandlers;
}
