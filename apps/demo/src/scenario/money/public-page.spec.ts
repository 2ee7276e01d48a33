import { tranchesShown } from './public-page';

// As apps/public-web's community page renders a grant (community-page.html.ts): an article, one row per tranche.
const grantArticle = (grantId: string, rows: string) => `<article class="grant" data-grant="${grantId}">
    <h3>长者助餐</h3>
    <table><tbody>${rows}</tbody></table>
  </article>`;
const row = (
  n: number,
  paid: string | null,
) => `<tr class="tranche" data-tranche="${n}" data-paid="${paid ? 'true' : 'false'}">
        <td>${n}</td><td>里程碑 ${n}</td><td class="money">¥24,000.00</td><td>2026-11-28</td>
        <td>
          ${paid ? `已支付 (paid) <span class="money">${paid}</span> · 2026-11-28 17:02` : '未支付 (not paid)'}
        </td>
      </tr>`;
const PAGE = `<html><body><section id="grants">
  ${grantArticle('grant-app-a', row(1, '¥14,400.00') + row(2, null))}
  ${grantArticle('grant-app-b', row(1, '¥9,000.00') + row(2, '¥21,000.00'))}
</section></body></html>`;

describe('the paid tranches the public page shows', () => {
  it("reads one grant's tranches, paid or not, with the amount paid", () => {
    expect(tranchesShown(PAGE, 'grant-app-a')).toEqual([
      { trancheNo: 1, paid: true, paidAmount: '¥14,400.00' },
      { trancheNo: 2, paid: false, paidAmount: null },
    ]);
    expect(tranchesShown(PAGE, 'grant-app-b')).toEqual([
      { trancheNo: 1, paid: true, paidAmount: '¥9,000.00' },
      { trancheNo: 2, paid: true, paidAmount: '¥21,000.00' },
    ]);
  });

  it('answers null for a grant the page does not show', () => {
    expect(tranchesShown(PAGE, 'grant-app-c')).toBeNull();
  });
});
