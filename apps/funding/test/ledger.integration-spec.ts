import fc from 'fast-check';
import { DataSource, type EntityManager } from 'typeorm';
import { migrate, serviceDataSourceOptions } from '@sanshe/persistence';
import { parseTestEnv, uniqueName } from '@sanshe/testing';
import { migrations } from '../migrations';
import {
  fundProgram,
  grantAccountId,
  instructPayment,
  Ledger,
  LedgerError,
  type Posting,
  programAccountId,
  reserveGrant,
  settlePayment,
} from '../src/ledger';
import { LedgerModel } from '../src/ledger/domain/ledger-model';
import { verifyLedger } from '../src/ledger/verify/verify-ledger';
import {
  ledgerCommand,
  openingFunding,
  postingOf,
  universeOf,
  universeShape,
  universeViolations,
} from './ledger.commands';
import {
  applyAccepted,
  ledgerVerifyCli,
  openUniverse,
  postAlone,
  postToModel,
  storedBalances,
} from './ledger.fixtures';

// The ledger on the real PostgreSQL, with funding's migrations, in a schema of this run's own: the
// database's own refusals (tested in SQL), the Ledger's answers, races on separate connections, the
// property test against the model, and ledger:verify (last: it tampers with the journal).
const { DATABASE_URL } = parseTestEnv(process.env);
const schema = uniqueName('funding_ledger').replace(/-/g, '_');
const s = `"${schema}"`;
let dataSource: DataSource;
let ledger: Ledger;

const cny = (amountFen: number) => ({ amountFen, currency: 'CNY' });
const inTransaction = <T>(work: (manager: EntityManager) => Promise<T>) => dataSource.transaction(work);
const balanceOf = async (accountId: string) => (await storedBalances(dataSource, ledger, [accountId])).get(accountId);
const refusalOf = async (work: Promise<unknown>): Promise<LedgerError> => {
  const error = await work.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof LedgerError)) throw new Error(`expected a LedgerError, got ${String(error)}`);
  return error;
};

/** A program with `budgetFen` available and grants g0…g(n-1) with the given awards. */
async function program(label: string, budgetFen: number, awardsFen: number[] = []) {
  const programId = uniqueName(label);
  const grantIds = awardsFen.map((_, i) => `${programId}-g${i}`);
  await inTransaction(async (manager) => {
    await ledger.openProgramAccounts(manager, programId, 'CNY');
    for (const [i, grantId] of grantIds.entries())
      await ledger.openGrantAccounts(manager, grantId, 'CNY', awardsFen[i]);
    await ledger.post(manager, fundProgram(programId, cny(budgetFen), 1));
  });
  return { programId, grantIds };
}

/** Until a session of this schema's pool waits on a lock (the waiter queued behind the first post). */
async function waitUntilBlocked(what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [{ waiting }] = await dataSource.query<{ waiting: string }[]>(
      `SELECT count(*)::text AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()
          AND application_name = $1`,
      [`sanshe-${schema}`],
    );
    if (waiting !== '0') return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`no session waited on a lock for ${what}`);
}

beforeAll(async () => {
  await migrate({ url: DATABASE_URL, schema, migrations });
  dataSource = new DataSource(serviceDataSourceOptions({ url: DATABASE_URL, schema, poolSize: 8 }));
  await dataSource.initialize();
  ledger = new Ledger(dataSource);
}, 60_000);

afterAll(async () => {
  await dataSource?.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await dataSource?.destroy();
});

