import type { CommentEdits } from '../contract/comment-patch.js';
import { ReviewApiError, toApiError } from '../contract/errors.js';
import { deriveMentionIds, deriveTags } from '../contract/markup.js';
import type { InternalNotesInExport, ReviewApi, Unsubscribe } from '../contract/review-api.js';
import type { ClipAnnotation, ExportFormat, Id, NewClipAnnotation, ReviewEvent, User } from '../contract/types.js';
import type { SessionState } from './context.js';
import { Store } from './store.js';

/** A change of one comment that the server has not confirmed (yet). */
/**
 * The JSON Patch library (fast-json-patch, through ./comment-patch.ts) loads in its own chunk when an edit
 * starts (`prepareToEdit`) or is saved: a page that only reads or writes new notes never downloads it.
 */
let commentPatchModule: typeof import('../contract/comment-patch.js') | null = null;
let commentPatchLoad: Promise<typeof import('../contract/comment-patch.js')> | null = null;
function loadCommentPatch(): Promise<typeof import('../contract/comment-patch.js')> {
  commentPatchLoad ??= import('../contract/comment-patch.js').then(
    (m) => (commentPatchModule = m),
    (err: unknown) => {
      commentPatchLoad = null; // the next edit tries again
      throw err;
    },
  );
  return commentPatchLoad;
}

export type PendingChange =
  | {
      kind: 'create';
      /** `sending` while the POST runs; `failed` (with `error`) until retried or discarded. */
      state: 'sending' | 'failed';
      error: ReviewApiError | null;
    }
  | {
      kind: 'update';
      state: 'sending';
      error: null;
      /** The server's version before the edit; restored when the edit fails. */
      previous: ClipAnnotation;
    }
  | {
      kind: 'delete';
      /** `waiting` inside the undo window, `sending` while the DELETE runs, `failed` when refused. */
      state: 'waiting' | 'sending' | 'failed';
      error: ReviewApiError | null;
      /** The comment being deleted (absent from `comments` while waiting or sending). */
      comment: ClipAnnotation;
      /** Its replies, which the server deletes with a root; hidden and restored with it. */
      replies: ClipAnnotation[];
    };

/**
 * One clip's comments as every element sees them. An immutable snapshot: each change publishes a new
 * object and new arrays; never mutate it.
 */
export interface CommentsState {
  clipId: Id;
  /** `loading` until every page arrived (`comments` fills page by page meanwhile). */
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** Why loading failed (with `status: 'error'`). */
  error: ReviewApiError | null;
  /**
   * Confirmed and optimistic comments, sorted by frame (`start`), then creation. Optimistic creates
   * have negative ids until the server confirms them. Comments waiting for deletion are left out.
   */
  comments: readonly ClipAnnotation[];
  /** Unconfirmed changes by comment id (negative ids for creates). */
  pending: ReadonlyMap<Id, PendingChange>;
  /** `X-Pagination-Total-Results` of the last load. */
  total: number;
  /** True while the API's events stream feeds this store. */
  live: boolean;
}

/** A comment and its replies (one level, as the seed's API allows). */
export interface CommentThreadGroup {
  /** The root comment; null when it was deleted and only replies remain. */
  root: ClipAnnotation | null;
  /** The root's id (also when the root itself is gone). */
  rootId: Id;
  /** Replies in creation order. */
  replies: ClipAnnotation[];
}

/** Where an unsent comment is kept so it survives a reload: one entry per optimistic create. */
interface OutboxEntry {
  input: NewClipAnnotation;
  author: Pick<User, 'id' | 'name'>;
  created: string;
}

export interface CommentsStoreOptions {
  /** Page size of the first `searchComments` request (the first notes show after it); default 200 (the seed's). */
  pageSize?: number;
  /**
   * Page size of the requests for the rest, once the first page told the total; default 1000, the reference
   * server's largest. A server that answers such a request with fewer notes is asked for the rest of that
   * range; one that refuses the size (400) is asked again with `pageSize`.
   */
  restPageSize?: number;
  /** How many of those requests run at once; default 4 (browsers open about 6 connections per server). */
  concurrency?: number;
  /** Where unsent comments are kept across reloads; default `localStorage`, null for nowhere. */
  storage?: Storage | null;
}

/** During the first load, pages are published at most this often (ms). */
const PAGE_PUBLISH_MS = 50;

