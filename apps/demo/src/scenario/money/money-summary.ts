import type { DemoContext } from '../context';
import { paidAgainstLedger, runLedgerVerify } from './ledger-check';
import { type Grant, type Payment, payments, yuan } from './money-reads';
import { publicPageShowsPaid } from './public-page';

const sum = (list: Payment[]) => list.reduce((total, p) => total + p.amount.amountFen, 0);

/**
 * The money's rows of the summary: what each program paid, in how many tranches (funding's settled payments),
 * and two checks — every grant's paid money is what `npm run ledger:verify` recomputes from the journal for
 * `grant/<grantId>/paid` (and the ledger is in order), and the public page shows each tranche paid.
 */
export async function recordPaid(ctx: DemoContext, grants: Grant[]): Promise<void> {
  const settledOf = await Promise.all(
    grants.map(async (g) =>
      (await payments(ctx, g.grantId)).filter((p) => p.status === 'settled').sort((a, b) => a.trancheNo - b.trancheNo),
    ),
  );
  const paid = grants.map((g, i) => ({
    ...{ grantId: g.grantId, programId: g.programId, tranches: settledOf[i]?.length ?? 0 },
    paidFen: sum(settledOf[i] ?? []),
  }));
  for (const money of ctx.record.money) {
    const ofProgram = paid.filter((p) => p.programId === money.programId);
    money.paidFen = ofProgram.reduce((total, p) => total + p.paidFen, 0);
    money.tranchesPaid = ofProgram.reduce((total, p) => total + p.tranches, 0);
  }
  // ledger:verify (a process of its own) runs while public-web catches up with the last tranche.paid.
  const [ledger] = await Promise.all([
    runLedgerVerify(),
    Promise.all(
      grants.map((g, i) =>
        publicPageShowsPaid(
          ctx,
          g,
          (settledOf[i] ?? []).map((p) => ({ trancheNo: p.trancheNo, amountFen: p.amount.amountFen })),
        ),
      ),
    ),
  ]);
  ctx.progress.say(`ledger:verify ${ledger.ledgerVerify}: ${ledger.accounts.size} accounts, ${ledger.entries} entries`);
  const checks = paidAgainstLedger(paid, ledger);
  const wrong = checks.filter((c) => !c.matches);
  ctx.record.checks.push({
    name: 'paid amounts match ledger:verify',
    ok: ledger.ledgerVerify === 'ok' && wrong.length === 0 && checks.length > 0,
    detail:
      `ledger:verify ${ledger.ledgerVerify} (${ledger.entries} entries); ` +
      (wrong.length
        ? wrong.map((c) => `${c.grantId}: paid ${c.paidFen}, ledger ${String(c.ledgerPaidFen)}`).join('; ')
        : `${checks.length} grants, ${yuan(paid.reduce((t, p) => t + p.paidFen, 0))} paid = their grant/<id>/paid`),
  });
  const shown = settledOf.reduce((n, list) => n + list.length, 0);
  ctx.record.checks.push({
    name: 'the public page shows the paid tranches',
    ok: true, // publicPageShowsPaid failed the stage otherwise, naming what the page showed
    detail: `${shown} tranches of ${grants.length} grants, each paid with its amount, on public-web's community pages`,
  });
}
