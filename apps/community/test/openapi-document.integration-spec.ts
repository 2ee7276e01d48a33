import Ajv from 'ajv';
import { type OpenApiDocument, undocumentedParameterRefusals } from '@sanshe/service-testing';
import { type CommunityUnderTest, startCommunityUnderTest } from './community-test-app';

/**
 * The served document says what the checks enforce (issue 18 §4, `npm run fuzz`): a parameter value the
 * service refuses 400 by name is one its documented schema refuses too, for every path and query parameter.
 */
let community: CommunityUnderTest;
let document: OpenApiDocument;
let token: string;

beforeAll(async () => {
  community = await startCommunityUnderTest();
  document = (await (await fetch(`${community.baseUrl}/docs/openapi.json`)).json()) as OpenApiDocument;
  // Every role the @Access rules name, for the district and one community (as the fuzz's token).
  token = await community.token({
    sub: 'document-check',
    parties: ['jurisdiction:310104', 'community:310104-005-001', 'residents:310104-005-001'],
    roles: [
      'operator',
      'area-admin',
      'committee-member',
      'committee-staff',
      'residents-representative',
      'organization-staff',
      'residents-portal',
      'auditor',
    ],
  });
}, 60_000);
afterAll(() => community?.close());

describe("community's OpenAPI document", () => {
  it('documents every pattern, enum and bound that its parameter checks enforce', async () => {
    expect(await undocumentedParameterRefusals(community.baseUrl, token, document)).toEqual([]);
  }, 60_000);

  it("excludes U+0000 from the names of a body's undeclared properties, which the platform refuses", () => {
    // A district's body and its service area take undeclared properties (kept as given): their names say it.
    const body = document.paths['/districts/{districtCode}'].put.requestBody as {
      content: Record<string, { schema: { propertyNames?: object; properties: Record<string, object> } }>;
    };
    const schema = body.content['application/json'].schema;
    expect(schema.propertyNames).toEqual({ pattern: '^[^\\u0000]*$' });
    expect(schema.properties.serviceArea).toMatchObject({ propertyNames: { pattern: '^[^\\u0000]*$' } });
  });

  it('refuses a representatives status outside its documented enum rather than ignoring it', async () => {
    const list = (query: string) =>
      fetch(`${community.baseUrl}/communities/310104-005-001/representatives${query}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    for (const query of ['?status=null', '?status=all&status=all']) {
      const response = await list(query);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ problems: [{ path: '/query/status' }] });
    }
    expect((await list('?status=all')).status).toBe(200);
  });

  it('states the rules between body fields that the checks enforce', () => {
    const accepts = (path: string, method: string) => {
      const operation = document.paths[path][method] as {
        requestBody: { content: Record<string, { schema: object }> };
      };
      return new Ajv({ strict: false }).compile(operation.requestBody.content['application/json'].schema);
    };
    const vote = accepts('/votes', 'post');
    const ballot = { decisionId: 'decision/activity-proposal/prop-1', partyId: 'community:310104-005-001' };
    expect(vote({ ...ballot, choice: 'approve' })).toBe(true);
    expect(vote({ ...ballot, choice: 'object' })).toBe(false); // an objection carries its reason
    expect(vote({ ...ballot, choice: 'object', reason: { code: 'budget-unclear', text: '' } })).toBe(false);
    expect(vote({ ...ballot, choice: 'object', reason: { code: 'budget-unclear', text: 'why' } })).toBe(true);
    expect(vote({ ...ballot, partyId: 'organization:org-1', choice: 'approve' })).toBe(false);
    const callIn = accepts('/call-ins', 'post');
    expect(callIn({ proposalId: 'p-1', partyId: '0', reason: { code: 'x', text: 'why' } })).toBe(false);

    const consent = accepts('/residents/{residentId}/consents', 'post');
    expect(consent({ purpose: 'aggregate-research', decision: 'granted' })).toBe(true);
    expect(consent({ purpose: 'aggregate-research', decision: 'granted', organizationId: 'org-1' })).toBe(false);
    expect(consent({ purpose: 'organization-contact', decision: 'granted' })).toBe(false);
    expect(
      consent({ purpose: 'organization-contact', decision: 'granted', organizationId: 'o', activityId: 'a' }),
    ).toBe(true);

    const lookup = accepts('/communities/{communityCode}/residents/lookup', 'post');
    expect([lookup({}), lookup({ phone: '13800138000', idNumber: 'x' }), lookup({ phone: '13800138000' })]).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('allows no data-access request larger than the 100 kB body the platform takes (413)', () => {
    const body = (
      document.paths['/data-access-requests'].post.requestBody as {
        content: Record<string, { schema: { properties: Record<string, { maxItems?: number; maxLength?: number }> } }>;
      }
    ).content['application/json'].schema.properties;
    // The longest ids ("rp-" and 64 characters, quoted, a comma) and the purpose at 12 bytes a character
    // (a client escaping astral characters as two \u escapes), with 2 kB for the rest.
    const largest = (body.residentIds.maxItems ?? Infinity) * 70 + (body.purpose.maxLength ?? Infinity) * 12 + 2048;
    expect(largest).toBeLessThan(100 * 1024);
  });
});