/** ISO-8601 UTC times sort as plain strings; `localeCompare` would be far slower on 10,000 comments. */
export function cmpIso(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byFrame(a: ClipAnnotation, b: ClipAnnotation): number {
  return a.start - b.start || cmpIso(a.created, b.created) || Math.abs(a.id) - Math.abs(b.id);
}

/** Same author, frame, thread and text: how an echo of one's own create is recognised. */
function sameContent(a: Pick<ClipAnnotation, 'description' | 'start' | 'relatedToId' | 'creatorId'>, b: typeof a): boolean {
  return a.description === b.description && a.start === b.start && a.relatedToId === b.relatedToId && a.creatorId === b.creatorId;
}

function defaultStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null; // storage disabled (privacy mode, sandboxed iframe)
  }
}

/**
 * The one source of truth for a clip's review comments, shared by every element of a session (the
 * thread lists them, the player marks them on its timeline): get it with `commentsStoreFor()`.
 *
 * - Loads all pages of `api.searchComments` (sorted by frame).
 * - Creates, edits and deletes optimistically: the change shows at once, `pending` says it is
 *   unconfirmed; a failed edit or delete rolls back, a failed create stays (state `failed`) until
 *   `retryCreate()` or `discardCreate()`. Unsent creates are also kept in `localStorage` (the outbox),
 *   so a reload shows them again as failed with a retry instead of losing them.
 * - Deletes can wait for an undo window: nothing is sent until it passes (`remove(id, undoMs)`,
 *   `undoRemove(id)`), because re-creating a deleted comment would not give back the same comment.
 * - Follows the API's events stream (changes made elsewhere), recognising the echo of its own creates.
 */