describe('the database refuses what the ledger must never hold (plain SQL)', () => {
  // Raw SQL in one transaction; returns the error COMMIT (or a statement) raised.
  async function commitRaw(statements: string[]): Promise<string> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      for (const statement of statements) await runner.query(statement);
      await runner.commitTransaction();
      return 'committed';
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      return String((err as Error).message);
    } finally {
      await runner.release();
    }
  }
  const entry = (id: string, currency = 'CNY') =>
    `INSERT INTO ${s}.journal_entry (entry_id, idempotency_key, content_hash, kind, cause_type, cause_id, currency)
     VALUES ('${id}', 'sql/${id}', repeat('a', 64), 'fund', 'program', 'sql', '${currency}')`;
  const line = (id: string, no: number, account: string, side: string, amount: number) =>
    `INSERT INTO ${s}.journal_line (entry_id, line_no, account_id, side, amount_fen)
     VALUES ('${id}', ${no}, '${account}', '${side}', ${amount})`;
  let accounts: { available: string; source: string; usd: string; reserved: string };

  beforeAll(async () => {
    const { programId, grantIds } = await program('sql', 1_000, [500]);
    await inTransaction((manager) => ledger.openProgramAccounts(manager, `${programId}-usd`, 'USD'));
    accounts = {
      available: programAccountId(programId, 'available'),
      source: programAccountId(programId, 'source'),
      usd: programAccountId(`${programId}-usd`, 'available'),
      reserved: grantAccountId(grantIds[0], 'reserved'),
    };
  });

  it('accepts each statement of an unbalanced entry, then refuses it at COMMIT', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const error = await commitRaw([
      entry(id),
      line(id, 1, accounts.available, 'debit', 100),
      line(id, 2, accounts.source, 'credit', 99),
    ]);
    expect(error).toMatch(/journal entry .* does not balance: 2 lines, debits 100 fen, credits 99 fen/);
    expect(await dataSource.query(`SELECT 1 FROM ${s}.journal_entry WHERE entry_id = '${id}'`)).toEqual([]);
  });

  it('refuses an entry with one line, or none, at COMMIT', async () => {
    const one = '00000000-0000-4000-8000-000000000002';
    expect(await commitRaw([entry(one), line(one, 1, accounts.available, 'debit', 100)])).toMatch(
      /does not balance: 1 lines/,
    );
    const none = '00000000-0000-4000-8000-000000000003';
    expect(await commitRaw([entry(none)])).toMatch(/does not balance: 0 lines/);
  });

  it('refuses a balanced entry that mixes currencies at COMMIT', async () => {
    const id = '00000000-0000-4000-8000-000000000004';
    const error = await commitRaw([
      entry(id),
      line(id, 1, accounts.available, 'debit', 100),
      line(id, 2, accounts.usd, 'credit', 100),
    ]);
    expect(error).toMatch(/mixes currencies: 1 line\(s\) on accounts not in CNY/);
  });

  it('commits a balanced entry in one currency (the refusals above are not refusing everything)', async () => {
    const id = '00000000-0000-4000-8000-000000000005';
    const statements = [
      entry(id),
      line(id, 1, accounts.source, 'debit', 1),
      line(id, 2, accounts.available, 'credit', 1),
    ];
    const moves = [accounts.source, accounts.available].map(
      (account) => `UPDATE ${s}.ledger_account SET balance_fen = balance_fen - 1 WHERE account_id = '${account}'`,
    );
    expect(await commitRaw([...statements, ...moves])).toBe('committed');
  });

  it('keeps entries and lines append-only', async () => {
    for (const table of ['journal_entry', 'journal_line']) {
      expect(await commitRaw([`UPDATE ${s}.${table} SET entry_id = entry_id`])).toMatch(
        `${table} is append-only: UPDATE refused`,
      );
      expect(await commitRaw([`DELETE FROM ${s}.${table}`])).toMatch(`${table} is append-only: DELETE refused`);
      expect(await commitRaw([`TRUNCATE ${s}.${table} CASCADE`])).toMatch(/is append-only: TRUNCATE refused/);
    }
  });

  it('checks every balance: never below zero, never above the award; only the balance moves', async () => {
    const set = (account: string, fen: number) =>
      `UPDATE ${s}.ledger_account SET balance_fen = ${fen} WHERE account_id = '${account}'`;
    expect(await commitRaw([set(accounts.available, -1)])).toMatch(/ledger_account_not_negative/);
    expect(await commitRaw([set(accounts.reserved, 501)])).toMatch(/ledger_account_within_cap/);
    // The credit-normal source (the funders' side) may go below zero; put back at once for ledger:verify.
    const shift = (by: string) =>
      `UPDATE ${s}.ledger_account SET balance_fen = balance_fen ${by} WHERE account_id = '${accounts.source}'`;
    expect(await commitRaw([shift('- 1000000')])).toBe('committed');
    expect(await commitRaw([shift('+ 1000000')])).toBe('committed');
    expect(
      await commitRaw([`UPDATE ${s}.ledger_account SET currency = 'USD' WHERE account_id = '${accounts.source}'`]),
    ).toMatch(/ledger_account is append-only: UPDATE refused/);
    expect(await commitRaw([`DELETE FROM ${s}.ledger_account WHERE account_id = '${accounts.usd}'`])).toMatch(
      /ledger_account is append-only: DELETE refused/,
    );
  });
});

