/**
 * Builds the AsyncAPI 3.0 document, the public contract for government portals, from the event
 * catalog. Pure: no I/O. `npm run contracts:asyncapi` writes it to libs/contracts/asyncapi/asyncapi.yaml.
 */
import { EVENT_CATALOG } from '../catalog';
import { isPortalReplyType } from '../catalog/portal-replies.events';
import type { EventDefinition } from '../events/event-definition';
import { contextTopic, DEAD_LETTER_HEADERS, deadLetterTopic } from '../events/topics';
import { ASYNCAPI_INFO } from './asyncapi-info';
import {
  type ChannelsAndOperations,
  EXAMPLE_PORTAL,
  type Json,
  KAFKA_BINDING_VERSION,
  messageName,
  messageRefs,
  operationRefs,
  pascal,
  sentence,
} from './asyncapi-refs';
import { portalChannels } from './portal-channels';

export { messageName } from './asyncapi-refs';
export { PORTAL_COMMANDS_ADDRESS, PORTAL_REPLIES_ADDRESS } from './portal-channels';

export interface AsyncApiDocument {
  asyncapi: '3.0.0';
  info: Json;
  defaultContentType: string;
  servers: Record<string, Json>;
  channels: Record<string, Json>;
  operations: Record<string, Json>;
  components: { messages: Record<string, Json> };
}

const CONTEXTS = ['community', 'organization', 'talent', 'funding', 'governance'] as const;
const CLOUDEVENTS_JSON = 'application/cloudevents+json';
/** Fixed so that the generated document only changes when the catalog does. */
const EXAMPLE_TIME = '2026-03-02T09:30:00.000Z';
const EXAMPLE_TRACEPARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const camel = (text: string) => text.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** TypeBox schemas carry symbol keys; a JSON copy keeps only the JSON Schema. */
const plainJson = (value: unknown): Json => JSON.parse(JSON.stringify(value)) as Json;

function envelopeSchema(definition: EventDefinition): Json {
  const text = (description: string, extra: Json = {}) => ({ type: 'string', description, ...extra });
  return {
    type: 'object',
    description: `CloudEvents 1.0 (structured mode, JSON) carrying ${definition.type}.`,
    required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data'],
    properties: {
      specversion: text('CloudEvents version.', { const: '1.0' }),
      id: text('Unique per event. Deduplicate on it: a retried event keeps its id.', { minLength: 1 }),
      source: text('Who emitted it: `sanshe/<context>` or `portal/<portalId>`.', { minLength: 1 }),
      type: text('The event type; a breaking change gets a new `.vN` type.', { const: definition.type }),
      subject: text('The aggregate id; also the Kafka message key.', { minLength: 1 }),
      time: text('When it happened (RFC 3339).', { format: 'date-time' }),
      datacontenttype: text('Media type of `data`.', { const: 'application/json' }),
      traceparent: text('W3C trace context of the request or message that caused this event.', {
        pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$',
      }),
      correlationid: text('Groups every event of one business process.', { minLength: 1 }),
      data: { ...plainJson(definition.data), description: definition.description },
    },
    additionalProperties: true,
  };
}

/** The example's subject: its `<aggregate>Id` field where it has one (it should). */
function exampleSubject(definition: EventDefinition): string {
  const field = definition.subjectField ?? `${camel(definition.aggregate)}Id`;
  const id = (definition.example as Json | undefined)?.[field];
  return typeof id === 'string' ? id : `${definition.aggregate}-0001`;
}

export function exampleEvent(definition: EventDefinition): Json {
  const subject = exampleSubject(definition);
  const source = definition.context === 'portal' ? `portal/${EXAMPLE_PORTAL}` : `sanshe/${definition.context}`;
  return {
    specversion: '1.0',
    id: `${definition.type}:${subject}`,
    source,
    type: definition.type,
    subject,
    time: EXAMPLE_TIME,
    datacontenttype: 'application/json',
    traceparent: EXAMPLE_TRACEPARENT,
    correlationid: `${definition.aggregate}-${subject}`,
    data: plainJson(definition.example),
  };
}

function eventMessage(definition: EventDefinition): Json {
  return {
    name: definition.type,
    title: sentence(`${definition.aggregate} ${definition.type.split('.')[3]} (v${definition.version})`),
    summary: definition.description,
    contentType: CLOUDEVENTS_JSON,
    payload: envelopeSchema(definition),
    bindings: {
      kafka: {
        key: { type: 'string', description: 'The aggregate id (the CloudEvent `subject`).' },
        bindingVersion: KAFKA_BINDING_VERSION,
      },
    },
    examples: [{ name: messageName(definition.type), payload: exampleEvent(definition) }],
  };
}

