import { contextTopic, type EventData, type EventType, type SansheEvent } from '@sanshe/contracts';
import { type EventHandler, type EventHandlers, PermanentEventError } from '@sanshe/messaging';
import type {
  RecordAdministrativeAreaCommand,
  RecordAdministrativeAreaHandler,
} from '../../application/record-administrative-area';

type AreaEventType =
  | 'sanshe.community.district.registered.v1'
  | 'sanshe.community.district.updated.v1'
  | 'sanshe.community.street.registered.v1'
  | 'sanshe.community.street.updated.v1'
  | 'sanshe.community.community.registered.v1'
  | 'sanshe.community.community.updated.v1';

type Common = Pick<RecordAdministrativeAreaCommand, 'name' | 'population' | 'revision'>;
const common = ({ name, population, revision }: Common): Common => ({ name, population, revision });

const district = (data: EventData<'sanshe.community.district.registered.v1'>) => ({
  ...common(data),
  code: data.districtCode,
  level: 'district' as const,
  parentCode: null,
});
const street = (data: EventData<'sanshe.community.street.registered.v1'>) => ({
  ...common(data),
  code: data.streetCode,
  level: 'street' as const,
  parentCode: data.districtCode,
});
const community = (data: EventData<'sanshe.community.community.registered.v1'>) => ({
  ...common(data),
  code: data.communityCode,
  level: 'community' as const,
  parentCode: data.streetCode,
});

/** Each area event → the area it reports (registered and updated carry the same data). */
const AREA_EVENTS: {
  [T in AreaEventType]: (data: EventData<T>) => Omit<RecordAdministrativeAreaCommand, 'sourceEventId'>;
} = {
  'sanshe.community.district.registered.v1': district,
  'sanshe.community.district.updated.v1': district,
  'sanshe.community.street.registered.v1': street,
  'sanshe.community.street.updated.v1': street,
  'sanshe.community.community.registered.v1': community,
  'sanshe.community.community.updated.v1': community,
};

const COMMUNITY_CHANNEL = { topic: contextTopic('community'), source: 'sanshe/community' };

/**
 * The inbox handlers of the area events. Only the community service keeps the hierarchy: an area event
 * from another topic or source is dead-lettered, naming where it came from, and changes nothing.
 */
export function administrativeAreaEventHandlers(record: RecordAdministrativeAreaHandler): EventHandlers {
  const handle =
    <T extends AreaEventType>(type: T): EventHandler<T> =>
    async (event: SansheEvent<T>, manager, delivery) => {
      if (delivery.topic !== COMMUNITY_CHANNEL.topic || event.source !== COMMUNITY_CHANNEL.source) {
        throw new PermanentEventError(
          `${type} is the community service's (topic ${COMMUNITY_CHANNEL.topic}, source ${COMMUNITY_CHANNEL.source}); ` +
            `this arrived on topic ${delivery.topic} from source ${event.source}`,
        );
      }
      await record.execute(manager, { ...AREA_EVENTS[type](event.data), sourceEventId: event.id });
    };
  return Object.fromEntries(
    (Object.keys(AREA_EVENTS) as AreaEventType[]).map((type) => [type, handle(type)]),
  ) as EventHandlers;
}

export const ADMINISTRATIVE_AREA_EVENT_TYPES = Object.keys(AREA_EVENTS) as EventType[];
