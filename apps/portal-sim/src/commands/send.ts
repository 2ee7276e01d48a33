import { randomUUID } from 'node:crypto';
import { sleep } from '@sanshe/common';
import { portalCommandsTopic, portalRepliesTopic, type SansheEvent } from '@sanshe/contracts';
import { EXIT, type ExitCode, type SendRequest, UsageError } from '../cli/portal-sim-request';
import { eventLine, replyVerdict } from '../format/event-line';
import type { PortalSimIo } from '../portal-sim-io';
import type { PortalTransport, Reading } from '../transport/portal-transport';
import { buildCommand } from './build-command';
import { type CommandOutcome, ReplyWait } from './reply-wait';

/** The file a kind reads (set-policy, open-program), parsed; a missing or broken file is a usage error. */
function readJsonFile(request: SendRequest, io: PortalSimIo): unknown {
  const path = request.options.file;
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = io.readFile(path);
  } catch (err) {
    throw new UsageError(`--file ${path}: cannot read it (${(err as Error).message})`, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`--file ${path}: not JSON (${(err as Error).message})`, { cause: err });
  }
}

/** Builds and checks the command; throws UsageError or EventValidationError before anything is sent. */
export function commandOf(request: SendRequest, io: PortalSimIo): SansheEvent {
  const file = readJsonFile(request, io);
  return buildCommand(
    { portalId: request.portalId, kind: request.kind, as: request.as, options: request.options, file },
    { now: io.now ?? (() => new Date()), newId: io.newId ?? randomUUID },
  );
}

/** Looks for a replies topic that is not there yet until the deadline, then reads it from its beginning. */
async function readRepliesOnceMade(
  transport: PortalTransport,
  topic: string,
  deadline: number,
  wait: ReplyWait,
  io: PortalSimIo,
): Promise<Reading | undefined> {
  io.err(`portal-sim: ${topic} does not exist yet (is the portal registered?); looking for it until the timeout`);
  while (Date.now() < deadline) {
    await sleep(io.topicPollMs ?? 500);
    if ((await transport.existingTopics([topic])).length) {
      return transport.read([topic], 'beginning', (from, value) => wait.offer(from, value));
    }
  }
  return undefined;
}

function report(request: SendRequest, command: SansheEvent, outcome: CommandOutcome, io: PortalSimIo): ExitCode {
  const show = (read: NonNullable<CommandOutcome['verdict']>) =>
    io.out(request.json ? JSON.stringify(read.event) : eventLine(read));
  if (!outcome.verdict) {
    io.err(`portal-sim: no reply to ${command.id} within ${request.timeoutMs / 1000} s`);
    return EXIT.timeout;
  }
  show(outcome.verdict);
  if (outcome.report) show(outcome.report);
  const verdict = replyVerdict(outcome.verdict.event.type);
  if (verdict === 'accepted' && request.kind === 'request-report' && !outcome.report) {
    io.err(`portal-sim: accepted, but the report did not arrive within ${request.timeoutMs / 1000} s`);
    return EXIT.timeout;
  }
  return verdict === 'accepted' ? EXIT.ok : EXIT.rejected;
}

/**
 * `send <kind>`: the command is checked locally, the replies topic is read from its current end BEFORE the
 * command is written (so a quick reply is not missed), then the reply naming the command's id is awaited.
 */
export async function send(request: SendRequest, io: PortalSimIo): Promise<ExitCode> {
  const command = commandOf(request, io);
  const deadline = Date.now() + request.timeoutMs;
  const transport = io.transport(request.portalId);
  const wait = new ReplyWait(command.id, request.kind === 'request-report');
  const [commands, replies] = [portalCommandsTopic(request.portalId), portalRepliesTopic(request.portalId)];
  let reading: Reading | undefined;
  try {
    const existing = await transport.existingTopics([commands, replies]);
    if (!existing.includes(commands)) {
      io.err(`portal-sim: ${commands} does not exist: is portal ${request.portalId} registered? Nothing sent.`);
      return EXIT.failure;
    }
    // Where the replies topic ends is fixed before the command is written; a topic made later is read whole.
    const later = existing.includes(replies) ? undefined : readRepliesOnceMade(transport, replies, deadline, wait, io);
    later?.catch(() => undefined); // awaited below; a failure while sending must not go unhandled meanwhile
    if (!later) reading = await transport.read([replies], 'end', (from, value) => wait.offer(from, value));
    await transport.send(commands, command.subject, JSON.stringify(command));
    io.err(`portal-sim: sent ${command.type} ${command.id}; waiting for its reply on ${replies}`);
    reading ??= await later;
    return report(request, command, await wait.until(deadline), io);
  } finally {
    await reading?.stop();
    await transport.close();
  }
}
