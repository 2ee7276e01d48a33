import {
  DistrictCode,
  EVENT_CATALOG,
  EventValidationError,
  exampleEvent,
  needPublished,
  ratingUpdated,
  ResidentPseudonym,
  schemaProblems,
  StreetCode,
  StrictCommunityCode,
  validateEvent,
  venueRegistered,
} from '../src';
import { NEED_CATEGORIES } from '../src/pure';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document

/** The event `definition`'s example with `data` changed by `change`, as it would arrive. */
const arriving = (definition: (typeof EVENT_CATALOG)[number], change: (data: Json) => void) => {
  const data = structuredClone(definition.example) as Json;
  change(data);
  return { ...(exampleEvent(definition) as Json), data };
};

/** The distinct fields `event` is refused for (fails when it is accepted). */
function refusedFields(event: unknown): string[] {
  try {
    validateEvent(event);
  } catch (err) {
    expect(err).toBeInstanceOf(EventValidationError);
    return [...new Set((err as EventValidationError).problems.map((p) => p.path))];
  }
  throw new Error('expected the event to be refused');
}

const ISSUE_11_TYPES = EVENT_CATALOG.filter(
  (d) => d.context === 'community' && !['data-access', 'decision', 'filing', 'hours', 'disbursement'].includes(d.aggregate),
);

describe('community events (issue 11)', () => {
  it('are all in the catalog', () => {
    expect(ISSUE_11_TYPES.map((d) => d.type.replace(/^sanshe\.community\.|\.v1$/g, ''))).toEqual([
      'district.registered',
      'district.updated',
      'street.registered',
      'street.updated',
      'community.registered',
      'community.updated',
      'representative.appointed',
      'representative.removed',
      'need.published',
      'need.matched',
      'need.closed',
      'venue.registered',
      'venue.updated',
      'booking.confirmed',
      'booking.cancelled',
      'evaluation.recorded',
      'rating.updated',
    ]);
  });

  it.each(ISSUE_11_TYPES.map((d) => [d.type, d] as const))('%s has its first field as subject', (_, definition) => {
    const [firstField = ''] = Object.keys((definition.data as unknown as Json).properties);
    expect(exampleEvent(definition).subject).toBe((definition.example as Json)[firstField]);
  });

  it('list NEED_CATEGORIES (pure, with zh labels) exactly as the need schema allows them', () => {
    const schemaValues = (needPublished.data.properties.category.anyOf as Json[]).map((s) => s.const as string);
    expect(NEED_CATEGORIES.map((c) => c.code)).toEqual(schemaValues);
    expect(schemaValues).toEqual([
      'elderly-care',
      'children-youth',
      'education',
      'health',
      'disability',
      'poverty-alleviation',
      'culture-hobby',
      'other',
    ]);
    for (const { label } of NEED_CATEGORIES) expect(label).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(new Set(NEED_CATEGORIES.map((c) => c.label)).size).toBe(NEED_CATEGORIES.length);
  });

  it('refuse a need of an unknown category, naming the field', () => {
    expect(refusedFields(arriving(needPublished, (d) => (d.category = 'sports')))).toEqual(['/data/category']);
  });

  it.each([
    [DistrictCode, '310104', ['31010', '310104-005', 'xuhui']],
    [StreetCode, '310104-005', ['310104', '310104-5', '310104-005-001']],
    [StrictCommunityCode, '310104-005-001', ['310104-005', '310104-005-01', '310104-005-001-1']],
    [ResidentPseudonym, 'rp-7k2m9q4x', ['rp-7k2m9q4', 'rp-7K2M9Q4X', 'resident-7k2m9q4x', '13800138000']],
  ])('administrative codes and pseudonyms: %#', (schema, valid, invalid) => {
    expect(schemaProblems(schema, valid)).toEqual([]);
    for (const value of invalid)
      expect({ value, problems: schemaProblems(schema, value).length }).toEqual({ value, problems: 1 });
  });

  it('accept every rating with 2 decimals (no multipleOf 0.01, which refuses 1.11 in binary floating point)', () => {
    for (let hundredths = 0; hundredths <= 500; hundredths += 1) {
      const score = Number((hundredths / 100).toFixed(2));
      expect(validateEvent(arriving(ratingUpdated, (d) => (d.score = score)))).toBeDefined();
    }
    expect(refusedFields(arriving(ratingUpdated, (d) => (d.score = 5.01)))).toEqual(['/data/score']);
  });

  it('refuse opening hours outside the clock and weekdays outside 1–7 (Monday = 1, Sunday = 7)', () => {
    const withHours = (hours: Json) => arriving(venueRegistered, (d) => (d.openingHours = [hours]));
    expect(validateEvent(withHours({ weekday: 7, opens: '00:00', closes: '24:00' }))).toBeDefined();
    expect(refusedFields(withHours({ weekday: 0, opens: '08:00', closes: '12:00' }))).toEqual([
      '/data/openingHours/0/weekday',
    ]);
    expect(refusedFields(withHours({ weekday: 1, opens: '24:00', closes: '8:00' }))).toEqual([
      '/data/openingHours/0/opens',
      '/data/openingHours/0/closes',
    ]);
  });
});
