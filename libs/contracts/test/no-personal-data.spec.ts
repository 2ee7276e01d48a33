import { Type } from '@sinclair/typebox';
import { defineEvent, EVENT_CATALOG, type EventDefinition } from '../src';

/*
 * No personal data on the wire (docs/events.md, "Community events"): residents' names, phones, ID numbers and
 * addresses stay in the community service's register. This walks every event schema in the catalog — nested
 * objects, arrays, unions — and fails on a property whose name says it holds personal data, and on free text
 * without a maxLength (an unbounded string is where a pasted list of residents would go).
 */

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking JSON Schema

/** Property names (lower-cased, letters and digits only) that denote a person's data. */
const PERSONAL_DATA_NAMES: [RegExp, string][] = [
  [/name$/, 'a name'],
  [/phone|mobile|^tel|tel$|telno/, 'a phone number'],
  [/idnumber|identity(number|no|card)|idcard|nationalid|passport/, 'an ID number'],
  [/address/, 'an address'],
  [/email|mail$/, 'an email address'],
  [/birth|^dob$/, 'a birth date'],
];

/** (event type, path) pairs whose name is not a person's: each with why. */
const ALLOWED: Record<string, string> = {
  'sanshe.community.district.registered.v1 /name': "an administrative district's name (徐汇区), not a person",
  'sanshe.community.district.updated.v1 /name': "an administrative district's name, not a person",
  'sanshe.community.street.registered.v1 /name': "a street office's name (天平路街道), not a person",
  'sanshe.community.street.updated.v1 /name': "a street office's name, not a person",
  'sanshe.community.community.registered.v1 /name': "a community's name (天平社区), not a person",
  'sanshe.community.community.updated.v1 /name': "a community's name, not a person",
  'sanshe.community.venue.registered.v1 /name': "a venue's name (社区活动中心), not a person",
  'sanshe.community.venue.updated.v1 /name': "a venue's name, not a person",
  'sanshe.organization.organization.registered.v1 /name': "a social organization's registered name, not a person",
  'sanshe.organization.organization.updated.v1 /name': "a social organization's registered name, not a person",
  'sanshe.governance.portal.registered.v1 /name': "a government portal's name (徐汇区民政局), not a person",
  'sanshe.governance.portal.updated.v1 /name': "a government portal's name, not a person",
};

const FORMATTED_STRING_KEYS = ['pattern', 'format', 'const', 'enum'];

/** Every problem in `schema`, as `<path>: <why>`; `allowedPaths` are exempt from the name rules. */
function personalDataProblems(schema: Schema, allowedPaths: ReadonlySet<string> = new Set()): string[] {
  const problems: string[] = [];
  const visit = (node: Schema, path: string): void => {
    for (const combinator of ['anyOf', 'oneOf', 'allOf'] as const) {
      if (Array.isArray(node[combinator])) return node[combinator].forEach((branch: Schema) => visit(branch, path));
    }
    if (node.type === 'object') {
      for (const [key, child] of Object.entries<Schema>(node.properties ?? {})) {
        const childPath = `${path}/${key}`;
        const denoted = PERSONAL_DATA_NAMES.find(([rule]) => rule.test(key.toLowerCase().replace(/[^a-z0-9]/g, '')));
        if (denoted && !allowedPaths.has(childPath))
          problems.push(`${childPath}: its name says it holds ${denoted[1]}`);
        visit(child, childPath);
      }
      if (node.patternProperties || typeof node.additionalProperties === 'object') {
        problems.push(`${path}: a map with free keys (a key could be a person's name)`);
      }
      return;
    }
    if (node.type === 'array') return visit(node.items ?? {}, `${path}/*`);
    if (node.type === 'string') {
      const freeText = !FORMATTED_STRING_KEYS.some((key) => key in node);
      if (freeText && node.maxLength === undefined) problems.push(`${path}: free text without a maxLength`);
      return;
    }
    if (!['integer', 'number', 'boolean', 'null'].includes(node.type)) {
      problems.push(`${path}: a schema the walker does not know (${JSON.stringify(node).slice(0, 80)})`);
    }
  };
  visit(schema, '');
  return problems;
}