export class CommentsStore extends Store<CommentsState> {
  readonly #api: ReviewApi;
  readonly #pageSize: number;
  readonly #restPageSize: number;
  readonly #concurrency: number;
  readonly #storage: Storage | null;
  readonly #byId = new Map<Id, ClipAnnotation>();
  readonly #pending = new Map<Id, PendingChange>();
  readonly #outbox = new Map<Id, OutboxEntry>();
  /** Ids the server deleted: a late page or event must not bring them back. */
  readonly #deleted = new Set<Id>();
  /** Creates whose echo arrived on the events stream before the POST answered. */
  readonly #claimed = new Map<Id, Id>();
  readonly #deleteTimers = new Map<Id, ReturnType<typeof setTimeout>>();
  readonly #deleteSettlers = new Map<Id, (result: ClipAnnotation | null, error?: ReviewApiError) => void>();
  #unsubscribe: Unsubscribe | null = null;
  #loading: Promise<void> | null = null;
  #loadSeq = 0;
  #tempSeq = 0;
  #disposed = false;
  #lastPagePublish = -Infinity;
  #pagePublishTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(api: ReviewApi, clipId: Id, options: CommentsStoreOptions = {}) {
    super({ clipId, status: 'idle', error: null, comments: [], pending: new Map(), total: 0, live: false });
    this.#api = api;
    this.#pageSize = options.pageSize ?? 200;
    this.#restPageSize = Math.max(this.#pageSize, options.restPageSize ?? 1000);
    this.#concurrency = Math.max(1, options.concurrency ?? 4);
    this.#storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.#restoreOutbox();
  }

  get clipId(): Id {
    return this.state.clipId;
  }

  /** The clip's notes as a file in `format`, written by the backend (`ReviewApi.exportComments`). */
  exportAs(format: ExportFormat, internalNotes: InternalNotesInExport = 'mark'): Promise<string> {
    return this.#api.exportComments(this.state.clipId, format, { internalNotes });
  }

  get #outboxKey(): string {
    return `review-elements:outbox:${this.#api.productionId}:${this.state.clipId}`;
  }

  /** Loads once and starts following the events stream; later calls do nothing. */
  ensureLoaded(): Promise<void> {
    if (this.state.status === 'idle') return this.load();
    return this.#loading ?? Promise.resolve();
  }

  /**
   * Loads (or reloads) every page. Unconfirmed local changes survive a reload. A failed reload keeps
   * what is shown; only a failed first load turns into `status: 'error'`.
   */
  load(): Promise<void> {
    this.#follow();
    const seq = ++this.#loadSeq;
    const first = this.state.status !== 'ready';
    if (first) this.#publish({ status: 'loading', error: null });
    const run = async () => {
      const fresh = new Map<Id, ClipAnnotation>();
      let total = 0;
      let stale = false;
      const fetchPage = async (offset: number, limit: number) => {
        const page = await this.#api.searchComments({ mediaObjectId: this.state.clipId, sort: 'start ASC', offset, limit });
        stale = seq !== this.#loadSeq || this.#disposed;
        if (stale) return 0;
        total = page.total;
        for (const c of page.items) if (c.mediaObjectId === this.state.clipId) fresh.set(c.id, c);
        // The first load shows comments page by page, as they arrive; a reload swaps them in at the end.
        if (first) {
          for (const c of page.items) this.#accept(c);
          this.#publishPage(total);
        }
        return page.items.length;
      };
      /** Notes `from` to `to - 1`, in as few requests as the server allows. */
      const fetchRange = async (from: number, to: number) => {
        let limit = this.#restPageSize;
        while (from < to && !stale) {
          let got: number;
          try {
            got = await fetchPage(from, Math.min(limit, to - from));
          } catch (err) {
            // A server with a smaller largest page: ask again with the first page's size.
            if (limit > this.#pageSize && toApiError(err, 'NETWORK').status === 400) {
              limit = this.#pageSize;
              continue;
            }
            throw err;
          }
          if (got === 0) break;
          from += got;
        }
      };
      const firstCount = await fetchPage(0, this.#pageSize);
      if (stale) return;
      // The total is known: the rest in ranges of `restPageSize`, `concurrency` requests at a time, each
      // shown as it arrives (not one page after the other: 10,000 notes were 50 round trips in a row).
      const ranges: Array<[number, number]> = [];
      for (let from = firstCount; firstCount > 0 && from < total; from += this.#restPageSize) {
        ranges.push([from, Math.min(total, from + this.#restPageSize)]);
      }
      const worker = async () => {
        for (let range = ranges.shift(); range && !stale; range = ranges.shift()) await fetchRange(range[0], range[1]);
      };
      await Promise.all(Array.from({ length: Math.min(this.#concurrency, ranges.length) }, worker));
      if (stale) return;
      this.#replaceConfirmed(fresh);
      this.#dropDeliveredOutbox();
      this.#publish({ status: 'ready', error: null, total });
    };
    const loading = run()
      .catch((err: unknown) => {
        if (seq !== this.#loadSeq || this.#disposed) return;
        this.#publish(first ? { status: 'error', error: toApiError(err, 'NETWORK') } : { status: 'ready' });
      })
      .finally(() => {
        if (this.#loading === loading) this.#loading = null;
      });
    this.#loading = loading;
    return loading;
  }

  /** The comment with this id as currently shown (optimistic value included), if any. */
  get(id: Id): ClipAnnotation | undefined {
    return this.#byId.get(id);
  }

  /**
   * Creates a comment optimistically: it shows at once with a negative id and `pending` state `sending`.
   * Resolves with the saved comment. On failure it stays, state `failed` with the error, and the promise
   * rejects; `retryCreate(tempId)` sends it again.
   */
  create(input: NewClipAnnotation, author: Pick<User, 'id' | 'name'>): Promise<ClipAnnotation> {
    const tempId = this.#nextTempId();
    this.#outbox.set(tempId, { input, author: { id: author.id, name: author.name }, created: new Date().toISOString() });
    this.#saveOutbox();
    this.#byId.set(tempId, this.#optimistic(tempId, this.#outbox.get(tempId)!));
    this.#pending.set(tempId, { kind: 'create', state: 'sending', error: null });
    this.#publish({});
    return this.#sendCreate(tempId);
  }

  /** Sends a failed create again. Resolves with the saved comment. */
  retryCreate(tempId: Id): Promise<ClipAnnotation> {
    const pending = this.#pending.get(tempId);
    if (pending?.kind !== 'create' || pending.state !== 'failed') {
      return Promise.reject(new ReviewApiError(0, 'CONFIG', 'This comment is not waiting for a retry.'));
    }
    this.#pending.set(tempId, { kind: 'create', state: 'sending', error: null });
    this.#publish({});
    return this.#sendCreate(tempId);
  }

  /** Gives up a failed create: it disappears, also from the outbox. */
  discardCreate(tempId: Id): void {
    if (this.#pending.get(tempId)?.kind !== 'create') return;
    this.#dropTemp(tempId);
    this.#publish({});
  }

  /** Fetches what editing needs (the JSON Patch library) while the user types, so saving waits for nothing. */
  prepareToEdit(): void {
    void loadCommentPatch().catch(() => undefined); // a failure shows when saving
  }

  /**
   * Edits a comment optimistically with a JSON Patch led by a `test` on `/version`. On failure the
   * comment rolls back and the promise rejects; on a 409 (someone else changed it) the store also
   * reloads so the other version shows — the caller keeps the user's text for another try.
   * `baseVersion`: the version the user started editing from; when the comment changed since (a live
   * event brought someone else's edit), the server answers 409 instead of the edit silently replacing it.
   */
  async update(id: Id, edits: CommentEdits, options: { baseVersion?: number } = {}): Promise<ClipAnnotation> {
    const current = this.#byId.get(id);
    if (!current || id < 0) throw new ReviewApiError(404, 'NOT_FOUND', 'This comment is not available any more.');
    if (this.#pending.has(id)) throw new ReviewApiError(0, 'CONFIG', 'This comment is still being saved.');
    const base = options.baseVersion != null ? { ...current, version: options.baseVersion } : current;
    // Computed now when the JSON Patch module is here, else once it has loaded (the edit shows at once either way).
    const ops = commentPatchModule?.commentPatch(base, edits);
    if (ops?.length === 0) return current;
    const optimistic: ClipAnnotation = { ...current, ...edits };
    if (edits.description !== undefined) {
      optimistic.mentionIds = edits.mentionIds ?? deriveMentionIds(edits.description);
      optimistic.tags = edits.tags ?? deriveTags(edits.description);
    }
    this.#byId.set(id, optimistic);
    this.#pending.set(id, { kind: 'update', state: 'sending', error: null, previous: current });
    this.#publish({});
    try {
      const patch = ops ?? (await loadCommentPatch()).commentPatch(base, edits);
      if (patch.length === 0) {
        this.#pending.delete(id);
        if (!this.#deleted.has(id)) this.#byId.set(id, current);
        this.#publish({});
        return current;
      }
      const saved = await this.#api.patchComment(id, patch);
      this.#pending.delete(id);
      if (!this.#deleted.has(id)) this.#byId.set(id, saved);
      this.#publish({});
      return saved;
    } catch (err) {
      const error = toApiError(err, 'NETWORK');
      const pending = this.#pending.get(id);
      this.#pending.delete(id);
      // `previous` may have been refreshed by the events stream meanwhile: roll back to that.
      if (pending?.kind === 'update' && !this.#deleted.has(id)) this.#byId.set(id, pending.previous);
      this.#publish({});
      if (error.status === 409 || error.status === 404) await this.load();
      throw error;
    }
  }

  /**
   * Deletes a comment (a root with its replies, as the server does; with `keepReplies`, when some reply is
   * not the caller's to delete, the server keeps the replies under a tombstone and so does the list).
   * It disappears at once; with
   * `undoMs > 0` the DELETE is only sent when that time has passed without `undoRemove(id)`. Resolves with the deleted comment once the server confirmed,
   * or null when undone. On failure the comment comes back with `pending` state `failed` and the
   * promise rejects. A failed create is simply discarded.
   */
  remove(id: Id, undoMs = 0, { keepReplies = false } = {}): Promise<ClipAnnotation | null> {
    if (id < 0) {
      this.discardCreate(id);
      return Promise.resolve(null);
    }
    const existing = this.#pending.get(id);
    const comment = this.#byId.get(id) ?? (existing?.kind === 'delete' ? existing.comment : undefined);
    if (!comment) return Promise.reject(new ReviewApiError(404, 'NOT_FOUND', 'This comment is not available any more.'));
    if (existing && !(existing.kind === 'delete' && existing.state === 'failed')) {
      return Promise.reject(new ReviewApiError(0, 'CONFIG', 'This comment is still being saved.'));
    }
    const replies =
      comment.relatedToId == null && !keepReplies ? [...this.#byId.values()].filter((c) => c.relatedToId === id && c.id > 0) : [];
    this.#byId.delete(id);
    for (const r of replies) this.#byId.delete(r.id);
    this.#pending.set(id, { kind: 'delete', state: undoMs > 0 ? 'waiting' : 'sending', error: null, comment, replies });
    this.#publish({});
    return new Promise<ClipAnnotation | null>((resolve, reject) => {
      this.#deleteSettlers.set(id, (result, error) => (error ? reject(error) : resolve(result)));
      if (undoMs > 0)
        this.#deleteTimers.set(
          id,
          setTimeout(() => void this.#sendDelete(id), undoMs),
        );
      else void this.#sendDelete(id);
    });
  }

  /** Cancels a delete still inside its undo window; true when it was cancelled. */
  undoRemove(id: Id): boolean {
    const pending = this.#pending.get(id);
    if (pending?.kind !== 'delete' || pending.state !== 'waiting') return false;
    clearTimeout(this.#deleteTimers.get(id));
    this.#deleteTimers.delete(id);
    this.#pending.delete(id);
    this.#restore(pending.comment, pending.replies);
    this.#publish({});
    this.#settleDelete(id, null);
    return true;
  }

  /** Forgets the error of a failed delete (the comment stays). */
  dismissError(id: Id): void {
    const pending = this.#pending.get(id);
    if (pending?.kind === 'delete' && pending.state === 'failed') {
      this.#pending.delete(id);
      this.#publish({});
    }
  }

  /** Stops following the events stream; deletes waiting for their undo window are sent now. */
  dispose(): void {
    for (const id of [...this.#deleteTimers.keys()]) {
      clearTimeout(this.#deleteTimers.get(id));
      void this.#sendDelete(id);
    }
    this.#disposed = true;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  // — internals —

  #follow(): void {
    if (this.#unsubscribe || this.#disposed) return;
    const catchUp = this.reloadOnReconnection(() => {
      if (this.state.status === 'ready') void this.load();
    });
    this.#unsubscribe = this.#api.subscribe(
      (event) => this.#onEvent(event),
      // `live` goes off while the stream is down: changes made elsewhere are being missed.
      (connected) => {
        if (this.#disposed) return;
        if (connected !== this.state.live) this.#publish({ live: connected });
        catchUp(connected);
      },
    );
    if (this.#unsubscribe) this.#publish({ live: true });
  }

  #onEvent(event: ReviewEvent): void {
    if (this.#disposed) return;
    if (event.type === 'comment.created' || event.type === 'comment.updated') {
      const c = event.comment;
      if (c.mediaObjectId !== this.state.clipId) return;
      if (event.type === 'comment.created' && !this.#byId.has(c.id)) this.#claimEcho(c);
      this.#accept(c);
      this.#publish({});
    } else if (event.type === 'comment.deleted') {
      if (event.mediaObjectId !== this.state.clipId) return;
      for (const id of event.ids) this.#forget(id);
      this.#publish({});
    }
  }

  /** A created comment from the stream may be the echo of one of our own creates still in flight. */
  #claimEcho(c: ClipAnnotation): void {
    for (const [tempId, pending] of this.#pending) {
      if (pending.kind !== 'create' || pending.state !== 'sending') continue;
      const temp = this.#byId.get(tempId);
      if (temp && sameContent(temp, c)) {
        this.#claimed.set(tempId, c.id);
        this.#dropTemp(tempId);
        return;
      }
    }
  }

  /** Takes a confirmed comment in unless something newer (or a local change) must win. */
  #accept(c: ClipAnnotation): void {
    if (this.#deleted.has(c.id)) return;
    const pending = this.#pending.get(c.id);
    if (pending?.kind === 'update') {
      if (c.version >= pending.previous.version) this.#pending.set(c.id, { ...pending, previous: c });
      return;
    }
    if (pending?.kind === 'delete') {
      if (c.version >= pending.comment.version) this.#pending.set(c.id, { ...pending, comment: c });
      if (pending.state !== 'failed') return;
    }
    const root = c.relatedToId != null ? this.#pending.get(c.relatedToId) : undefined;
    if (root?.kind === 'delete' && root.state !== 'failed') {
      // A reply of a root being deleted stays hidden with it.
      const replies = [...root.replies.filter((r) => r.id !== c.id), c];
      this.#pending.set(c.relatedToId!, { ...root, replies });
      return;
    }
    const known = this.#byId.get(c.id);
    if (!known || c.version >= known.version) this.#byId.set(c.id, c);
  }

  /** The server says this comment is gone. */
  #forget(id: Id): void {
    this.#deleted.add(id);
    this.#byId.delete(id);
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (pending?.kind === 'delete') {
      clearTimeout(this.#deleteTimers.get(id));
      this.#deleteTimers.delete(id);
      for (const r of pending.replies) this.#forget(r.id);
      this.#settleDelete(id, pending.comment);
    }
  }

  #restore(comment: ClipAnnotation, replies: readonly ClipAnnotation[]): void {
    for (const c of [comment, ...replies]) if (!this.#deleted.has(c.id)) this.#byId.set(c.id, c);
  }

  /** After a complete load: the confirmed set is what the server sent, plus local unconfirmed changes. */
  #replaceConfirmed(fresh: Map<Id, ClipAnnotation>): void {
    for (const [id] of this.#byId) {
      if (id > 0 && !fresh.has(id) && !this.#pending.has(id)) this.#byId.delete(id);
    }
    for (const c of fresh.values()) this.#accept(c);
  }

  /** Outbox entries restored after a reload that did reach the server are dropped, not shown twice. */
  #dropDeliveredOutbox(): void {
    for (const [tempId, entry] of this.#outbox) {
      const pending = this.#pending.get(tempId);
      if (pending?.kind !== 'create' || pending.state !== 'failed') continue;
      const probe = { ...entry.input, creatorId: entry.author.id };
      for (const c of this.#byId.values()) {
        if (c.id > 0 && sameContent(c, probe)) {
          this.#dropTemp(tempId);
          break;
        }
      }
    }
  }

  async #sendCreate(tempId: Id): Promise<ClipAnnotation> {
    const entry = this.#outbox.get(tempId);
    if (!entry) throw new ReviewApiError(0, 'CONFIG', 'This comment is not waiting to be sent.');
    try {
      const saved = await this.#api.createComment(entry.input);
      this.#claimed.delete(tempId);
      this.#dropTemp(tempId);
      this.#accept(saved);
      this.#publish({});
      return saved;
    } catch (err) {
      const error = toApiError(err, 'NETWORK');
      if (this.#claimed.has(tempId)) {
        // The events stream already showed it saved; the answer was lost on the way.
        const id = this.#claimed.get(tempId)!;
        this.#claimed.delete(tempId);
        const saved = this.#byId.get(id);
        if (saved) return saved;
      }
      if (this.#pending.has(tempId)) {
        this.#pending.set(tempId, { kind: 'create', state: 'failed', error });
        this.#publish({});
      }
      throw error;
    }
  }

  async #sendDelete(id: Id): Promise<void> {
    this.#deleteTimers.delete(id);
    const pending = this.#pending.get(id);
    if (pending?.kind !== 'delete') return;
    if (pending.state !== 'sending') {
      this.#pending.set(id, { ...pending, state: 'sending' });
      this.#publish({});
    }
    try {
      await this.#api.deleteComments([id]);
      this.#forget(id);
      this.#publish({});
    } catch (err) {
      const error = toApiError(err, 'NETWORK');
      const now = this.#pending.get(id);
      if (now?.kind === 'delete') {
        if (error.status === 404) {
          this.#forget(id); // already gone: what the user wanted
          this.#publish({});
          return;
        }
        this.#restore(now.comment, now.replies);
        this.#pending.set(id, { ...now, state: 'failed', error });
        this.#publish({});
      }
      this.#settleDelete(id, null, error);
    }
  }

  #settleDelete(id: Id, result: ClipAnnotation | null, error?: ReviewApiError): void {
    const settle = this.#deleteSettlers.get(id);
    this.#deleteSettlers.delete(id);
    settle?.(result, error);
  }

  #nextTempId(): Id {
    return -++this.#tempSeq;
  }

  #optimistic(tempId: Id, entry: OutboxEntry): ClipAnnotation {
    return {
      ...entry.input,
      id: tempId,
      threadGroupId: entry.input.relatedToId ?? tempId,
      creatorId: entry.author.id,
      creatorName: entry.author.name,
      created: entry.created,
      modified: entry.created,
      version: 0,
    };
  }

  #dropTemp(tempId: Id): void {
    this.#byId.delete(tempId);
    this.#pending.delete(tempId);
    if (this.#outbox.delete(tempId)) this.#saveOutbox();
  }

  #restoreOutbox(): void {
    let entries: OutboxEntry[] = [];
    try {
      const raw = this.#storage?.getItem(this.#outboxKey);
      if (raw) entries = JSON.parse(raw) as OutboxEntry[];
    } catch {
      return; // unreadable outbox: nothing to restore
    }
    if (!Array.isArray(entries)) return;
    const error = new ReviewApiError(0, 'NETWORK', 'Not sent: the page closed before the server confirmed this comment.');
    for (const entry of entries) {
      if (!entry?.input || !entry.author) continue;
      const tempId = this.#nextTempId();
      this.#outbox.set(tempId, entry);
      this.#byId.set(tempId, this.#optimistic(tempId, entry));
      this.#pending.set(tempId, { kind: 'create', state: 'failed', error });
    }
    if (entries.length) this.#publish({});
  }

  #saveOutbox(): void {
    try {
      if (this.#outbox.size === 0) this.#storage?.removeItem(this.#outboxKey);
      else this.#storage?.setItem(this.#outboxKey, JSON.stringify([...this.#outbox.values()]));
    } catch {
      // Storage full or disabled: the comment still lives in memory with its retry.
    }
  }

  /**
   * A page arrived during the first load: published at once, unless one was published less than
   * PAGE_PUBLISH_MS ago, then when that time has passed. Pages requested in parallel arrive in bursts, and
   * each publish sorts every note and re-renders the thread: the burst shows in one.
   */
  #publishPage(total: number): void {
    const wait = this.#lastPagePublish + PAGE_PUBLISH_MS - performance.now();
    if (wait <= 0) {
      clearTimeout(this.#pagePublishTimer);
      this.#pagePublishTimer = undefined;
      this.#lastPagePublish = performance.now();
      this.#publish({ total });
    } else {
      this.#pagePublishTimer ??= setTimeout(() => {
        this.#pagePublishTimer = undefined;
        if (this.#disposed || this.state.status !== 'loading') return;
        this.#lastPagePublish = performance.now();
        this.#publish({ total: Math.max(total, this.state.total) });
      }, wait);
    }
  }

  #publish(patch: Partial<CommentsState>): void {
    if (patch.status) {
      // The load's end publishes everything: a page still waiting for its turn has nothing left to show.
      clearTimeout(this.#pagePublishTimer);
      this.#pagePublishTimer = undefined;
    }
    const comments = Object.freeze([...this.#byId.values()].sort(byFrame));
    this.setState(Object.freeze({ ...this.state, ...patch, comments, pending: new Map(this.#pending) }));
  }
}

/**
 * The comments store of `clipId` in this session: the same instance for every element (the thread, the
 * player's timeline markers), created and loaded on first use. Undefined without an API.
 */
export function commentsStoreFor(
  session: Pick<SessionState, 'api' | 'stores'> | undefined,
  clipId: Id | null | undefined,
): CommentsStore | undefined {
  const api = session?.api;
  if (!api || clipId == null) return undefined;
  const store = session.stores.get(`comments:${clipId}`, () => new CommentsStore(api, clipId));
  void store.ensureLoaded();
  return store;
}

/**
 * Groups comments into threads by `relatedToId`: a root and its replies, one level. Threads keep the
 * frame order of their roots; a reply whose root is missing (deleted) gets a thread with `root: null`
 * placed by its first reply; a reply to a reply is attached to that reply's root.
 */
export function groupThreads(comments: readonly ClipAnnotation[]): CommentThreadGroup[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const threads = new Map<Id, CommentThreadGroup>();
  const rootOf = (c: ClipAnnotation): Id => {
    let id = c.id;
    let cur: ClipAnnotation | undefined = c;
    for (let hops = 0; cur?.relatedToId != null && hops < 8; hops++) {
      id = cur.relatedToId;
      cur = byId.get(id);
    }
    return id;
  };
  for (const c of comments) {
    const rootId = c.relatedToId == null ? c.id : rootOf(c);
    let thread = threads.get(rootId);
    if (!thread) {
      thread = { root: null, rootId, replies: [] };
      threads.set(rootId, thread);
    }
    if (c.id === rootId) thread.root = c;
    else thread.replies.push(c);
  }
  for (const t of threads.values()) t.replies.sort((a, b) => cmpIso(a.created, b.created) || Math.abs(a.id) - Math.abs(b.id));
  return [...threads.values()].sort((a, b) => byFrame((a.root ?? a.replies[0])!, (b.root ?? b.replies[0])!));
}
