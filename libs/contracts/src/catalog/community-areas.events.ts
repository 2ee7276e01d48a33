import { type Static, type TObject, type TProperties, Type } from '@sinclair/typebox';
import { defineEvent } from '../events/event-definition';
import { DistrictCode, Revision, ServiceArea, StreetCode, StrictCommunityCode } from './common';

/*
 * The administrative hierarchy as data: districts (区), streets (街道) and communities (社区), kept by the
 * community service and published on sanshe.community.events. Governance keeps a read model of them to
 * scope policies and bind `{streetCode}` / `{districtCode}` seats and arbiters (docs/decisions.md).
 * Each change carries the whole unit and its revision: a consumer keeps the highest revision it saw,
 * so order across types (registered after updated) does not matter.
 */

const Name = Type.String({ minLength: 1, maxLength: 100 });
const Population = Type.Integer({ minimum: 0, description: 'residents, as last counted' });

const AreaFields = { name: Name, population: Population, serviceArea: ServiceArea, revision: Revision };

/** `…registered.v1` and `…updated.v1` of one level, with the same data. */
function defineAreaEvents<const Level extends string, Properties extends TProperties>(
  level: Level,
  codeField: string,
  what: string,
  data: TObject<Properties>,
  examples: { registered: Static<TObject<Properties>>; updated: Static<TObject<Properties>> },
) {
  const tail = `Carries the whole ${level} and its revision; consumers keep the highest revision. Subject: the ${codeField}.`;
  const registered = defineEvent(`sanshe.community.${level}.registered.v1`, {
    description: `The community service registered ${what}. ${tail}`,
    data,
    subjectField: codeField,
    example: examples.registered,
  });
  const updated = defineEvent(`sanshe.community.${level}.updated.v1`, {
    description: `${what.charAt(0).toUpperCase()}${what.slice(1)} changed (name, population or service area). ${tail}`,
    data,
    subjectField: codeField,
    example: examples.updated,
  });
  return { registered, updated };
}

const DistrictData = Type.Object({ districtCode: DistrictCode, ...AreaFields }, { additionalProperties: true });
const StreetData = Type.Object(
  { streetCode: StreetCode, districtCode: DistrictCode, ...AreaFields },
  { additionalProperties: true },
);
const CommunityData = Type.Object(
  {
    communityCode: StrictCommunityCode,
    streetCode: StreetCode,
    districtCode: DistrictCode,
    name: Name,
    population: Population,
    households: Type.Optional(Type.Integer({ minimum: 0 })),
    serviceArea: ServiceArea,
    revision: Revision,
  },
  { additionalProperties: true },
);

const district = defineAreaEvents('district', 'districtCode', 'a district (区, GB/T 2260 code)', DistrictData, {
  registered: {
    districtCode: '310104',
    name: '徐汇区',
    population: 1_113_000,
    serviceArea: { areaKm2: 54.93, description: '上海市中心城区西南部，辖13个街道、镇。' },
    revision: 1,
  },
  updated: {
    districtCode: '310104',
    name: '徐汇区',
    population: 1_108_600,
    serviceArea: { areaKm2: 54.93, description: '上海市中心城区西南部，辖13个街道、镇（2025年人口普查更新）。' },
    revision: 2,
  },
});

const street = defineAreaEvents('street', 'streetCode', 'a street (街道) of a district', StreetData, {
  registered: {
    streetCode: '310104-005',
    districtCode: '310104',
    name: '新华路街道',
    population: 37_900,
    serviceArea: { areaKm2: 1.83, description: '东至华山路，西至凯旋路，南至虹桥路、番禺路，北至延安西路。' },
    revision: 1,
  },
  updated: {
    streetCode: '310104-005',
    districtCode: '310104',
    name: '新华路街道',
    population: 38_240,
    serviceArea: { areaKm2: 1.83, description: '东至华山路，西至凯旋路，南至虹桥路、番禺路，北至延安西路。' },
    revision: 2,
  },
});

const community = defineAreaEvents('community', 'communityCode', 'a community (社区) of a street', CommunityData, {
  registered: {
    communityCode: '310104-005-001',
    streetCode: '310104-005',
    districtCode: '310104',
    name: '新华居民区',
    population: 4_260,
    households: 1_870,
    serviceArea: { areaKm2: 0.21, description: '新华路以北、番禺路以东的12个小区，其中老旧里弄住宅占六成。' },
    revision: 1,
  },
  updated: {
    communityCode: '310104-005-001',
    streetCode: '310104-005',
    districtCode: '310104',
    name: '新华居民区',
    population: 4_315,
    households: 1_902,
    serviceArea: { areaKm2: 0.21, description: '新华路以北、番禺路以东的12个小区，其中老旧里弄住宅占六成。' },
    revision: 2,
  },
});

export const districtRegistered = district.registered;
export const districtUpdated = district.updated;
export const streetRegistered = street.registered;
export const streetUpdated = street.updated;
export const communityRegistered = community.registered;
export const communityUpdated = community.updated;

export type DistrictData = Static<typeof DistrictData>;
export type StreetData = Static<typeof StreetData>;
export type CommunityData = Static<typeof CommunityData>;
