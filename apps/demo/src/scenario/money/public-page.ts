import type { DemoContext } from '../context';
import { yuan } from './money-reads';

/** A tranche as the public page shows it: paid or not, and the amount paid. */
export interface ShownTranche {
  trancheNo: number;
  paid: boolean;
  paidAmount: string | null;
}

/**
 * The tranches public-web's community page shows for one grant (apps/public-web's `<article class="grant"
 * data-grant="…">` with one `<tr class="tranche" data-tranche data-paid>` each), or null when the grant is not
 * on the page. Markup, not words: the page's text is for people.
 */
export function tranchesShown(html: string, grantId: string): ShownTranche[] | null {
  const start = html.indexOf(`data-grant="${grantId}"`);
  if (start < 0) return null;
  const article = html.slice(start, html.indexOf('</article>', start));
  const rows = [
    ...article.matchAll(/<tr class="tranche" data-tranche="(\d+)" data-paid="(true|false)">([\s\S]*?)<\/tr>/g),
  ];
  return rows.map(([, n, paid, cells]) => ({
    trancheNo: Number(n),
    paid: paid === 'true',
    paidAmount: /已支付 \(paid\) <span class="money">([^<]+)<\/span>/.exec(cells ?? '')?.[1] ?? null,
  }));
}

/**
 * Residents' view of the money: public-web's page of the grant's community (no token) shows every tranche of it
 * paid, each with the amount funding paid. Waits while public-web catches up with the events.
 */
export async function publicPageShowsPaid(
  ctx: DemoContext,
  grant: { grantId: string; communityCode: string },
  paid: { trancheNo: number; amountFen: number }[],
): Promise<ShownTranche[]> {
  const expected = paid.map((p) => ({ trancheNo: p.trancheNo, paid: true, paidAmount: yuan(p.amountFen) }));
  const read = async () => {
    const page = await ctx.api['public-web'].expect('GET', `/communities/${grant.communityCode}`, null);
    return tranchesShown(page.text, grant.grantId);
  };
  return ctx.waitFor(
    `the public page of ${grant.communityCode} showing ${grant.grantId}'s ${paid.length} tranches paid`,
    async () => {
      const shown = await read();
      return shown && JSON.stringify(shown) === JSON.stringify(expected) ? shown : undefined;
    },
    async () => `it shows ${JSON.stringify(await read())}, expected ${JSON.stringify(expected)}`,
  );
}
