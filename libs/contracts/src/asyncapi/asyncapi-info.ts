/** The `info` of the AsyncAPI document, written for the engineers who integrate a government portal. */

/** Minor for new event types or optional fields, patch for wording. Breaking changes are new `.vN` types. */
const DOCUMENT_VERSION = '0.10.0';

const description = `
Sanshe (三社联动) links communities, social organizations, social workers and the government funding
behind them so that no single party can block the others. Multi-party decisions and grant
disbursement run as durable workflows in a neutral orchestrator, and government portals take part
through the events described here.

## How to consume

- Every message is a **CloudEvents 1.0** event in structured mode: the Kafka record value is the JSON
  envelope (\`application/cloudevents+json\`), the event's payload is in \`data\`.
- Each producing context has one topic, \`sanshe.<context>.events\`. Subscribe with your own consumer
  group and dispatch on the CloudEvent \`type\`.
- A portal sends its commands as CloudEvents on its own topic, \`sanshe.portal.<portalId>.commands\`,
  with \`source\` = \`portal/<portalId>\`.
- Every command gets exactly one reply on the portal's own \`sanshe.portal.<portalId>.replies\`, from
  the one service that acts on its type: \`…portal.command-accepted.v1\` or \`…portal.command-rejected.v1\`
  (with a kebab-case \`code\` and a \`reason\`), whose \`data.commandId\` is your command's \`id\`. A
  command sent again under the same \`id\` has no second effect and is answered once.

## Ordering

The Kafka key is the event's \`subject\`, the id of the aggregate it is about (a proposal, a grant…).
Events of one aggregate are therefore in order within their topic. There is no order across
aggregates or across topics: use \`time\` and \`correlationid\` to relate them.

## Delivery and deduplication

Delivery is **at least once**: an event may arrive more than once, for example after a producer
retry or a consumer rebalance. Deduplicate by the CloudEvent \`id\`; a retried event keeps its id.
Send your own commands with a deterministic \`id\` (derived from what the command is about), so that
your retries are deduplicated too.

## Versioning

- The version is the last part of the type: \`sanshe.<context>.<aggregate>.<verb>.v<N>\`.
- Within a version, changes are additive only: new optional fields. Fields are never removed,
  renamed or retyped. **Ignore fields you do not know**, including unknown CloudEvents extensions.
- A breaking change gets a new type (\`.v2\`), published alongside the old one for a deprecation
  period announced to portals. **Ignore event types you do not know.**
- This document's own version is minor-bumped for new event types or fields, patch-bumped for
  wording.
`.trim();

export const ASYNCAPI_INFO = {
  title: 'Sanshe events',
  version: DOCUMENT_VERSION,
  description,
  license: { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' },
  tags: [{ name: 'government-portals', description: 'The public contract for government portals.' }],
};
