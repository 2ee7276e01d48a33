import Ajv from 'ajv';
import { type OpenApiDocument, openRequestBodyObjects, undocumentedParameterRefusals } from '@sanshe/service-testing';
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

  it('closes every object of every request body: a field no schema names is refused 400', async () => {
    // Open objects took keys no schema states, and one holding U+0000 was refused 400 while the document allowed
    // it (Schemathesis: a vote's reason, a district's or community's service area, opening hours, a cancellation).
    expect(openRequestBodyObjects(document)).toEqual([]);
    const district = { name: '徐汇区', population: 1_000_000, serviceArea: { description: '徐汇', colour: 'blue' } };
    const reply = await fetch(`${community.baseUrl}/districts/310104`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(district),
    });
    expect(reply.status).toBe(400);
    expect(await reply.json()).toMatchObject({ problems: [{ path: '/body/serviceArea/colour' }] });
  });

  it('documents 422 wherever a rule between fields is refused with it', () => {
    const answers422 = [
      ['/communities/{communityCode}/needs', 'post'],
      ['/communities/{communityCode}/representatives', 'post'],
      ['/venues/{venueId}/bookings', 'post'],
      ['/communities/{communityCode}/evaluation-weights', 'put'],
    ];
    for (const [path, method] of answers422) {
      const responses = (document.paths[path]?.[method] as { responses?: Record<string, unknown> }).responses;
      expect([path, JSON.stringify(responses?.['422'])]).toEqual([path, expect.stringContaining('"enum":[422]')]);
    }
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
