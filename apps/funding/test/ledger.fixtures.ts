import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { grantAccounts, type Ledger, LedgerError, type Posting, programAccounts } from '../src/ledger';
import { LedgerModel } from '../src/ledger/domain/ledger-model';
import type { LedgerUniverse } from './ledger.commands';

/** What a posting came to: a new entry, a replay of the key's entry, or a refusal's code. */
export interface PostOutcome {
  posting: Posting;
  outcome: 'posted' | 'replayed' | LedgerError['code'];
  entryId?: string;
}

/**
 * One posting in a transaction of its own (its own pooled connection). After a refusal the transaction
 * runs one more statement and commits: a refusal must leave the caller's transaction usable.
 */
export function postAlone(dataSource: DataSource, ledger: Ledger, posting: Posting): Promise<PostOutcome> {
  return dataSource.transaction(async (manager) => {
    try {
      const { entryId, replayed } = await ledger.post(manager, posting);
      return { posting, outcome: replayed ? 'replayed' : 'posted', entryId };
    } catch (err) {
      if (!(err instanceof LedgerError)) throw err;
      await manager.query('SELECT 1');
      return { posting, outcome: err.code };
    }
  });
}

/** The model's answer to the same posting, in the same shape. */
export function postToModel(model: LedgerModel, posting: Posting): PostOutcome {
  try {
    const { replayed } = model.post(posting);
    return { posting, outcome: replayed ? 'replayed' : 'posted' };
  } catch (err) {
    if (err instanceof LedgerError) return { posting, outcome: err.code };
    throw err;
  }
}

/**
 * Opens the universe's accounts and funds its program, in the database and in a fresh model; `entries`
 * maps each key posted so far to its entry id in the database.
 */
export async function openUniverse(dataSource: DataSource, ledger: Ledger, universe: LedgerUniverse, funding: Posting) {
  const model = new LedgerModel();
  model.open(programAccounts(universe.programId, 'CNY'));
  universe.grantIds.forEach((grantId, i) => model.open(grantAccounts(grantId, 'CNY', universe.awardsFen[i])));
  model.post(funding);
  const { entryId } = await dataSource.transaction(async (manager) => {
    await ledger.openProgramAccounts(manager, universe.programId, 'CNY');
    for (const [i, grantId] of universe.grantIds.entries()) {
      await ledger.openGrantAccounts(manager, grantId, 'CNY', universe.awardsFen[i]);
    }
    return ledger.post(manager, funding);
  });
  return { model, entries: new Map([[funding.idempotencyKey, entryId]]) };
}

/**
 * Applies postings the database accepted concurrently to the model, in an order the model accepts (the
 * database committed them in some valid order); returns those the model could never accept.
 */
export function applyAccepted(model: LedgerModel, accepted: Posting[]): Posting[] {
  let pending = [...accepted];
  for (let progress = true; pending.length && progress;) {
    progress = false;
    pending = pending.filter((posting) => {
      if (postToModel(model, posting).outcome !== 'posted') return true;
      progress = true;
      return false;
    });
  }
  return pending;
}

/** The database's balances of the universe's accounts. */
export async function storedBalances(dataSource: DataSource, ledger: Ledger, accountIds: string[]) {
  const balances = await dataSource.transaction((manager) => ledger.balances(manager, accountIds));
  return new Map([...balances].map(([accountId, account]) => [accountId, account.balanceFen]));
}

const ROOT = resolve(__dirname, '../../..');

/** `npm run ledger:verify -- --schema <schema>` as a process: its exit code and output lines. */
export function ledgerVerifyCli(schema: string): { status: number | null; lines: string[] } {
  const run = spawnSync('npm', ['run', '-s', 'ledger:verify', '--', '--schema', schema], {
    cwd: ROOT,
    env: process.env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, lines: `${run.stdout}`.trim().split('\n') };
}
