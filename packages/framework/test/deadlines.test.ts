import { openDatabase, scratchDatabase, isStoppedStatement, type ScratchDatabase } from '../src';
import { stoppedStatementsAnswered } from '../src/persistence/deadlines';

/** A statement that runs for many seconds on either engine unless it is stopped. */
const SLOW = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000000) SELECT count(*) AS n FROM c';

let scratch: ScratchDatabase;
beforeAll(async () => {
  scratch = await scratchDatabase();
});
afterAll(() => scratch?.drop());

async function armed(statementMs: number) {
  const opened = await openDatabase({
    name: 'deadlines',
    entities: [],
    migrations: [],
    dataDir: ':memory:',
    databaseUrl: scratch.databaseUrl,
    deadlines: { statementMs, writeMs: statementMs * 2 },
  });
  await opened.watch.arm();
  return opened;
}

test('a statement past its deadline is stopped, with an error the subgraph answers as DEADLINE_EXCEEDED, and the connection serves on', async () => {
  const { dataSource, watch } = await armed(300);
  try {
    const started = Date.now();
    const error = await dataSource.query(SLOW).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(isStoppedStatement(error)).toBe(true);
    // What a subgraph answers for the field whose statement it was (its formatError).
    const answered = stoppedStatementsAnswered((f) => f, { statementMs: 300, writeMs: 600 })(
      { message: 'stopped', path: ['region'] },
      error,
    );
    expect(answered).toEqual({
      message:
        'A database statement of this request took longer than its deadline of 300 ms and was stopped; nothing was changed. Retry, or narrow the request.',
      path: ['region'],
      extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: 300 },
    });
    // Stopped at the deadline, not run to its end (minutes).
    expect(Date.now() - started).toBeLessThan(5000);
    expect(watch.stuck()).toEqual({ stuck: false, oldestStatementMs: 0 });
    expect(await dataSource.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  } finally {
    watch.stop();
    await dataSource.destroy();
  }
});

test('a transaction whose statement is stopped is rolled back, and the next transaction commits', async () => {
  const { dataSource, watch } = await armed(300);
  try {
    await dataSource.query('CREATE TABLE t (id integer PRIMARY KEY)');
    const error = await dataSource
      .transaction(async (manager) => {
        await manager.query('INSERT INTO t (id) VALUES (1)');
        await manager.query(SLOW);
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(isStoppedStatement(error)).toBe(true);
    await dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO t (id) VALUES (2)');
    });
    expect((await dataSource.query('SELECT id FROM t ORDER BY id')).map((r: { id: number }) => Number(r.id))).toEqual([2]);
  } finally {
    watch.stop();
    await dataSource.destroy();
  }
});

test('before it is armed (seeding, migrations) no deadline applies, and a statement in flight past twice the deadline reads as stuck', async () => {
  const { dataSource, watch } = await openDatabase({
    name: 'deadlines',
    entities: [],
    migrations: [],
    dataDir: ':memory:',
    databaseUrl: scratch.databaseUrl,
    deadlines: { statementMs: 100, writeMs: 200 },
  });
  try {
    const slow = dataSource.query(
      'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) AS n FROM c',
    );
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(watch.stuck().stuck).toBe(true);
    expect(Number((await slow)[0].n)).toBe(3000000);
    expect(watch.stuck()).toEqual({ stuck: false, oldestStatementMs: 0 });
  } finally {
    await dataSource.destroy();
  }
});