const deadLetterHeaderDescriptions: Record<keyof typeof DEAD_LETTER_HEADERS, string> = {
  error: 'Why the consumer gave up (at most 4000 characters).',
  originalTopic: 'The topic the record was read from.',
  originalPartition: 'Its partition (decimal).',
  originalOffset: 'Its offset (decimal).',
  attempts: 'How many times the consumer tried (decimal).',
  consumer: 'The consumer group that gave up.',
};

const deadLetterMessage: Json = {
  name: 'DeadLetterRecord',
  title: 'Dead-lettered record',
  summary: 'A record a consumer group could not process, unchanged (same key and value), with why in the headers.',
  headers: {
    type: 'object',
    required: Object.values(DEAD_LETTER_HEADERS),
    properties: Object.fromEntries(
      (Object.keys(DEAD_LETTER_HEADERS) as (keyof typeof DEAD_LETTER_HEADERS)[]).map((key) => [
        DEAD_LETTER_HEADERS[key],
        { type: 'string', description: deadLetterHeaderDescriptions[key] },
      ]),
    ),
  },
  payload: { description: 'The original record value, byte for byte (normally a CloudEvent).' },
  bindings: {
    kafka: {
      key: { type: 'string', description: 'The original record key.' },
      bindingVersion: KAFKA_BINDING_VERSION,
    },
  },
};

/** A channel per context that publishes, each with the operation that sends on it (replies go to portals'). */
function contextChannels(catalog: readonly EventDefinition[]): ChannelsAndOperations {
  const channels: Record<string, Json> = {};
  const operations: Record<string, Json> = {};
  for (const context of CONTEXTS) {
    const definitions = catalog.filter((d) => d.context === context && !isPortalReplyType(d.type));
    if (definitions.length === 0) continue;
    const channel = `${context}Events`;
    channels[channel] = {
      address: contextTopic(context),
      title: sentence(`${context} events`),
      description: `What the ${context} context publishes. Key: the aggregate id, so each aggregate's events stay in order.`,
      messages: messageRefs(definitions),
    };
    operations[`send${pascal([context])}Events`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channel}` },
      summary: `Sanshe's ${context} service publishes these; portals consume them.`,
      messages: operationRefs(channel, definitions),
    };
  }
  return { channels, operations };
}

const deadLettersChannel: ChannelsAndOperations = {
  channels: {
    deadLetters: {
      address: deadLetterTopic('{consumerGroup}'),
      title: 'Dead letters',
      description:
        "Where a Sanshe consumer group puts a record it cannot process, after retrying, so that one bad record never blocks its partition. Operators inspect and replay them; they are not part of a portal's contract.",
      parameters: { consumerGroup: { description: 'The consumer group that gave up.' } },
      messages: { DeadLetterRecord: { $ref: '#/components/messages/DeadLetterRecord' } },
    },
  },
  operations: {
    sendDeadLetters: {
      action: 'send',
      channel: { $ref: '#/channels/deadLetters' },
      summary: 'A Sanshe consumer dead-letters a record it cannot process.',
      messages: [{ $ref: '#/channels/deadLetters/messages/DeadLetterRecord' }],
    },
  },
};

const localServer: Json = {
  host: '127.0.0.1:9092',
  protocol: 'kafka',
  description:
    'The development broker that `npm start` runs. Production brokers (addresses, TLS, SASL credentials) are configured per deployment and given to each portal at onboarding.',
};

export function buildAsyncApi(catalog: readonly EventDefinition[] = EVENT_CATALOG): AsyncApiDocument {
  const parts = [contextChannels(catalog), portalChannels(catalog), deadLettersChannel];
  return {
    asyncapi: '3.0.0',
    info: ASYNCAPI_INFO,
    defaultContentType: CLOUDEVENTS_JSON,
    servers: { local: localServer },
    channels: Object.fromEntries(parts.flatMap((part) => Object.entries(part.channels))),
    operations: Object.fromEntries(parts.flatMap((part) => Object.entries(part.operations))),
    components: {
      messages: {
        ...Object.fromEntries(catalog.map((d) => [messageName(d.type), eventMessage(d)])),
        DeadLetterRecord: deadLetterMessage,
      },
    },
  };
}