describe('Ledger.post', () => {
  it('returns the original entry for a repeat and refuses the key with other content', async () => {
    const { programId, grantIds } = await program('repeat', 1_000, [600]);
    const first = await inTransaction((manager) =>
      ledger.post(manager, reserveGrant(programId, grantIds[0], cny(600))),
    );
    const again = await inTransaction((manager) =>
      ledger.post(manager, reserveGrant(programId, grantIds[0], cny(600))),
    );
    expect(again).toEqual({ entryId: first.entryId, replayed: true });
    const other = await refusalOf(
      inTransaction((manager) => ledger.post(manager, reserveGrant(programId, grantIds[0], cny(500)))),
    );
    expect(other.code).toBe('idempotency-conflict');
    expect(other.message).toContain(`reserve/${grantIds[0]}`);
    expect(await balanceOf(programAccountId(programId, 'available'))).toBe(400);
    expect(await balanceOf(grantAccountId(grantIds[0], 'reserved'))).toBe(600);
  });

  it('refuses before writing anything: the caller’s transaction goes on and commits its other work', async () => {
    const { programId, grantIds } = await program('usable', 300, [500]);
    const outcome = await inTransaction(async (manager) => {
      const refusal = await refusalOf(ledger.post(manager, reserveGrant(programId, grantIds[0], cny(500))));
      await ledger.post(manager, fundProgram(programId, cny(200), 2));
      return refusal;
    });
    expect(outcome.code).toBe('insufficient-funds');
    expect(outcome.detail).toEqual({
      account: programAccountId(programId, 'available'),
      balanceFen: 300,
      requestedFen: 500,
    });
    expect(await balanceOf(programAccountId(programId, 'available'))).toBe(500);
  });

  it('refuses paying beyond the award (award-exceeded naming the paid account) and another currency', async () => {
    const { programId, grantIds } = await program('award', 1_000, [300]);
    const grantId = grantIds[0];
    await inTransaction(async (manager) => {
      await ledger.post(manager, reserveGrant(programId, grantId, cny(300)));
      await ledger.post(manager, instructPayment(grantId, 1, cny(300)));
      await ledger.post(manager, settlePayment(grantId, 1, cny(300)));
    });
    // A payable slipped past the reservation (in SQL, balances only) must still not be paid beyond the award.
    await dataSource.query(`UPDATE ${s}.ledger_account SET balance_fen = 50 WHERE account_id = $1`, [
      grantAccountId(grantId, 'payable'),
    ]);
    const beyond = await refusalOf(
      inTransaction((manager) => ledger.post(manager, settlePayment(grantId, 2, cny(50)))),
    );
    await dataSource.query(`UPDATE ${s}.ledger_account SET balance_fen = 0 WHERE account_id = $1`, [
      grantAccountId(grantId, 'payable'),
    ]);
    expect(beyond.code).toBe('award-exceeded');
    expect(beyond.detail).toEqual({
      account: grantAccountId(grantId, 'paid'),
      balanceFen: 300,
      requestedFen: 50,
      capFen: 300,
    });
    const usd = await refusalOf(
      inTransaction((manager) => ledger.post(manager, fundProgram(programId, { amountFen: 5, currency: 'USD' }, 2))),
    );
    expect(usd.code).toBe('currency-mismatch');
  });

  it('opens accounts idempotently and refuses reopening them with another award', async () => {
    const { grantIds } = await program('reopen', 100, [250]);
    await inTransaction((manager) => ledger.openGrantAccounts(manager, grantIds[0], 'CNY', 250));
    const other = await refusalOf(
      inTransaction((manager) => ledger.openGrantAccounts(manager, grantIds[0], 'CNY', 251)),
    );
    expect(other.code).toBe('idempotency-conflict');
  });

  it('insists on the caller’s transaction', async () => {
    await expect(ledger.post(dataSource.manager, fundProgram('nowhere', cny(1), 1))).rejects.toThrow(
      /caller’s transaction/,
    );
  });
});

