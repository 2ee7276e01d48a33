import type { EntityManager } from 'typeorm';
import { type EventType, type SansheEvent, portalReportRequested } from '@sanshe/contracts';
import type { Delivery, EventHandler } from '@sanshe/messaging';
import { PermanentEventError } from '@sanshe/messaging';
import { portalCommandEventHandlers, type PortalCommandUseCases } from './portal-command-events';
import { gatePortalCommands } from './portal-command-gate';

const manager = {} as EntityManager;
const onTopic = (topic: string) => ({ topic, partition: 0, offset: '0', timestamp: '0' }) as Delivery;
const ownTopic = onTopic('sanshe.portal.xuhui-civil-affairs.commands');
const report = {
  id: 'cmd-1',
  source: 'portal/xuhui-civil-affairs',
  type: portalReportRequested.type,
  correlationid: 'c-1',
  data: portalReportRequested.example,
} as unknown as SansheEvent<EventType>;

function cases(channelRefusal: string | null = null) {
  const publish = jest.fn();
  const useCases = {
    channels: { refusal: jest.fn().mockResolvedValue(channelRefusal) },
    setPolicy: { execute: jest.fn() },
    report: { execute: jest.fn().mockResolvedValue({ accepted: { reportId: 'report-1' } }) },
    outbox: { publish },
  };
  const handlers = portalCommandEventHandlers(useCases as unknown as PortalCommandUseCases);
  const reportHandler = handlers['sanshe.portal.report.requested.v1'] as EventHandler;
  return { useCases, publish, reportHandler };
}
const replyOf = (publish: jest.Mock) => (publish.mock.calls as [unknown, { type: string; data: unknown }][])[0]?.[1];

describe('the portal command handlers', () => {
  it('apply a command from its portal and answer it accepted with the result', async () => {
    const { useCases, publish, reportHandler } = cases();
    await reportHandler(report, manager, ownTopic);
    expect(useCases.report.execute).toHaveBeenCalledWith(manager, 'xuhui-civil-affairs', report);
    expect(useCases.channels.refusal).toHaveBeenCalledWith(report, ownTopic, {
      partyIds: ['portal:xuhui-civil-affairs'],
    });
    expect(replyOf(publish)).toMatchObject({
      type: 'sanshe.governance.portal.command-accepted.v1',
      data: { commandId: 'cmd-1', portalId: 'xuhui-civil-affairs', result: { reportId: 'report-1' } },
    });
  });

  it('refuse wrong-channel and wrong-identity with a rejected reply, applying nothing', async () => {
    const wrong = cases('portal:xuhui-civil-affairs speaks through another channel');
    await wrong.reportHandler(report, manager, ownTopic);
    expect(replyOf(wrong.publish)).toMatchObject({ data: { code: 'wrong-channel' } });
    expect(wrong.useCases.report.execute).not.toHaveBeenCalled();

    const other = cases();
    const asOther = { ...report, data: { ...portalReportRequested.example, castBy: 'portal:other' } };
    await other.reportHandler(asOther as SansheEvent<EventType>, manager, ownTopic);
    expect(replyOf(other.publish)).toMatchObject({
      type: 'sanshe.governance.portal.command-rejected.v1',
      data: { code: 'wrong-identity' },
    });
    expect(other.useCases.report.execute).not.toHaveBeenCalled();
  });

  it("dead-letter a portal's command read from a service's topic: no portal sent it", async () => {
    const { reportHandler, publish } = cases();
    await expect(reportHandler(report, manager, onTopic('sanshe.community.events'))).rejects.toThrow(
      PermanentEventError,
    );
    expect(publish).not.toHaveBeenCalled();
  });
});

describe('gatePortalCommands', () => {
  const arbitration = { ...report, type: 'sanshe.portal.decision.arbitrated.v1' } as SansheEvent<EventType>;

  it('answers a command the check refuses rejected, and never runs its handler', async () => {
    const refusal = { code: 'outside-jurisdiction', reason: 'decision/x is about 310105-001-001' };
    const check = { refusal: jest.fn().mockResolvedValue(refusal) };
    const publish = jest.fn();
    const inner = jest.fn();
    const gated = gatePortalCommands(check, { publish })({ [arbitration.type]: inner });
    await (gated[arbitration.type as EventType] as EventHandler)(arbitration, manager, ownTopic);
    expect(inner).not.toHaveBeenCalled();
    expect(check.refusal).toHaveBeenCalledWith(manager, 'xuhui-civil-affairs', arbitration);
    expect(replyOf(publish)).toMatchObject({
      type: 'sanshe.governance.portal.command-rejected.v1',
      data: { code: 'outside-jurisdiction', reason: refusal.reason },
    });
  });

  it("runs the handler of what it lets through, and checks nothing read from a service's topic", async () => {
    const check = { refusal: jest.fn().mockResolvedValue(null) };
    const inner = jest.fn();
    const gated = gatePortalCommands(check, { publish: jest.fn() })({ [arbitration.type]: inner });
    const handler = gated[arbitration.type as EventType] as EventHandler;
    await handler(arbitration, manager, ownTopic);
    expect(inner).toHaveBeenCalledTimes(1);
    const communityTopic = onTopic('sanshe.community.events');
    await handler(arbitration, manager, communityTopic);
    expect(inner).toHaveBeenCalledTimes(2);
    expect(check.refusal).toHaveBeenCalledTimes(1);
  });
});
