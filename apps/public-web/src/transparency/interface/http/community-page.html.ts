import type { CommunityPage, DecisionView } from '../../application/read-public-pages';
import { DIMENSIONS, type PartyStand, type PublicGrant } from '../../domain/public-record';
import type { CommunitySummary } from '../../domain/public-record.repository';
import { formatInstant, formatMoney, type Html, html, page } from './html';

const STAGE: Record<DecisionView['stage'], string> = {
  voting: '投票中 (voting)',
  deliberation: '审议中 (deliberation)',
  escalated: '已提交裁决 (escalated)',
  decided: '已决定 (decided)',
};
const RESULT: Record<string, string> = {
  approved: '通过 (approved)',
  rejected: '否决 (rejected)',
  withdrawn: '撤回 (withdrawn)',
};
const DECIDED_BY: Record<string, string> = {
  votes: 'by the parties’ votes',
  arbiter: 'by the arbiter',
  default: 'by the arbiter’s default (the arbiter stayed silent)',
  proposer: 'withdrawn by the proposer',
};
const CHOICE: Record<string, string> = {
  approve: '赞成 (approve)',
  object: '反对 (object)',
  abstain: '弃权 (abstain)',
};
const NEED_STATUS: Record<string, string> = {
  open: '待回应 (open)',
  matched: '已对接 (matched)',
  closed: '已关闭 (closed)',
};
const GRANT_STATUS: Record<PublicGrant['status'], string> = {
  awarded: '已授予，待决定 (awarded)',
  active: '执行中 (active)',
  voided: '已作废 (voided)',
};

/** The list of communities the record knows. */
export function communitiesPage(communities: readonly CommunitySummary[]): string {
  const rows = communities.map(
    (c) =>
      html`<tr>
        <td><a href="/communities/${c.communityCode}">${c.name ?? c.communityCode}</a></td>
        <td>${c.communityCode}</td>
        <td>${c.streetCode ?? ''}</td>
        <td>${c.needs}</td>
        <td>${c.decisions}</td>
        <td>${c.grants}</td>
      </tr>`,
  );
  return page(
    '社区公开信息 Communities',
    html`<header>
        <h1>社区公开信息 · Communities</h1>
        <p class="muted">Where decisions and money went, community by community.</p>
      </header>
      ${
        communities.length
          ? html`<table>
              <thead>
                <tr>
                  <th>社区 Community</th>
                  <th>code</th>
                  <th>street</th>
                  <th>needs</th>
                  <th>decisions</th>
                  <th>grants</th>
                </tr>
              </thead>
              <tbody>
                ${rows}
              </tbody>
            </table>`
          : html`<p>No community has public facts yet.</p>`
      }`,
  );
}

/** One community's page: its needs, decisions and votes, grants and tranches, evaluations. */
export function communityPage(p: CommunityPage): string {
  const name = p.community.name ?? p.community.communityCode;
  return page(
    `${name} · 社区公开信息`,
    html`<header>
        <p><a href="/">← 全部社区 all communities</a></p>
        <h1>${name}</h1>
        <p class="muted">
          ${p.community.communityCode}${p.community.streetCode ? ` · street ${p.community.streetCode}` : ''}
        </p>
      </header>
      <section id="needs">
        <h2>需求 Needs</h2>
        ${needs(p)}
      </section>
      <section id="decisions">
        <h2>决定 Decisions and votes</h2>
        ${p.decisions.map(decision)} ${p.decisions.length ? '' : html`<p>No decision yet.</p>`}
      </section>
      <section id="grants">
        <h2>资金 Money awarded and paid</h2>
        ${p.grants.map(grant)} ${p.grants.length ? '' : html`<p>No grant yet.</p>`}
      </section>
      <section id="evaluations">
        <h2>评估 Evaluations</h2>
        ${evaluations(p)}
      </section>`,
  );
}

