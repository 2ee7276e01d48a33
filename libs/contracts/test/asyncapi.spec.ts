import { readFileSync } from 'node:fs';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { Type } from '@sinclair/typebox';
import {
  buildAsyncApi,
  createEvent,
  defineEvent,
  EVENT_CATALOG,
  exampleEvent,
  messageName,
  PORTAL_COMMANDS_ADDRESS,
  PORTAL_REPLIES_ADDRESS,
  PORTAL_REPLY_EVENTS,
  portalCommandsTopic,
  portalRepliesTopic,
  validateEvent,
} from '../src';
import { ASYNCAPI_YAML_PATH, renderAsyncApiYaml } from '../scripts/generate-asyncapi';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking a JSON document

const errorsOf = async (document: unknown) => {
  const diagnostics = await new Parser().validate(document as Parameters<Parser['validate']>[0]);
  return diagnostics
    .filter((d) => d.severity === DiagnosticSeverity.Error)
    .map((d) => `${d.code} at /${d.path.join('/')}: ${d.message}`);
};

describe('the AsyncAPI document', () => {
  const document = buildAsyncApi() as unknown as Json;

  it('is valid AsyncAPI 3.0 (no diagnostic of severity error)', async () => {
    const errors = await errorsOf(document);
    if (errors.length > 0) console.error(`AsyncAPI errors:\n${errors.join('\n')}`);
    expect(errors).toEqual([]);
  });

  it('would be caught if it were not (the check is not vacuous)', async () => {
    const broken = structuredClone(document);
    broken.operations.sendOrganizationEvents.action = 'publish';
    expect(await errorsOf(broken)).toEqual([expect.stringContaining('/operations/sendOrganizationEvents/action')]);
  });

  it('stays valid with portal commands in the catalog', async () => {
    const command = defineEvent('sanshe.portal.program.open-requested.v1', {
      description: 'A portal asks to open a funding program.',
      data: Type.Object({ programId: Type.String() }),
      example: { programId: 'prog-2026-01' },
    });
    const withCommand = buildAsyncApi([...EVENT_CATALOG, command]) as unknown as Json;
    expect(await errorsOf(withCommand)).toEqual([]);
    expect(withCommand.operations.receivePortalCommands.messages).toEqual([
      { $ref: '#/channels/portalCommands/messages/PortalDecisionVoteCastV1' },
      { $ref: '#/channels/portalCommands/messages/PortalDecisionArbitratedV1' },
      { $ref: '#/channels/portalCommands/messages/PortalFilingCallInRequestedV1' },
      { $ref: '#/channels/portalCommands/messages/PortalDecisionPolicySetRequestedV1' },
      { $ref: '#/channels/portalCommands/messages/PortalReportRequestedV1' },
      { $ref: '#/channels/portalCommands/messages/PortalDisbursementObjectionRaisedV1' },
      { $ref: '#/channels/portalCommands/messages/PortalDisbursementClawbackProposedV1' },
      { $ref: '#/channels/portalCommands/messages/PortalDisbursementCancellationRequestedV1' },
      { $ref: '#/channels/portalCommands/messages/PortalProgramOpenRequestedV1' },
    ]);
    expect(exampleEvent(command)).toMatchObject({ source: 'portal/xuhui-civil-affairs', subject: 'prog-2026-01' });
  });

  it("shows each example event with its own aggregate id as subject, taken from the example's data", () => {
    for (const definition of EVENT_CATALOG) {
      const example = exampleEvent(definition) as { subject: string; data: Record<string, unknown> };
      expect({ type: definition.type, inData: Object.values(example.data).includes(example.subject) }).toEqual({
        type: definition.type,
        inData: true,
      });
    }
  });

  it('is the committed libs/contracts/asyncapi/asyncapi.yaml', () => {
    const committed = readFileSync(ASYNCAPI_YAML_PATH, 'utf8');
    if (committed !== renderAsyncApiYaml()) {
      throw new Error('libs/contracts/asyncapi/asyncapi.yaml is out of date: run `npm run contracts:asyncapi`');
    }
  });

  it('has a channel per context topic with events, the portal commands and the dead letters', () => {
    const addresses = Object.values(document.channels as Json).map((c: Json) => c.address as string);
    expect(addresses).toEqual([
      'sanshe.community.events',
      'sanshe.organization.events',
      'sanshe.talent.events',
      'sanshe.funding.events',
      'sanshe.governance.events',
      PORTAL_COMMANDS_ADDRESS,
      PORTAL_REPLIES_ADDRESS,
      'sanshe.dlq.{consumerGroup}',
    ]);
    expect(portalCommandsTopic('xuhui-civil-affairs')).toBe(
      PORTAL_COMMANDS_ADDRESS.replace('{portalId}', 'xuhui-civil-affairs'),
    );
    expect(portalRepliesTopic('xuhui-civil-affairs')).toBe(
      PORTAL_REPLIES_ADDRESS.replace('{portalId}', 'xuhui-civil-affairs'),
    );
    expect(document.operations.sendOrganizationEvents.action).toBe('send');
    expect(document.operations.receivePortalCommands.action).toBe('receive');
    expect(document.servers.local).toMatchObject({ host: '127.0.0.1:9092', protocol: 'kafka' });
  });

  it("shows each portal command with the service that acts on it and the replies it gets, replies only on the portal's topic", () => {
    const refs = (list: Json[]) => list.map((ref) => String(ref.$ref).split('/').pop());
    const byGovernance = document.operations.receivePortalCommands;
    const byFunding = document.operations.receivePortalCommandsByFunding;
    expect(refs(byFunding.messages)).toEqual(['PortalPaymentConfirmedV1', 'PortalFundingProgramOpenRequestedV1']);
    expect(refs(byFunding.reply.messages)).toEqual([
      'FundingPortalCommandAcceptedV1',
      'FundingPortalCommandRejectedV1',
    ]);
    expect(refs(byGovernance.messages)).toEqual(
      expect.arrayContaining([
        'PortalDecisionArbitratedV1',
        'PortalDecisionPolicySetRequestedV1',
        'PortalReportRequestedV1',
      ]),
    );
    expect(refs(byGovernance.messages)).not.toContain('PortalPaymentConfirmedV1');
    expect(refs(byGovernance.reply.messages)).toEqual([
      'GovernancePortalCommandAcceptedV1',
      'GovernancePortalCommandRejectedV1',
      'GovernancePortalReportIssuedV1',
    ]);
    expect(byGovernance.reply.channel).toEqual({ $ref: '#/channels/portalReplies' });
    const replyNames = PORTAL_REPLY_EVENTS.map((d) => messageName(d.type));
    expect(Object.keys(document.channels.portalReplies.messages)).toEqual(replyNames);
    for (const name of replyNames) expect(Object.keys(document.channels.governanceEvents.messages)).not.toContain(name);
    for (const name of replyNames) expect(Object.keys(document.channels.fundingEvents.messages)).not.toContain(name);
  });

  describe.each(EVENT_CATALOG.map((d) => [d.type, d] as const))('message %s', (type, definition) => {
    const message = document.components.messages[messageName(type)] as Json;
    const validatePayload = addFormats(new Ajv({ strict: false })).compile(message.payload as object);

    it('is keyed by the subject and carried as a CloudEvent', () => {
      expect(message.contentType).toBe('application/cloudevents+json');
      expect(message.bindings.kafka.key).toMatchObject({ type: 'string' });
      expect(message.payload.properties.type.const).toBe(type);
    });

    it('has an example that Sanshe itself accepts and that fits the payload schema', () => {
      const example = message.examples[0].payload as Json;
      expect(validateEvent(example)).toEqual(example);
      expect(validatePayload(example)).toBe(true);
    });

    it('describes what createEvent builds', () => {
      const event = createEvent({ type, source: 'sanshe/test', subject: 'subject-1', data: definition.example });
      expect(validatePayload(JSON.parse(JSON.stringify(event)))).toBe(true);
      expect(validatePayload({ ...event, type: 'sanshe.other.thing.happened.v1' })).toBe(false);
    });
  });
});