const allowedPathsOf = (definition: EventDefinition) =>
  new Set(
    Object.keys(ALLOWED)
      .filter((key) => key.startsWith(`${definition.type} `))
      .map((key) => key.slice(definition.type.length + 1)),
  );

describe('no personal data on the wire: the event catalog', () => {
  it.each(EVENT_CATALOG.map((definition) => [definition.type, definition] as const))(
    '%s has no field that could carry a name, phone, ID number, address, email or birth date',
    (_type, definition) => {
      expect(personalDataProblems(definition.data as Schema, allowedPathsOf(definition))).toEqual([]);
    },
  );

  it('allows only pairs that exist, each with a reason', () => {
    const catalogTypes = new Map(EVENT_CATALOG.map((definition) => [definition.type, definition]));
    for (const [key, reason] of Object.entries(ALLOWED)) {
      const [type = '', path = ''] = key.split(' ');
      const definition = catalogTypes.get(type as never);
      expect({ key, known: definition !== undefined }).toEqual({ key, known: true });
      const leaf = path
        .split('/')
        .slice(1)
        .reduce<Schema | undefined>((node, part) => node?.properties?.[part], {
          properties: (definition?.data as Schema | undefined)?.properties,
        });
      expect({ key, exists: leaf !== undefined }).toEqual({ key, exists: true });
      expect(reason.length).toBeGreaterThan(10);
    }
  });
});

describe('the walker', () => {
  const resident = Type.Object({
    residentId: Type.String({ pattern: '^rp-[0-9a-z]{8,64}$' }),
    fullName: Type.String({ maxLength: 50 }),
    mobile: Type.String({ pattern: '^1[3-9][0-9]{9}$' }),
  });
  const careless = defineEvent('sanshe.community.careless.listed.v1', {
    description: 'A made-up event that leaks residents, for the walker to catch.',
    data: Type.Object({
      carelessId: Type.String({ maxLength: 20 }),
      residents: Type.Array(resident),
      contact: Type.Union([Type.Object({ homeAddress: Type.String({ maxLength: 200 }) }), Type.Null()]),
      ID_Card: Type.Optional(Type.String({ maxLength: 18 })),
      birthDate: Type.String({ format: 'date' }),
      contactEmail: Type.String({ format: 'email' }),
      telephone: Type.String({ maxLength: 20 }),
      notes: Type.String(),
      byName: Type.Record(Type.String(), Type.Integer()),
    }),
    example: {
      carelessId: 'c-1',
      residents: [],
      contact: null,
      birthDate: '1949-12-31',
      contactEmail: 'a@example.org',
      telephone: '021-64000000',
      notes: '',
      byName: {},
    },
  });

  it('finds every kind of personal field, nested in arrays and unions, and unbounded free text', () => {
    expect(personalDataProblems(careless.data as Schema)).toEqual([
      '/residents/*/fullName: its name says it holds a name',
      '/residents/*/mobile: its name says it holds a phone number',
      '/contact/homeAddress: its name says it holds an address',
      '/ID_Card: its name says it holds an ID number',
      '/birthDate: its name says it holds a birth date',
      '/contactEmail: its name says it holds an email address',
      '/telephone: its name says it holds a phone number',
      '/notes: free text without a maxLength',
      '/byName: its name says it holds a name',
      "/byName: a map with free keys (a key could be a person's name)",
    ]);
  });

  it('lets an allowed path keep its name, and nothing else', () => {
    const venue = Type.Object({ name: Type.String({ maxLength: 200 }), managerName: Type.String({ maxLength: 50 }) });
    expect(personalDataProblems(venue as Schema, new Set(['/name']))).toEqual([
      '/managerName: its name says it holds a name',
    ]);
  });
});
