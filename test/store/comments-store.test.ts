import { aTimeout, expect, waitUntil } from '@open-wc/testing';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../demo/fixture.js';
import type { Operation } from '../../src/contract/review-api.js';
import { ReviewApiError } from '../../src/contract/errors.js';
import type { ReviewApi } from '../../src/contract/review-api.js';
import type { ClipAnnotation, CommentQuery, Id, NewClipAnnotation, Page, ReviewEvent } from '../../src/contract/types.js';
import { newComment } from '../../src/contract/comment-patch.js';
import { CommentsStore, commentsStoreFor, groupThreads } from '../../src/store/comments-store.js';
import { StoreRegistry } from '../../src/store/store-registry.js';

/** A controllable backend: every call is recorded; `hold` makes the next call of a kind wait for release. */
class FakeApi {
  readonly productionId = 'p1';
  comments: ClipAnnotation[] = [];
  calls: Array<{ method: string; args: unknown[] }> = [];
  failNext: Partial<Record<'create' | 'patch' | 'delete' | 'search', ReviewApiError>> = {};
  held: Partial<Record<'create' | 'patch' | 'delete', () => void>> = {};
  hold: Partial<Record<'create' | 'patch' | 'delete', boolean>> = {};
  listener: ((e: ReviewEvent) => void) | null = null;
  nextId = 9000;

  async #gate(kind: 'create' | 'patch' | 'delete' | 'search'): Promise<void> {
    if (kind !== 'search' && this.hold[kind]) {
      this.hold[kind] = false;
      await new Promise<void>((resolve) => (this.held[kind] = resolve));
    }
    const fail = this.failNext[kind];
    if (fail) {
      delete this.failNext[kind];
      throw fail;
    }
  }

  async searchComments(q: CommentQuery): Promise<Page<ClipAnnotation>> {
    this.calls.push({ method: 'searchComments', args: [q] });
    await this.#gate('search');
    const all = this.comments.filter((c) => c.mediaObjectId === q.mediaObjectId);
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 200;
    return { items: all.slice(offset, offset + limit).map((c) => ({ ...c })), total: all.length, offset, limit };
  }

  async createComment(input: NewClipAnnotation): Promise<ClipAnnotation> {
    this.calls.push({ method: 'createComment', args: [input] });
    await this.#gate('create');
    const id = this.nextId++;
    const now = new Date().toISOString();
    const c: ClipAnnotation = {
      ...input,
      id,
      threadGroupId: input.relatedToId ?? id,
      creatorId: 1,
      creatorName: 'Pat Producer',
      created: now,
      modified: now,
      version: 1,
    };
    this.comments.push(c);
    return { ...c };
  }

  async patchComment(id: Id, ops: Operation[]): Promise<ClipAnnotation> {
    this.calls.push({ method: 'patchComment', args: [id, ops] });
    await this.#gate('patch');
    const c = this.comments.find((x) => x.id === id)!;
    const test = ops[0] as { op: string; value: number };
    if (test.op !== 'test' || test.value !== c.version) throw new ReviewApiError(409, 'CONFLICT', 'Stale');
    for (const op of ops.slice(1)) {
      if (op.op === 'replace' && op.path === '/description') c.description = op.value as string;
    }
    c.version++;
    return { ...c };
  }

  async deleteComments(ids: Id[]): Promise<void> {
    this.calls.push({ method: 'deleteComments', args: [ids] });
    await this.#gate('delete');
    this.comments = this.comments.filter((c) => !ids.includes(c.id));
  }

  subscribe(listener: (e: ReviewEvent) => void): () => void {
    this.listener = listener;
    return () => (this.listener = null);
  }
}

function seed(id: Id, start: number, description: string, extra: Partial<ClipAnnotation> = {}): ClipAnnotation {
  const created = new Date(Date.UTC(2026, 10, 2, 9, id % 60)).toISOString();
  return {
    id,
    objectType: 'ClipAnnotation',
    funnel: 'ReviewComment',
    mediaObjectId: 101,
    description,
    mentionIds: [],
    tags: [],
    spatial: null,
    uiLocation: null,
    relatedToId: null,
    threadGroupId: id,
    start,
    end: start + 1,
    creatorId: 2,
    creatorName: 'Sam Supervisor',
    created,
    modified: created,
    version: 1,
    customFields: {},
    ...extra,
  };
}

