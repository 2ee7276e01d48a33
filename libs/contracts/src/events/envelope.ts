import { CloudEvent } from 'cloudevents';
import type { Static } from '@sinclair/typebox';
import { EVENT_CATALOG } from '../catalog';
import { EventValidationError, validateData, validateEnvelope } from './validation';

type Catalog = (typeof EVENT_CATALOG)[number];
export type EventType = Catalog['type'];
/** The TypeScript type of each event type's `data`, derived from its schema. */
type DataByType = { [D in Catalog as D['type']]: Static<D['data']> };
/** Indexed access (rather than Extract) keeps SansheEvent<T> covariant: SansheEvent<'a'> is a SansheEvent. */
export type EventData<T extends EventType> = DataByType[T];

/** A CloudEvents 1.0 event (JSON format) as Sanshe publishes it. */
export interface SansheEvent<T extends EventType = EventType> {
  specversion: '1.0';
  id: string;
  source: string;
  type: T;
  /** The aggregate id; also the Kafka partition key. */
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: EventData<T>;
  /** W3C trace context, propagated from the request or message that caused this event. */
  traceparent?: string;
  /** Groups every event of one business process (e.g. a proposal and its decision). */
  correlationid?: string;
}

export interface NewEvent<T extends EventType> {
  type: T;
  /** The emitting service or portal, e.g. `sanshe/organization` or `portal/xuhui-civil-affairs`. */
  source: string;
  subject: string;
  data: EventData<T>;
  /** Deterministic where the producer can retry, so retries are deduplicated downstream. */
  id?: string;
  time?: Date;
  traceparent?: string;
  correlationid?: string;
}

/** Builds an event and validates it against the CloudEvents spec and its type's schema; throws EventValidationError naming the field. */
export function createEvent<T extends EventType>(init: NewEvent<T>): SansheEvent<T> {
  const empty = (['id', 'traceparent', 'correlationid'] as const).filter((key) => init[key] === '');
  if (empty.length) {
    // An empty deterministic id would silently become a random one and defeat deduplication.
    throw new EventValidationError(
      init.type,
      empty.map((key) => ({ path: `/${key}`, message: 'must not be empty' })),
    );
  }
  let event: SansheEvent<T>;
  try {
    event = new CloudEvent<unknown>({
      id: init.id,
      source: init.source,
      type: init.type,
      subject: init.subject,
      time: (init.time ?? new Date()).toISOString(),
      datacontenttype: 'application/json',
      data: init.data,
      ...(init.traceparent !== undefined ? { traceparent: init.traceparent } : {}),
      ...(init.correlationid !== undefined ? { correlationid: init.correlationid } : {}),
    }).toJSON() as unknown as SansheEvent<T>;
    for (const key of Object.keys(event) as (keyof SansheEvent<T>)[]) if (event[key] === undefined) delete event[key];
  } catch (err) {
    throw EventValidationError.fromCloudEvents(init.type, err);
  }
  validateEvent(event); // the same object, checked against the envelope and its type's schema
  return event;
}

/** Checks an incoming value (already JSON-parsed) is a Sanshe event of a known type with valid data. */
export function validateEvent(value: unknown): SansheEvent {
  return checkEventData(validateEnvelope(value));
}

/** The second half of validateEvent, for a caller that already checked the envelope: known type, valid data. */
export function checkEventData(envelope: { type: string; data: unknown }): SansheEvent {
  const definition = EVENT_CATALOG.find((d) => d.type === envelope.type);
  if (!definition)
    throw new EventValidationError(envelope.type, [
      { path: '/type', message: `unknown event type "${envelope.type}"` },
    ]);
  validateData(definition, envelope.data);
  return envelope as unknown as SansheEvent;
}

export const isKnownEventType = (type: string): type is EventType => EVENT_CATALOG.some((d) => d.type === type);
