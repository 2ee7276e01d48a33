import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

/** One row of `npm run ledger:verify`'s table: an account as stored and as recomputed from its journal lines. */
export interface LedgerAccountRow {
  accountId: string;
  currency: string;
  storedFen: bigint;
  recomputedFen: bigint;
  ok: boolean;
}

/** What ledger:verify printed: its closing JSON report and every account of its table. */
export interface LedgerVerification {
  ledgerVerify: 'ok' | 'mismatch';
  entries: number;
  mismatches: unknown[];
  accounts: Map<string, LedgerAccountRow>;
}

/** A grant's money as the demo saw it paid (its settled payments) beside the ledger's recomputed `paid` account. */
export interface PaidCheck {
  grantId: string;
  programId: string;
  paidFen: number;
  ledgerPaidFen: bigint | null;
  matches: boolean;
}

const TABLE_ROW = /^(\S+)\s{2,}(\S+)\s{2,}(-?\d+)\s{2,}(-?\d+)\s{2,}(ok|MISMATCH)\s*$/;

/** Parses ledger:verify's output (apps/funding/src/ledger/verify): the table's rows, then the last line's JSON. */
export function parseLedgerVerify(stdout: string): LedgerVerification {
  const lines = stdout.trim().split('\n');
  const report = JSON.parse(lines.at(-1) ?? '') as { ledgerVerify?: unknown; entries?: unknown; mismatches?: unknown };
  if (report.ledgerVerify !== 'ok' && report.ledgerVerify !== 'mismatch') {
    throw new Error(`ledger:verify printed no report as its last line: ${lines.at(-1) ?? '(nothing)'}`);
  }
  const accounts = new Map<string, LedgerAccountRow>();
  for (const line of lines) {
    const row = TABLE_ROW.exec(line);
    if (!row) continue;
    const [, accountId = '', currency = '', stored = '0', recomputed = '0', status] = row;
    accounts.set(accountId, {
      ...{ accountId, currency, storedFen: BigInt(stored), recomputedFen: BigInt(recomputed) },
      ok: status === 'ok',
    });
  }
  return {
    ledgerVerify: report.ledgerVerify,
    entries: Number(report.entries ?? 0),
    mismatches: Array.isArray(report.mismatches) ? report.mismatches : [],
    accounts,
  };
}

/**
 * Every paid grant against the ledger: what its settled payments add up to must be the journal's recomputed
 * balance of `grant/<grantId>/paid` (and that account must be in order). A grant with no such account fails.
 */
export function paidAgainstLedger(
  paid: { grantId: string; programId: string; paidFen: number }[],
  ledger: LedgerVerification,
): PaidCheck[] {
  return paid.map(({ grantId, programId, paidFen }) => {
    const account = ledger.accounts.get(`grant/${grantId}/paid`);
    const ledgerPaidFen = account ? account.recomputedFen : null;
    const matches = account !== undefined && account.ok && account.recomputedFen === BigInt(paidFen);
    return { grantId, programId, paidFen, ledgerPaidFen, matches };
  });
}

/** The repository's root, from this file (apps/demo/src/scenario/money). */
const REPO_ROOT = resolve(__dirname, '../../../../..');

/**
 * Runs funding's `npm run ledger:verify` as its own process (the demo may not import an app's code) on the
 * same database, and parses what it printed. Exit 1 (a mismatch) still prints the table and report.
 */
export function runLedgerVerify(env: NodeJS.ProcessEnv = process.env): Promise<LedgerVerification> {
  const args = ['-r', '@swc-node/register', 'apps/funding/src/ledger/verify/verify-ledger.main.ts'];
  return new Promise((done, fail) => {
    execFile(process.execPath, args, { cwd: REPO_ROOT, env, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && error.code !== 1) {
        fail(
          new Error(`ledger:verify could not check the ledger: ${stderr.trim() || error.message}`, { cause: error }),
        );
        return;
      }
      try {
        done(parseLedgerVerify(stdout));
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
      }
    });
  });
}
