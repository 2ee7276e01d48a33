import type { CommunityPage } from '../../application/read-public-pages';
import { communitiesPage, communityPage } from './community-page.html';

const at = new Date('2026-11-28T09:00:00.000Z');
const EVIL = '<script>document.title="owned"</script><img src=x onerror=alert(1)>';

const PAGE: CommunityPage = {
  community: { communityCode: '310104-005-001', name: '新华居民区', streetCode: '310104-005' },
  needs: [
    {
      needId: 'need-1',
      category: 'elderly-care',
      title: EVIL,
      targetGroup: '75岁以上独居老人',
      expectedSize: 40,
      priority: 'high',
      period: { from: '2026-12-01', to: '2027-05-31' },
      status: 'matched',
      closeReason: null,
      decisionId: 'decision/activity-proposal/prop-1',
      publishedAt: at,
    },
  ],
  decisions: [
    {
      decisionId: 'decision/activity-proposal/prop-1',
      kind: 'activity-proposal',
      subjectId: 'prop-1',
      title: '长者助餐',
      proposerId: 'organization:org-a',
      stage: 'decided',
      result: 'approved',
      decidedBy: 'votes',
      level: 0,
      arbiterId: null,
      outcomeReason: 'approving weight 2 reached quorum 2',
      openedAt: at,
      decidedAt: at,
      round: 1,
      stands: [
        {
          partyId: 'community:310104-005-001',
          status: 'voted',
          choice: 'object',
          reason: { code: 'noise', text: EVIL },
        },
        { partyId: 'funder:civil-affairs', status: 'did-not-vote', refused: ['wrong-channel'] },
        { partyId: 'talent:sw-1', status: 'voted', choice: 'approve', reason: null },
        { partyId: 'portal:street-xinhua', status: 'portal-channel' },
      ],
    },
  ],
  grants: [
    {
      grantId: 'grant-1',
      programId: 'prog-1',
      organizationId: 'org-a',
      funderId: 'funder:civil-affairs',
      title: '助餐资助',
      amount: { amountFen: 4_800_000, currency: 'CNY' },
      status: 'active',
      voidReason: null,
      tranches: [
        {
          trancheNo: 1,
          amount: { amountFen: 1_440_000, currency: 'CNY' },
          milestone: '项目启动',
          dueDate: '2027-01-31',
          paid: { amount: { amountFen: 1_440_000, currency: 'CNY' }, paidAt: at },
        },
        {
          trancheNo: 2,
          amount: { amountFen: 3_360_000, currency: 'CNY' },
          milestone: '结项',
          dueDate: '2027-07-31',
          paid: null,
        },
      ],
      paid: [{ amountFen: 1_440_000, currency: 'CNY' }],
    },
  ],
  evaluations: [{ activityId: 'act-1', organizationId: 'org-a', evaluations: 2, means: { satisfaction: 4.5 } }],
};

describe("a community's page", () => {
  const out = communityPage(PAGE);

  it('renders text from events inert: no script or element of theirs, the text escaped', () => {
    expect(out).not.toMatch(/<script|<img/i);
    expect(out).toContain(
      '&lt;script&gt;document.title=&quot;owned&quot;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
  });

  it("shows each seated party's vote, silence as did not vote with a refused vote named, and the outcome", () => {
    expect(out).toMatch(/data-party="community:310104-005-001" data-status="voted">.*反对 \(object\)/s);
    expect(out).toMatch(
      /data-party="funder:civil-affairs" data-status="did-not-vote">.*未投票 \(did not vote\).*wrong-channel/s,
    );
    expect(out).toMatch(/data-party="talent:sw-1" data-status="voted">.*赞成 \(approve\)/s);
    expect(out).toMatch(/data-party="portal:street-xinhua" data-status="portal-channel">.*not public/s);
    expect(out).toContain('通过 (approved)');
  });

  it('shows the money awarded and each tranche, paid or not, with the paid total', () => {
    expect(out).toMatch(/data-tranche="1" data-paid="true">.*已支付 \(paid\).*¥14,400.00/s);
    expect(out).toMatch(/data-tranche="2" data-paid="false">.*未支付 \(not paid\)/s);
    expect(out).toMatch(
      /awarded\s*<span class="money">¥48,000.00<\/span> · paid\s*<span class="money paid-total"\s*>¥14,400.00/,
    );
  });

  it('shows needs and evaluations', () => {
    expect(out).toContain('已对接 (matched)');
    expect(out).toMatch(/data-activity="act-1">.*<td>2<\/td>\s*<td>—<\/td>\s*<td>4.5<\/td>/s);
  });
});

describe('the list of communities', () => {
  it('links each community by its code, its name escaped', () => {
    const out = communitiesPage([
      {
        communityCode: '310104-005-001',
        name: '<b>新华</b>',
        streetCode: '310104-005',
        needs: 1,
        decisions: 2,
        grants: 3,
      },
    ]);
    expect(out).toContain('<a href="/communities/310104-005-001">&lt;b&gt;新华&lt;/b&gt;</a>');
  });
});
