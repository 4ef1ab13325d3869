/**
 * Answers of the comment search kept while nothing they show changed (issue 21; docs/performance.md,
 * "Comment search on the reference server"). An answer is found by its key — the production and the exact
 * query the route ran, the caller's limits (reachable clips, internal notes hidden, notes hidden) included,
 * so a client's answer and a studio's never share an entry — and is used only while the production's
 * comment stamp (Repo.commentStamp) is the one it was built under; every write of a comment changes it.
 * Least recently used answers go first once the kept JSON passes `maxBytes` (its encoded copies, a
 * tenth of that, are not counted).
 */
import { createHash } from 'node:crypto';

export interface CachedAnswer {
  /** The JSON text of the answer. */
  json: string;
  /** Its length in UTF-8 bytes. */
  bytes: number;
  /** `X-Pagination-Total-Results`. */
  total: number;
  /** A hash of the JSON and the total: the answer's ETag is `"<hash>"`, `"<hash>-br"` when sent brotli-encoded. */
  hash: string;
  /** The JSON encoded once per content coding (`br`, `gzip`), when a client asked for it. */
  encoded: Map<string, Promise<Buffer>>;
}

interface Entry {
  stamp: string;
  answer: CachedAnswer;
}

const MAX_TOTALS = 1000;

export function cachedAnswer(json: string, total: number): CachedAnswer {
  const hash = createHash('sha256').update(`${total}\n`).update(json).digest('base64url').slice(0, 27);
  return { json, bytes: Buffer.byteLength(json), total, hash, encoded: new Map() };
}

export class AnswerCache {
  private readonly entries = new Map<string, Entry>();
  private readonly totals = new Map<string, { stamp: string; total: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes = 32 * 1024 * 1024) {}

  /** The answer kept under `key` if it was built under `stamp`; a stale one is dropped. */
  get(key: string, stamp: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.drop(key, entry);
    if (entry.stamp !== stamp) return undefined;
    // Most recently used last.
    this.entries.set(key, entry);
    this.bytes += entry.answer.bytes;
    return entry.answer;
  }

  set(key: string, stamp: string, answer: CachedAnswer): void {
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    if (answer.bytes > this.maxBytes) return;
    this.entries.set(key, { stamp, answer });
    this.bytes += answer.bytes;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.drop(k, e);
    }
  }

  /**
   * How many comments match a query (`key`: the query without its page) under `stamp`, if known. Kept apart
   * from the pages: the pages of one query, asked together after a change, count the matches once.
   */
  knownTotal(key: string, stamp: string): number | undefined {
    const kept = this.totals.get(key);
    return kept?.stamp === stamp ? kept.total : undefined;
  }

  keepTotal(key: string, stamp: string, total: number): void {
    this.totals.delete(key);
    if (this.totals.size >= MAX_TOTALS) this.totals.delete(this.totals.keys().next().value!);
    this.totals.set(key, { stamp, total });
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.answer.bytes;
  }
}
