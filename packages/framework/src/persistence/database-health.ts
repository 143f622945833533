import type { DataSource } from 'typeorm';

/** A database file that cannot be trusted: the start stops with what to do about it. */
export class DamagedDatabase extends Error {
  constructor(file: string, detail: string) {
    super(
      `The database file ${file} is damaged (${detail.slice(0, 300)}). Stop the graph, then delete the file to have the next start re-seed it from seeds/, or restore it from a backup.`,
    );
    this.name = 'DamagedDatabase';
  }
}

/** SQLite's answer when a file is not a database or its pages do not add up. */
export const isCorruption = (e: unknown) => /SQLITE_(CORRUPT|NOTADB)|malformed|not a database/i.test(String((e as Error)?.message ?? e));

/**
 * Checks a SQLite file as it is opened and sets it up to keep committed writes: `quick_check`
 * reads every page (a file with zeroed pages otherwise opens, reports ready and fails every
 * query); WAL lets readers run beside a writer; `synchronous = FULL` makes a commit durable before
 * it returns, so neither `kill -9` nor a power cut loses a committed write.
 */
export async function prepareSqliteFile(dataSource: DataSource, file: string): Promise<void> {
  let rows: { quick_check: string }[];
  try {
    rows = await dataSource.query('PRAGMA quick_check');
  } catch (e) {
    throw new DamagedDatabase(file, (e as Error).message);
  }
  const findings = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (findings.length) throw new DamagedDatabase(file, `quick_check: ${findings.slice(0, 3).join('; ')}`);
  await dataSource.query('PRAGMA journal_mode = WAL');
  await dataSource.query('PRAGMA synchronous = FULL');
}

/** Readiness: the database answers a real statement on a real table within `timeoutMs`. */
export async function databaseAnswers(dataSource: DataSource, timeoutMs = 2000): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([dataSource.query('SELECT id FROM source_document LIMIT 1'), timeout]);
    return true;
  } finally {
    clearTimeout(timer);
  }
}
