import {
  actingServiceOf,
  createEvent,
  EVENT_CATALOG,
  governancePortalCommandAccepted,
  governancePortalCommandRejected,
  portalReplyAwareTopic,
  PORTAL_REPLY_EVENTS,
} from '../src';

const definitionOf = (type: string) => EVENT_CATALOG.find((d) => d.type === type) as (typeof EVENT_CATALOG)[number];

describe('portal replies', () => {
  it("go to the portal's replies topic, named by the reply's portalId", () => {
    const reply = createEvent({
      type: governancePortalCommandRejected.type,
      source: 'sanshe/governance',
      subject: 'cmd-1',
      data: { ...governancePortalCommandRejected.example, portalId: 'street-xinhua' },
    });
    expect(portalReplyAwareTopic(reply, governancePortalCommandRejected)).toBe('sanshe.portal.street-xinhua.replies');
  });

  it("leave every other event on its context's topic, as the outbox does without the hook", () => {
    const opened = definitionOf('sanshe.governance.decision.opened.v1');
    expect(portalReplyAwareTopic({ type: opened.type, data: opened.example }, opened)).toBe('sanshe.governance.events');
    const program = definitionOf('sanshe.funding.program.opened.v1');
    expect(portalReplyAwareTopic({ type: program.type, data: program.example }, program)).toBe('sanshe.funding.events');
  });

  it('refuse a portal command, which no service publishes', () => {
    const command = definitionOf('sanshe.portal.decision.arbitrated.v1');
    expect(() => portalReplyAwareTopic({ type: command.type, data: command.example }, command)).toThrow(
      'a service cannot publish sanshe.portal.decision.arbitrated.v1',
    );
  });

  it('are answered by exactly one service per command type: funding for payments and programs, else governance', () => {
    const commands = EVENT_CATALOG.filter((d) => d.context === 'portal').map((d) => d.type);
    const byFunding = commands.filter((type) => actingServiceOf(type) === 'funding');
    expect(byFunding).toEqual([
      'sanshe.portal.payment.confirmed.v1',
      'sanshe.portal.funding-program.open-requested.v1',
    ]);
    expect(commands.filter((type) => actingServiceOf(type) === 'governance')).toEqual(
      expect.arrayContaining([
        'sanshe.portal.decision.arbitrated.v1',
        'sanshe.portal.decision-policy.set-requested.v1',
        'sanshe.portal.report.requested.v1',
      ]),
    );
  });

  it('each acting service has an accepted and a rejected reply; the example carries a result', () => {
    expect(PORTAL_REPLY_EVENTS.map((d) => d.type)).toEqual([
      'sanshe.governance.portal.command-accepted.v1',
      'sanshe.governance.portal.command-rejected.v1',
      'sanshe.governance.portal.report-issued.v1',
      'sanshe.funding.portal.command-accepted.v1',
      'sanshe.funding.portal.command-rejected.v1',
    ]);
    expect(governancePortalCommandAccepted.example.result).toEqual({
      decisionId: 'decision/activity-proposal/prop-2026-0001',
    });
  });
});