const author = { id: 1, name: 'Pat Producer' };

/** An in-memory Storage, so tests do not share the page's localStorage. */
class MemStorage implements Storage {
  #m = new Map<string, string>();
  get length() {
    return this.#m.size;
  }
  clear() {
    this.#m.clear();
  }
  getItem(k: string) {
    return this.#m.get(k) ?? null;
  }
  key(i: number) {
    return [...this.#m.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.#m.delete(k);
  }
  setItem(k: string, v: string) {
    this.#m.set(k, v);
  }
}

function setup(
  comments: ClipAnnotation[] = [seed(1, 40, 'B'), seed(2, 12, 'A'), seed(3, 12, 'reply', { relatedToId: 2, threadGroupId: 2 })],
) {
  const api = new FakeApi();
  api.comments = comments;
  const storage = new MemStorage();
  const store = new CommentsStore(api as unknown as ReviewApi, 101, { pageSize: 2, storage });
  return { api, store, storage };
}

describe('CommentsStore', () => {
  it('loads every page with fq on the clip, sorted by frame', async () => {
    const { api, store } = setup();
    await store.ensureLoaded();
    expect(store.state.status).to.equal('ready');
    expect(store.state.total).to.equal(3);
    expect(store.state.comments.map((c) => c.id)).to.deep.equal([2, 3, 1]);
    const queries = api.calls.filter((c) => c.method === 'searchComments').map((c) => c.args[0] as CommentQuery);
    expect(queries.map((q) => q.offset)).to.deep.equal([0, 2]);
    expect(queries.every((q) => q.mediaObjectId === 101)).to.be.true;
  });

  it('once the first page tells the total, asks for the rest in large pages, a few at a time, and shows each as it arrives', async () => {
    const api = new FakeApi();
    api.comments = Array.from({ length: 2350 }, (_, i) => seed(i + 1, i, `n${i + 1}`));
    let inFlight = 0;
    let most = 0;
    const asked: string[] = [];
    const search = api.searchComments.bind(api);
    // A server whose largest page is 400: a bigger one comes back short, and the store asks for the rest of the range.
    api.searchComments = async (q) => {
      asked.push(`${q.offset}+${q.limit}`);
      most = Math.max(most, ++inFlight);
      await aTimeout(30);
      try {
        return await search({ ...q, limit: Math.min(q.limit ?? 200, 400) });
      } finally {
        inFlight--;
      }
    };
    const store = new CommentsStore(api as unknown as ReviewApi, 101, { pageSize: 200, restPageSize: 1000, concurrency: 2, storage: null });
    const counts: number[] = [];
    store.subscribe((state) => counts.push(state.comments.length));
    await store.ensureLoaded();
    expect(asked[0]).to.equal('0+200');
    expect([...asked].sort()).to.deep.equal(
      ['0+200', '200+1000', '600+600', '1000+200', '1200+1000', '1600+600', '2000+200', '2200+150'].sort(),
    );
    expect(most, 'requests at once').to.equal(2);
    expect(store.state.status).to.equal('ready');
    expect(store.state.comments.map((c) => c.id)).to.deep.equal(Array.from({ length: 2350 }, (_, i) => i + 1));
    // shown as the pages arrive: the first 200, then more before the last
    const shown = counts.filter((n, i) => i === 0 || n !== counts[i - 1]);
    expect(shown.slice(0, 2)).to.deep.equal([0, 200]);
    expect(shown.some((n) => n > 200 && n < 2350)).to.equal(true);
    expect(shown.at(-1)).to.equal(2350);
  });

  it('asks again with the first page size when the server refuses a large page', async () => {
    const api = new FakeApi();
    api.comments = Array.from({ length: 450 }, (_, i) => seed(i + 1, i, `n${i + 1}`));
    const search = api.searchComments.bind(api);
    api.searchComments = async (q) => {
      if ((q.limit ?? 200) > 200) {
        api.calls.push({ method: 'searchComments', args: [q] });
        throw new ReviewApiError(400, 'VALIDATION', 'limit must be <= 200');
      }
      return search(q);
    };
    const store = new CommentsStore(api as unknown as ReviewApi, 101, { pageSize: 200, storage: null });
    await store.ensureLoaded();
    expect(api.calls.map((c) => c.args[0] as CommentQuery).map((q) => `${q.offset}+${q.limit}`)).to.deep.equal([
      '0+200',
      '200+250',
      '200+200',
      '400+50',
    ]);
    expect(store.state.comments).to.have.length(450);
    expect(store.state.status).to.equal('ready');
  });

  it('publishes a new frozen snapshot on every change', async () => {
    const { store } = setup();
    await store.ensureLoaded();
    const before = store.state;
    expect(Object.isFrozen(before)).to.be.true;
    expect(Object.isFrozen(before.comments)).to.be.true;
    void store.create(newComment({ mediaObjectId: 101, description: 'new', start: 5 }), author);
    expect(store.state).to.not.equal(before);
    expect(before.comments).to.have.length(3);
  });

  it('turns a failed first load into an error state, and load() retries', async () => {
    const { api, store } = setup();
    api.failNext.search = new ReviewApiError(500, 'SERVER_ERROR', 'Boom');
    await store.ensureLoaded();
    expect(store.state.status).to.equal('error');
    expect(store.state.error?.message).to.equal('Boom');
    await store.load();
    expect(store.state.status).to.equal('ready');
    expect(store.state.comments).to.have.length(3);
  });

  it('shows a create at once as sending, then replaces it with the saved comment', async () => {
    const { api, store, storage } = setup();
    await store.ensureLoaded();
    api.hold.create = true;
    const saving = store.create(newComment({ mediaObjectId: 101, description: 'Warmer', start: 20 }), author);
    const temp = store.state.comments.find((c) => c.description === 'Warmer')!;
    expect(temp.id).to.be.below(0);
    expect(store.state.pending.get(temp.id)).to.include({ kind: 'create', state: 'sending' });
    expect(storage.length).to.equal(1); // in the outbox until confirmed
    await waitUntil(() => api.held.create, 'the create reached the backend');
    api.held.create!();
    const saved = await saving;
    expect(saved.id).to.equal(9000);
    expect(store.state.comments.filter((c) => c.description === 'Warmer').map((c) => c.id)).to.deep.equal([9000]);
    expect(store.state.pending.size).to.equal(0);
    expect(storage.length).to.equal(0);
  });

  it('keeps a failed create with its error, retries it, and restores unsent ones after a reload', async () => {
    const { api, store, storage } = setup();
    await store.ensureLoaded();
    api.failNext.create = new ReviewApiError(0, 'NETWORK', 'Offline');
    let error: unknown;
    await store.create(newComment({ mediaObjectId: 101, description: 'Lost?', start: 3 }), author).catch((e) => (error = e));
    expect((error as ReviewApiError).message).to.equal('Offline');
    const temp = store.state.comments.find((c) => c.description === 'Lost?')!;
    expect(store.state.pending.get(temp.id)).to.include({ kind: 'create', state: 'failed' });

    // A "reload": a new store on the same storage shows the unsent comment again, as failed.
    const reloaded = new CommentsStore(api as unknown as ReviewApi, 101, { storage });
    await reloaded.ensureLoaded();
    const restored = reloaded.state.comments.find((c) => c.description === 'Lost?')!;
    expect(restored.creatorName).to.equal('Pat Producer');
    expect(reloaded.state.pending.get(restored.id)).to.include({ kind: 'create', state: 'failed' });

    const saved = await store.retryCreate(temp.id);
    expect(saved.description).to.equal('Lost?');
    expect(store.state.pending.size).to.equal(0);
    expect(storage.length).to.equal(0);
    // The reloaded store, on its next load, sees it arrived and does not show it twice.
    await reloaded.load();
    expect(reloaded.state.comments.filter((c) => c.description === 'Lost?')).to.have.length(1);
  });

  it('edits optimistically with a version test, and rolls back + reloads on 409', async () => {
    const { api, store } = setup();
    await store.ensureLoaded();
    api.hold.patch = true;
    const saving = store.update(1, { description: 'B edited #{grade}' });
    expect(store.get(1)!.description).to.equal('B edited #{grade}');
    expect(store.get(1)!.tags).to.deep.equal(['grade']);
    expect(store.state.pending.get(1)?.kind).to.equal('update');
    // (the patch module loads on the first edit: under load that takes more than a tick)
    await waitUntil(() => api.held.patch, 'the patch reached the backend', { timeout: 15000 });
    api.held.patch!();
    const saved = await saving;
    expect(saved.version).to.equal(2);
    const ops = api.calls.find((c) => c.method === 'patchComment')!.args[1] as Operation[];
    expect(ops[0]).to.deep.equal({ op: 'test', path: '/version', value: 1 });

    // Someone else edits comment 2 behind our back: our edit is stale.
    const other = api.comments.find((c) => c.id === 2)!;
    other.description = 'Changed elsewhere';
    other.version = 5;
    let error: ReviewApiError | undefined;
    await store.update(2, { description: 'Mine' }).catch((e: ReviewApiError) => (error = e));
    expect(error?.status).to.equal(409);
    expect(store.get(2)!.description).to.equal('Changed elsewhere');
    expect(store.state.pending.has(2)).to.be.false;
  });

  it('waits for the undo window before deleting, and undo brings the comment back untouched', async () => {
    const { api, store } = setup();
    await store.ensureLoaded();
    const undone = store.remove(1, 10_000);
    expect(store.state.comments.map((c) => c.id)).to.not.include(1);
    expect(store.state.pending.get(1)).to.include({ kind: 'delete', state: 'waiting' });
    expect(store.undoRemove(1)).to.be.true;
    expect(await undone).to.equal(null);
    expect(store.state.comments.map((c) => c.id)).to.include(1);

    const deleted = await store.remove(1, 5);
    expect(deleted?.id).to.equal(1);
    expect(api.calls.filter((c) => c.method === 'deleteComments').map((c) => c.args[0])).to.deep.equal([[1]]);
  });

  it('hides a root with its replies while deleting, and undo restores both', async () => {
    const { store } = setup();
    await store.ensureLoaded();
    const undone = store.remove(2, 10_000);
    expect(store.state.comments.map((c) => c.id)).to.deep.equal([1]);
    store.undoRemove(2);
    await undone;
    expect(store.state.comments.map((c) => c.id)).to.deep.equal([2, 3, 1]);
    await store.remove(2);
    expect(store.state.comments.map((c) => c.id)).to.deep.equal([1]);
  });

  it('brings a comment back with the error when the delete fails', async () => {
    const { api, store } = setup();
    await store.ensureLoaded();
    api.failNext.delete = new ReviewApiError(403, 'FORBIDDEN', 'Not yours');
    let error: ReviewApiError | undefined;
    await store.remove(1).catch((e: ReviewApiError) => (error = e));
    expect(error?.status).to.equal(403);
    expect(store.get(1)).to.exist;
    expect(store.state.pending.get(1)).to.include({ kind: 'delete', state: 'failed' });
    store.dismissError(1);
    expect(store.state.pending.has(1)).to.be.false;
  });

  it('follows live events of its clip and recognises the echo of its own create', async () => {
    const { api, store } = setup();
    await store.ensureLoaded();
    expect(store.state.live).to.be.true;
    api.listener!({ type: 'comment.created', comment: seed(50, 60, 'From elsewhere') });
    api.listener!({ type: 'comment.created', comment: seed(51, 60, 'Other clip', { mediaObjectId: 999 }) });
    expect(store.state.comments.map((c) => c.description)).to.include('From elsewhere');
    expect(store.state.comments.map((c) => c.description)).to.not.include('Other clip');

    api.listener!({ type: 'comment.updated', comment: { ...seed(50, 60, 'Edited elsewhere'), version: 2 } });
    expect(store.get(50)!.description).to.equal('Edited elsewhere');
    api.listener!({ type: 'comment.updated', comment: { ...seed(50, 60, 'Older'), version: 1 } });
    expect(store.get(50)!.description).to.equal('Edited elsewhere');

    api.hold.create = true;
    const saving = store.create(newComment({ mediaObjectId: 101, description: 'Mine', start: 7 }), author);
    await waitUntil(() => api.held.create, 'the create reached the backend');
    api.listener!({ type: 'comment.created', comment: { ...seed(9000, 7, 'Mine'), creatorId: 1 } });
    expect(store.state.comments.filter((c) => c.description === 'Mine').map((c) => c.id)).to.deep.equal([9000]);
    api.held.create!();
    await saving;
    expect(store.state.comments.filter((c) => c.description === 'Mine')).to.have.length(1);

    api.listener!({ type: 'comment.deleted', ids: [50], mediaObjectId: 101 });
    expect(store.get(50)).to.be.undefined;
  });

  it('goes off live while the events stream is down, and catches up on what it missed when it is back', async () => {
    const pat = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const alex = pat.forUser(3);
    const store = new CommentsStore(pat, 101, { storage: new MemStorage() });
    const unwatch = store.subscribe(() => {}); // on screen
    await store.ensureLoaded();
    await waitUntil(() => store.state.live, 'live');
    const before = store.state.comments.length;

    pat.backend.setStreamConnected(false);
    await waitUntil(() => !store.state.live, 'not live while the stream is down');
    await alex.createComment(newComment({ mediaObjectId: 101, description: 'Made while you were offline', start: 30 }));
    await aTimeout(10);
    expect(store.state.comments).to.have.length(before);

    pat.backend.setStreamConnected(true);
    await waitUntil(() => store.state.comments.some((c) => c.description === 'Made while you were offline'), 'reloaded');
    expect(store.state.live).to.be.true;
    expect(store.state.comments).to.have.length(before + 1);
    unwatch();
    store.dispose();
  });

  it('a store nothing shows (a clip visited earlier) catches up only when it is shown again', async () => {
    const pat = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const store = new CommentsStore(pat, 101, { storage: new MemStorage() });
    await store.ensureLoaded();
    await waitUntil(() => store.state.live, 'live');
    pat.backend.setStreamConnected(false);
    await waitUntil(() => !store.state.live, 'down');
    await pat.forUser(3).createComment(newComment({ mediaObjectId: 101, description: 'Made while away', start: 30 }));
    pat.backend.setStreamConnected(true);
    await waitUntil(() => store.state.live, 'back');
    await aTimeout(30);
    const has = () => store.state.comments.some((c) => c.description === 'Made while away');
    expect(has(), 'no reload while nothing shows the clip').to.be.false;

    const unwatch = store.subscribe(() => {});
    await waitUntil(has, 'reloaded once shown');
    unwatch();
    store.dispose();
  });

  it('is one instance per clip in a session', () => {
    const api = new FakeApi();
    const session = { api: api as unknown as ReviewApi, stores: new StoreRegistry() };
    const a = commentsStoreFor(session, 101);
    expect(a).to.equal(commentsStoreFor(session, 101));
    expect(a).to.not.equal(commentsStoreFor(session, 102));
    expect(commentsStoreFor({ api: null, stores: new StoreRegistry() }, 101)).to.be.undefined;
  });
});

describe('groupThreads', () => {
  it('groups replies under their root, one level, and keeps orphans', () => {
    const threads = groupThreads([
      seed(1, 10, 'root'),
      seed(2, 10, 'reply', { relatedToId: 1 }),
      seed(3, 5, 'reply to reply', { relatedToId: 2 }),
      seed(4, 2, 'orphan', { relatedToId: 77 }),
      seed(5, 30, 'other root'),
    ]);
    expect(threads.map((t) => [t.rootId, t.root?.id ?? null, t.replies.map((r) => r.id)])).to.deep.equal([
      [77, null, [4]],
      [1, 1, [2, 3]],
      [5, 5, []],
    ]);
  });
});