function needs(p: CommunityPage): Html {
  if (!p.needs.length) return html`<p>No need published yet.</p>`;
  const rows = p.needs.map(
    (n) =>
      html`<tr class="need" data-need="${n.needId}">
        <td>${n.title}</td>
        <td>${n.category}</td>
        <td>${n.targetGroup}</td>
        <td>${n.expectedSize}</td>
        <td>${n.priority}</td>
        <td>${n.period.from} – ${n.period.to}</td>
        <td>${NEED_STATUS[n.status]}${n.closeReason ? ` · ${n.closeReason}` : ''}</td>
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        <th>need</th>
        <th>category</th>
        <th>for whom</th>
        <th>people</th>
        <th>priority</th>
        <th>period</th>
        <th>status</th>
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}

function decision(d: DecisionView): Html {
  const outcome =
    d.stage === 'decided'
      ? html`<p>
            <strong>${RESULT[d.result ?? ''] ?? d.result}</strong> ${DECIDED_BY[d.decidedBy ?? ''] ?? ''}
            ${d.level ? ` (escalation level ${d.level})` : ''} ${d.decidedAt ? `· ${formatInstant(d.decidedAt)}` : ''}
          </p>
          ${d.outcomeReason ? html`<p class="muted">${d.outcomeReason}</p>` : ''}`
      : html`<p><strong>${STAGE[d.stage]}</strong>${d.arbiterId ? ` · arbiter ${d.arbiterId}` : ''}</p>`;
  return html`<article class="decision" data-decision="${d.decisionId}" data-stage="${d.stage}">
    <h3>${d.title ?? d.subjectId}</h3>
    <p class="muted">${d.kind} · ${d.decisionId}${d.proposerId ? ` · proposed by ${d.proposerId}` : ''}</p>
    ${outcome}
    <table>
      <caption class="muted">
        Round ${d.round}: each seated party
      </caption>
      <tbody>
        ${d.stands.map(stand)}
      </tbody>
    </table>
  </article>`;
}

/** What one seated party did, in words (silence named as silence). */
function standText(s: PartyStand): Html {
  const refused = (codes: string[]) => (codes.length ? ` · vote refused: ${codes.join(', ')}` : '');
  switch (s.status) {
    case 'voted':
      return html`<span class="${s.choice}">${CHOICE[s.choice]}</span
        >${s.reason ? html` — ${s.reason.code}: ${s.reason.text}` : ''}`;
    case 'portal-channel':
      return html`<span class="portal-channel"
        >经政府门户投票，不在公开信息中 (votes on its portal's channel, not public)</span
      >`;
    case 'awaited':
      return html`<span class="awaited">等待投票 (awaiting vote) until ${formatInstant(s.deadline)}</span
        >${refused(s.refused)}`;
    case 'did-not-vote':
      return html`<span class="did-not-vote">未投票 (did not vote)</span>${refused(s.refused)}`;
  }
}

function stand(s: PartyStand): Html {
  return html`<tr class="stand" data-party="${s.partyId}" data-status="${s.status}">
    <td>${s.partyId}</td>
    <td>${standText(s)}</td>
  </tr>`;
}

function grant(g: CommunityPage['grants'][number]): Html {
  const tranches = g.tranches.map(
    (t) =>
      html`<tr class="tranche" data-tranche="${t.trancheNo}" data-paid="${t.paid ? 'true' : 'false'}">
        <td>${t.trancheNo}</td>
        <td>${t.milestone ?? ''}</td>
        <td class="money">${t.amount ? formatMoney(t.amount) : ''}</td>
        <td>${t.dueDate ?? ''}</td>
        <td>
          ${t.paid ? html`已支付 (paid) <span class="money">${formatMoney(t.paid.amount)}</span> · ${formatInstant(t.paid.paidAt)}` : '未支付 (not paid)'}
        </td>
      </tr>`,
  );
  return html`<article class="grant" data-grant="${g.grantId}">
    <h3>${g.title ?? g.grantId}</h3>
    <p class="muted">
      ${g.grantId} · program ${g.programId ?? '?'} · to ${g.organizationId ?? '?'} · funder ${g.funderId ?? '?'}
    </p>
    <p>
      ${GRANT_STATUS[g.status]}${g.voidReason ? ` · ${g.voidReason}` : ''} · awarded
      <span class="money">${g.amount ? formatMoney(g.amount) : '?'}</span> · paid
      <span class="money paid-total"
        >${g.paid.length ? g.paid.map(formatMoney).join(' + ') : formatMoney({ amountFen: 0, currency: g.amount?.currency ?? 'CNY' })}</span
      >
    </p>
    ${
      g.tranches.length
        ? html`<table>
            <thead>
              <tr>
                <th>tranche</th>
                <th>milestone</th>
                <th>amount</th>
                <th>due</th>
                <th>payment</th>
              </tr>
            </thead>
            <tbody>
              ${tranches}
            </tbody>
          </table>`
        : ''
    }
  </article>`;
}

function evaluations(p: CommunityPage): Html {
  if (!p.evaluations.length) return html`<p>No evaluation yet.</p>`;
  const rows = p.evaluations.map(
    (a) =>
      html`<tr class="evaluation" data-activity="${a.activityId}">
        <td>${a.activityId}</td>
        <td>${a.organizationId}</td>
        <td>${a.evaluations}</td>
        ${DIMENSIONS.map((d) => html`<td>${a.means[d] ?? '—'}</td>`)}
      </tr>`,
  );
  return html`<table>
    <thead>
      <tr>
        <th>activity</th>
        <th>organization</th>
        <th>evaluations</th>
        ${DIMENSIONS.map((d) => html`<th>${d} (1–5)</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
