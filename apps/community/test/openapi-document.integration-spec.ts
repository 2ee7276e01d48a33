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
});
