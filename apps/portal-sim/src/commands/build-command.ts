import { randomUUID } from 'node:crypto';
import {
  createEvent,
  EVENT_CATALOG,
  type EventType,
  EventValidationError,
  type NewEvent,
  type SansheEvent,
  schemaProblems,
} from '@sanshe/contracts';
import { type SendKind, type SendOptions, UsageError } from '../cli/portal-sim-request';

/** What a send kind puts on the wire: its type, subject and data, before the envelope. */
type CommandBody = Omit<NewEvent<EventType>, 'source' | 'id' | 'time'>;

export interface CommandInput {
  portalId: string;
  kind: SendKind;
  /** castBy: the party the command comes from. */
  as: string;
  options: SendOptions;
  /** A file's parsed JSON (set-policy, open-program); read by the caller. */
  file?: unknown;
}

export interface BuildContext {
  now: () => Date;
  newId: () => string;
}

const defaultContext: BuildContext = { now: () => new Date(), newId: () => randomUUID() };

function need(input: CommandInput, ...names: string[]): string[] {
  const missing = names.filter((name) => !input.options[name]);
  if (missing.length) {
    throw new UsageError(`send ${input.kind} needs ${missing.map((name) => `--${name}`).join(', ')}`);
  }
  return names.map((name) => input.options[name] ?? '');
}

/** An optional whole number as given; a bad one is left to the schema only if it parses as a number. */
function wholeNumber(name: string, value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isInteger(parsed)) {
    throw new UsageError(`--${name} must be a whole number, not "${value}"`);
  }
  return parsed;
}

/** `--reason-code` and `--reason` together as an objection's reason, or none when neither is given. */
function objectionReason(input: CommandInput) {
  const { 'reason-code': code, reason: text } = input.options;
  if (code === undefined && text === undefined) return {};
  return { reason: { code, text } };
}

const data = (body: Record<string, unknown>) =>
  // Options not given stay out of the data (undefined is not JSON): the schema then names what is missing.
  Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));

function body(input: CommandInput, now: Date): CommandBody {
  const castBy = input.as;
  const o = input.options;
  switch (input.kind) {
    case 'arbitrate': {
      const [decisionId] = need(input, 'decision', 'outcome', 'reason');
      const arbiterId = o.arbiter ?? castBy;
      const ruling = { decisionId, arbiterId, castBy, result: o.outcome, reason: o.reason };
      return { type: 'sanshe.portal.decision.arbitrated.v1', subject: decisionId, data: data(ruling) as never };
    }
    case 'vote': {
      const [decisionId] = need(input, 'decision', 'choice');
      const round = o.round === undefined ? undefined : wholeNumber('round', o.round);
      const vote = {
        decisionId,
        partyId: o.party ?? castBy,
        castBy,
        choice: o.choice,
        ...objectionReason(input),
        round,
      };
      return { type: 'sanshe.portal.decision.vote-cast.v1', subject: decisionId, data: data(vote) as never };
    }
    case 'call-in': {
      const [decisionId, proposalId] = need(input, 'decision', 'proposal', 'reason-code', 'reason');
      const callIn = { decisionId, proposalId, partyId: o.party ?? castBy, castBy, ...objectionReason(input) };
      return { type: 'sanshe.portal.filing.call-in-requested.v1', subject: decisionId, data: data(callIn) as never };
    }
    case 'confirm-payment': {
      const [paymentId, grantId, tranche, railReference] = need(input, 'payment', 'grant', 'tranche', 'rail-reference');
      const confirmedAt = o['confirmed-at'] ?? now.toISOString();
      const trancheNo = wholeNumber('tranche', tranche);
      const payment = { paymentId, grantId, trancheNo, portalId: `portal:${input.portalId}`, castBy, railReference };
      return {
        type: 'sanshe.portal.payment.confirmed.v1',
        subject: paymentId,
        data: data({ ...payment, confirmedAt }) as never,
      };
    }
    case 'set-policy': {
      need(input, 'file');
      const policy = fileObject(input);
      const policyId = typeof policy.policyId === 'string' ? policy.policyId : '';
      if (!policyId) throw new UsageError(`${input.options.file}: the policy has no policyId`);
      const set = { policyId, castBy, policy };
      return { type: 'sanshe.portal.decision-policy.set-requested.v1', subject: policyId, data: set as never };
    }
    case 'open-program': {
      const [programId] = need(input, 'program', 'file');
      const open = { programId, castBy, program: fileObject(input) };
      return { type: 'sanshe.portal.funding-program.open-requested.v1', subject: programId, data: open as never };
    }
    case 'request-report': {
      need(input, 'kind', 'from', 'to');
      const report = { portalId: input.portalId, castBy, reportKind: o.kind, from: o.from, to: o.to };
      return { type: 'sanshe.portal.report.requested.v1', subject: input.portalId, data: report as never };
    }
  }
}

function fileObject(input: CommandInput): Record<string, unknown> {
  const value = input.file;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`${input.options.file}: must hold one JSON object`);
  }
  return value as Record<string, unknown>;
}

/**
 * The command as the portal sends it: a CloudEvent with a fresh id (the command id its reply names), source
 * `portal/<portalId>`, validated against its contract. Throws UsageError for a missing option and
 * EventValidationError (naming each field) for a command its schema refuses: either way nothing is sent.
 */
export function buildCommand(input: CommandInput, context: BuildContext = defaultContext): SansheEvent {
  const now = context.now();
  const command = body(input, now);
  // The data's problems as the HTTP APIs word them (one line per field, a literal union's values named).
  const definition = EVENT_CATALOG.find((d) => d.type === command.type);
  const problems = definition ? schemaProblems(definition.data, command.data, '/data') : [];
  if (problems.length) throw new EventValidationError(command.type, problems);
  return createEvent({ ...command, id: context.newId(), source: `portal/${input.portalId}`, time: now });
}