describe('concurrent postings on separate connections', () => {
  it('reservations racing for the budget: exactly the ones that fit succeed, down to the last fen', async () => {
    const awards = Array.from({ length: 6 }, () => 250);
    const { programId, grantIds } = await program('race', 1_001, awards);
    const race = await Promise.all(
      grantIds.map((grantId) => postAlone(dataSource, ledger, reserveGrant(programId, grantId, cny(250)))),
    );
    expect(race.filter((r) => r.outcome === 'posted')).toHaveLength(4);
    expect(race.filter((r) => r.outcome === 'insufficient-funds')).toHaveLength(2);
    expect(await balanceOf(programAccountId(programId, 'available'))).toBe(1);

    const { programId: lastProgram, grantIds: lastFen } = await program('last-fen', 1, [1, 1, 1, 1, 1]);
    const last = await Promise.all(
      lastFen.map((grantId) => postAlone(dataSource, ledger, reserveGrant(lastProgram, grantId, cny(1)))),
    );
    expect(last.map((r) => r.outcome).sort()).toEqual([
      'insufficient-funds',
      'insufficient-funds',
      'insufficient-funds',
      'insufficient-funds',
      'posted',
    ]);
    expect(await balanceOf(programAccountId(lastProgram, 'available'))).toBe(0);
  });

  it('a post waiting on the locks of an uncommitted post of the same key answers with its entry', async () => {
    // Budget 1 000: the waiter's balance check after the first reservation of 700 would refuse, and the
    // second reservation of 200 would fit — both must come back as the first's entry, written once.
    for (const amountFen of [700, 200]) {
      const { programId, grantIds } = await program('waiter', 1_000, [700]);
      const posting = reserveGrant(programId, grantIds[0], cny(amountFen));
      const first = dataSource.createQueryRunner();
      await first.connect();
      await first.startTransaction();
      try {
        const written = await ledger.post(first.manager, posting);
        const waiter = postAlone(dataSource, ledger, posting);
        await waitUntilBlocked(posting.idempotencyKey);
        await first.commitTransaction();
        expect(await waiter).toEqual({ posting, outcome: 'replayed', entryId: written.entryId });
      } finally {
        await first.release();
      }
      expect(await balanceOf(programAccountId(programId, 'available'))).toBe(1_000 - amountFen);
    }
  });

  it('the same posting sent 12 times at once: one entry, every answer naming it', async () => {
    const { programId, grantIds } = await program('dup', 1_000, [700]);
    const posting = reserveGrant(programId, grantIds[0], cny(700));
    const answers = await Promise.all(Array.from({ length: 12 }, () => postAlone(dataSource, ledger, posting)));
    expect(answers.filter((a) => a.outcome === 'posted')).toHaveLength(1);
    expect(answers.filter((a) => a.outcome === 'replayed')).toHaveLength(11);
    expect(new Set(answers.map((a) => a.entryId)).size).toBe(1);
    const entries = await dataSource.query(`SELECT 1 FROM ${s}.journal_entry WHERE idempotency_key = $1`, [
      posting.idempotencyKey,
    ]);
    expect(entries).toHaveLength(1);
    expect(await balanceOf(programAccountId(programId, 'available'))).toBe(300);
  });
});

