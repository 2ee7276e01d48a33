import { contextTopic, portalRepliesTopic } from '@sanshe/contracts';
import { EXIT, type ExitCode, type ListenRequest } from '../cli/portal-sim-request';
import { decodeRecord, eventLine, typeSelected } from '../format/event-line';
import type { PortalSimIo } from '../portal-sim-io';

/** The public topics every portal may read, and then its own replies. */
export const readableTopics = (portalId: string) => [
  ...(['community', 'organization', 'talent', 'funding', 'governance'] as const).map(contextTopic),
  portalRepliesTopic(portalId),
];

/**
 * `listen`: prints what the portal may read, one line per event of the selected types, until Ctrl-C,
 * `--max-seconds` or `--max-events`. A topic that does not exist yet is named and left out.
 */
export async function listen(request: ListenRequest, io: PortalSimIo): Promise<ExitCode> {
  const transport = io.transport(request.portalId);
  try {
    const wanted = readableTopics(request.portalId);
    const topics = await transport.existingTopics(wanted);
    const missing = wanted.filter((topic) => !topics.includes(topic));
    if (missing.length) io.err(`portal-sim: not on the broker (yet), not read: ${missing.join(', ')}`);
    if (topics.length === 0) {
      io.err('portal-sim: none of the topics this portal reads exists');
      return EXIT.failure;
    }
    let printed = 0;
    let enough: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (enough = resolve));
    const reading = await transport.read(topics, request.fromBeginning ? 'beginning' : 'end', (topic, value) => {
      if (request.maxEvents !== undefined && printed >= request.maxEvents) return;
      const read = decodeRecord(topic, value);
      if (read.event && !typeSelected(read.event.type, request.types)) return;
      if (!read.event && request.types.length) return;
      io.out(request.json && read.event ? JSON.stringify(read.event) : eventLine(read));
      printed++;
      if (request.maxEvents !== undefined && printed >= request.maxEvents) enough();
    });
    io.err(`portal-sim: listening to ${topics.join(', ')} (Ctrl-C to stop)`);
    let timer: NodeJS.Timeout | undefined;
    if (request.maxSeconds !== undefined) timer = setTimeout(enough, request.maxSeconds * 1000);
    await Promise.race([done, io.interrupted]);
    clearTimeout(timer);
    await reading.stop();
    return EXIT.ok;
  } finally {
    await transport.close();
  }
}
