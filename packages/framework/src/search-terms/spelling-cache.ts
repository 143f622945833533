import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Pinyin spellings worked out by earlier starts on this machine, in one file per pinyin-pro version
 * and spelling rule (`rule`: the source of the function that spells), so a change to either starts
 * a new file rather than reusing old answers. Spelling 45,000 region names costs each start of the
 * regions and the search subgraph about 2 s of CPU; reading them back, a few tens of ms. A missing,
 * unreadable or damaged file is simply spelled again: the cache never changes an answer.
 */
export class SpellingCache<V> {
  private readonly file: string;
  private loaded: Map<string, V> | null = null;
  private added = 0;

  constructor(libraryVersion: string, rule: string, dir = tmpdir()) {
    const id = createHash('sha256').update(`${libraryVersion}\n${rule}`).digest('hex').slice(0, 16);
    this.file = path.join(dir, `hsg-pinyin-${id}.json`);
  }

  /** The spellings on file (read once), to which new ones are added. */
  entries(): Map<string, V> {
    if (this.loaded) return this.loaded;
    try {
      const data: unknown = JSON.parse(readFileSync(this.file, 'utf8'));
      this.loaded = new Map(Array.isArray(data) ? (data as [string, V][]) : []);
    } catch {
      this.loaded = new Map();
    }
    return this.loaded;
  }

  set(key: string, value: V): void {
    this.entries().set(key, value);
    this.added++;
  }

  /** Writes the file when spellings were added, atomically (a rename), so concurrent starts never read half a file. */
  save(): void {
    if (!this.added || !this.loaded) return;
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, JSON.stringify([...this.loaded]));
      renameSync(temporary, this.file);
      this.added = 0;
    } catch {
      // A read-only or full temporary folder only costs the next start the spelling.
    }
  }
}