describe('random command sequences, some concurrent, against the model', () => {
  const batch = fc.record({
    commands: fc.array(ledgerCommand, { minLength: 1, maxLength: 3 }),
    duplicateFirst: fc.boolean(),
  });
  let run = 0;

  // A batch of one is compared with the model outcome for outcome; a concurrent batch's accepted postings
  // must fit the model in some order, its replays name the key's one entry, its refusals be ledger codes.
  async function runBatch(model: LedgerModel, postings: Posting[], entries: Map<string, string>) {
    const outcomes = await Promise.all(postings.map((posting) => postAlone(dataSource, ledger, posting)));
    if (postings.length === 1) expect(outcomes[0].outcome).toBe(postToModel(model, postings[0]).outcome);
    else
      expect(
        applyAccepted(
          model,
          outcomes.filter((o) => o.outcome === 'posted').map((o) => o.posting),
        ),
      ).toEqual([]);
    for (const { posting, outcome, entryId } of outcomes) {
      if (outcome === 'posted') {
        expect(entries.has(posting.idempotencyKey)).toBe(false);
        entries.set(posting.idempotencyKey, String(entryId));
      }
    }
    for (const { posting, outcome, entryId } of outcomes) {
      if (outcome === 'replayed') expect(entryId).toBe(entries.get(posting.idempotencyKey));
      if (outcome === 'idempotency-conflict') expect(model.hasKey(posting.idempotencyKey)).toBe(true);
    }
  }

  it('keeps the database equal to the model and every invariant', async () => {
    await fc.assert(
      fc.asyncProperty(universeShape, fc.array(batch, { maxLength: 12 }), async (shape, batches) => {
        const universe = universeOf(`${schema}-${++run}`, shape.budgetFen, shape.awardsFen);
        const funding = openingFunding(universe);
        const { model, entries } = await openUniverse(dataSource, ledger, universe, funding);
        const history: Posting[] = [funding];
        for (const { commands, duplicateFirst } of batches) {
          const postings = commands.map((command) => postingOf(command, universe, history)).filter((p) => p !== null);
          if (duplicateFirst && postings.length) postings.push(postings[0]);
          if (!postings.length) continue;
          await runBatch(model, postings, entries);
          history.push(...postings);
        }
        const accountIds = [...model.balances().keys()];
        expect(await storedBalances(dataSource, ledger, accountIds)).toEqual(model.balances());
        expect([...model.violations(), ...universeViolations(model, universe)]).toEqual([]);
      }),
      { numRuns: 15 },
    );
    expect((await verifyLedger(dataSource, schema)).report.ledgerVerify).toBe('ok');
  });
});

describe('ledger:verify', () => {
  it('passes a clean ledger, then names the account of a line tampered with in SQL (function and CLI, exit 1)', async () => {
    const clean = await verifyLedger(dataSource, schema);
    expect(clean.report).toMatchObject({ ledgerVerify: 'ok', mismatches: [] });
    expect(clean.report.entries).toBeGreaterThan(20);

    const { programId } = await program('tamper', 5_000);
    const available = programAccountId(programId, 'available');
    // As the table's owner, in this test only: switch the append-only trigger off to change history.
    await inTransaction(async (manager) => {
      await manager.query(`ALTER TABLE ${s}.journal_line DISABLE TRIGGER journal_line_append_only`);
      await manager.query(`UPDATE ${s}.journal_line SET amount_fen = amount_fen + 7 WHERE account_id = $1`, [
        available,
      ]);
      await manager.query(`ALTER TABLE ${s}.journal_line ENABLE TRIGGER journal_line_append_only`);
    });

    const { report } = await verifyLedger(dataSource, schema);
    expect(report.ledgerVerify).toBe('mismatch');
    expect(report.mismatches).toEqual(
      expect.arrayContaining([
        { kind: 'account-balance', account: available, storedFen: '5000', recomputedFen: '5007' },
        expect.objectContaining({
          kind: 'entry-unbalanced',
          idempotencyKey: `fund/${programId}/1`,
          debitsFen: '5007',
          creditsFen: '5000',
        }),
      ]),
    );
    const cli = ledgerVerifyCli(schema);
    expect(cli.status).toBe(1);
    expect(cli.lines.some((line) => line.startsWith(available) && line.endsWith('MISMATCH'))).toBe(true);
    expect(JSON.parse(cli.lines.at(-1) ?? 'null')).toEqual(report);
  }, 60_000);
});
