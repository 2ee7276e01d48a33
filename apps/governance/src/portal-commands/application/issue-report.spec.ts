import type { EntityManager } from 'typeorm';
import { type SansheEvent, validateEvent } from '@sanshe/contracts';
import type { OutboxWriter } from '@sanshe/messaging';
import type { Portal } from '../../portals/domain/portal';
import type { PortalRepository } from '../../portals/domain/portal.repository';
import type { DecisionReportSource } from '../domain/decision-report';
import { IssueReportHandler, reportIdOf } from './issue-report';

const manager = {} as EntityManager;
const district = { portalId: 'xuhui-civil-affairs', jurisdiction: ['310104'], status: 'active' } as Portal;
const request = (data: Record<string, unknown>) =>
  ({
    id: 'cmd-7',
    source: 'portal/xuhui-civil-affairs',
    type: 'sanshe.portal.report.requested.v1',
    data: { portalId: 'xuhui-civil-affairs', castBy: 'portal:xuhui-civil-affairs', reportKind: 'decisions', ...data },
  }) as unknown as SansheEvent<'sanshe.portal.report.requested.v1'>;
const quarter = request({ from: '2026-01-01', to: '2026-03-31' });

function handler(portal: Portal | null) {
  const closedDecisions = jest.fn().mockResolvedValue([
    { kind: 'activity-proposal', result: 'approved', decidedBy: 'votes', count: 14, escalated: 0 },
    { kind: 'activity-proposal', result: 'rejected', decidedBy: 'arbiter', count: 2, escalated: 2 },
  ]);
  const published: SansheEvent[] = [];
  const publish = jest.fn(async (_m: EntityManager, event: Record<string, unknown>) => {
    const built = validateEvent({
      ...event,
      specversion: '1.0',
      source: 'sanshe/governance',
      time: '2026-04-01T00:00:00Z',
      datacontenttype: 'application/json',
    });
    published.push(built);
    return built;
  });
  const issue = new IssueReportHandler(
    { find: jest.fn().mockResolvedValue(portal) } as unknown as PortalRepository,
    { closedDecisions } as unknown as DecisionReportSource,
    { publish } as unknown as OutboxWriter,
  );
  return { issue, closedDecisions, published };
}

describe('IssueReportHandler', () => {
  it("issues the decisions closed in the period within the portal's jurisdiction, by kind, result and decider", async () => {
    const { issue, closedDecisions, published } = handler(district);
    const reportId = reportIdOf(quarter);
    await expect(issue.execute(manager, 'xuhui-civil-affairs', quarter)).resolves.toEqual({ accepted: { reportId } });
    expect(closedDecisions).toHaveBeenCalledWith(manager, ['310104'], { from: '2026-01-01', to: '2026-03-31' });
    expect(published).toEqual([
      expect.objectContaining({
        type: 'sanshe.governance.portal.report-issued.v1',
        id: reportId,
        subject: reportId,
        data: expect.objectContaining({
          reportId,
          commandId: 'cmd-7',
          portalId: 'xuhui-civil-affairs',
          jurisdiction: ['310104'],
          decisions: [
            { kind: 'activity-proposal', result: 'approved', decidedBy: 'votes', count: 14 },
            { kind: 'activity-proposal', result: 'rejected', decidedBy: 'arbiter', count: 2 },
          ],
          escalations: 2,
        }) as unknown,
      }),
    ]);
    expect(reportIdOf(quarter)).toBe(reportId); // a redelivery issues the same report once
  });

  it.each([
    [request({ from: '2026-03-31', to: '2026-01-01' }), 'period-invalid'],
    [request({ from: '2025-01-01', to: '2026-03-31' }), 'period-invalid'],
    [request({ from: '2026-01-01', to: '2026-03-31', reportKind: 'disbursements' }), 'report-unavailable'],
  ])('refuses %j as %s, issuing nothing', async (event, code) => {
    const { issue, published } = handler(district);
    await expect(issue.execute(manager, 'xuhui-civil-affairs', event)).resolves.toEqual({
      refused: expect.objectContaining({ code }) as unknown,
    });
    expect(published).toEqual([]);
  });

  it('refuses an unregistered or suspended portal: its jurisdiction is unknown, or it acts on nothing', async () => {
    await expect(handler(null).issue.execute(manager, 'x', quarter)).resolves.toMatchObject({
      refused: { code: 'unknown-portal' },
    });
    const suspended = handler({ ...district, status: 'suspended' });
    await expect(suspended.issue.execute(manager, 'xuhui-civil-affairs', quarter)).resolves.toMatchObject({
      refused: { code: 'portal-suspended' },
    });
    expect(suspended.published).toEqual([]);
  });
});
