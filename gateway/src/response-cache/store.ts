import { LRUCache } from 'lru-cache';

/** What a lookup finds: the stored value, if any, and the store's generation at that moment. */
export interface Lookup {
  value: string | null;
  /**
   * Bumped by every invalidation. A miss stores its result only if the generation is still the
   * one its lookup saw: a read that overlapped a write may have read older data, and must not
   * outlive the write's invalidation in the cache.
   */
  generation: string;
}

/** Where responses are kept: this process's memory (MemoryStore) or Redis, shared by every replica (RedisStore). */
export interface CacheStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<Lookup>;
  /** Stores `value` under `key`, tagged, unless the generation moved since `generation`; true when stored. */
  set(key: string, value: string, tags: string[], ttlMs: number, generation: string): Promise<boolean>;
  /** Drops every entry carrying any of the tags, and bumps the generation. */
  invalidate(tags: string[]): Promise<void>;
  close(): Promise<void>;
}

interface Entry {
  value: string;
  tags: string[];
}

/** What the tag index adds per tag of an entry, besides the tag's text: a Set entry and, for a new tag, a Map entry. */
const TAG_INDEX_BYTES = 64;

/**
 * What an entry holds, in bytes: its JSON, its key and its tags (two bytes a UTF-16 code unit,
 * V8's worst case). A list of 100 small entities carries as many tags as it has bytes of data.
 */
const entryBytes = (entry: Entry, key: string) =>
  Math.max(1, (entry.value.length + key.length) * 2 + entry.tags.reduce((n, tag) => n + tag.length * 2 + TAG_INDEX_BYTES, 0));

/** An LRU bounded by the bytes of what it stores (JSON, key and tags), with a tag → keys index kept in step with evictions. */
export class MemoryStore implements CacheStore {
  readonly kind = 'memory';
  private generation = 0;
  private readonly byTag = new Map<string, Set<string>>();
  private readonly entries: LRUCache<string, Entry>;

  constructor(maxBytes: number, maxEntryBytes: number) {
    this.entries = new LRUCache<string, Entry>({
      maxSize: maxBytes,
      maxEntrySize: Math.min(maxEntryBytes, maxBytes),
      sizeCalculation: entryBytes,
      dispose: (entry, key) => this.untag(key, entry.tags),
    });
  }

  private untag(key: string, tags: string[]) {
    for (const tag of tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (!keys.size) this.byTag.delete(tag);
    }
  }

  async get(key: string): Promise<Lookup> {
    return { value: this.entries.get(key)?.value ?? null, generation: String(this.generation) };
  }

  async set(key: string, value: string, tags: string[], ttlMs: number, generation: string): Promise<boolean> {
    if (generation !== String(this.generation)) return false;
    this.entries.set(key, { value, tags }, { ttl: ttlMs });
    if (!this.entries.has(key)) return false; // larger than an entry may be
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    return true;
  }

  async invalidate(tags: string[]): Promise<void> {
    this.generation++;
    for (const tag of tags) for (const key of [...(this.byTag.get(tag) ?? [])]) this.entries.delete(key);
  }

  /** Entries held now (expired ones may linger until read). */
  get size(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    this.entries.clear();
  }
}
