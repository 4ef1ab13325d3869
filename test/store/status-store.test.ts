import { expect, waitUntil, aTimeout } from '@open-wc/testing';
import { ReviewApiError } from '../../src/contract/errors.js';
import { StatusStore, displayedStatus, statusStoreFor } from '../../src/store/status-store.js';
import { makeBackend, type TestBackend } from '../elements/review-status-picker/session-fixture.js';

async function loaded(b: TestBackend, moId = 101): Promise<StatusStore> {
  const store = new StatusStore(b.api, moId);
  await store.load();
  return store;
}

describe('StatusStore', () => {
  it('loads the clip’s MediaObjectAnnotation', async () => {
    const b = await makeBackend();
    const store = new StatusStore(b.api, 101);
    expect(store.state.phase).to.equal('loading');
    await store.load();
    expect(store.state.phase).to.equal('ready');
    expect(store.state.moa).to.deep.include({ id: 201, mediaObjectId: 101, reviewStatus: 'NEEDS_WORK' });
    expect(b.callsOf('getMediaObjectAnnotation')[0].args).to.deep.equal([101]);
  });

  it('reports a failed first load as an error state', async () => {
    const b = await makeBackend();
    b.fail('getMediaObjectAnnotation', 500);
    const store = await loaded(b);
    expect(store.state.phase).to.equal('error');
    expect(store.state.loadError).to.be.instanceOf(ReviewApiError);
    expect(store.state.loadError?.status).to.equal(500);
  });

  it('shows a change at once and keeps it when the server accepts', async () => {
    const b = await makeBackend();
    const store = await loaded(b);
    const hold = b.api.holdNext('setReviewStatus');
    const saving = store.setStatus('APPROVED');
    expect(store.state.pending).to.equal('APPROVED');
    expect(displayedStatus(store.state)).to.equal('APPROVED');
    expect(store.state.moa?.reviewStatus).to.equal('NEEDS_WORK');
    hold.release();
    const saved = await saving;
    expect(saved.reviewStatus).to.equal('APPROVED');
    expect(store.state.pending).to.equal(null);
    expect(store.state.moa?.reviewStatus).to.equal('APPROVED');
    expect(b.callsOf('setReviewStatus')[0].args).to.deep.equal([201, 'APPROVED']);
    expect((await b.studio.getMediaObjectAnnotation(101)).reviewStatus).to.equal('APPROVED');
  });

  for (const status of [403, 409, 500]) {
    it(`rolls back and records why when the server answers ${status}`, async () => {
      const b = await makeBackend();
      const store = await loaded(b);
      b.fail('setReviewStatus', new ReviewApiError(status, 'X', `nope ${status}`));
      let error: unknown;
      await store.setStatus('APPROVED').catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(ReviewApiError);
      expect(displayedStatus(store.state)).to.equal('NEEDS_WORK');
      expect(store.state.saveError?.to).to.equal('APPROVED');
      expect(store.state.saveError?.error.status).to.equal(status);
      expect(store.state.saveError?.error.message).to.equal(`nope ${status}`);
      expect((await b.studio.getMediaObjectAnnotation(101)).reviewStatus).to.equal('NEEDS_WORK');
    });
  }

  it('rolls back when the server refuses a user without REVIEW_STATUS_EDIT (real 403)', async () => {
    const b = await makeBackend({ userId: 3 });
    const store = await loaded(b);
    const error = await store.setStatus('APPROVED').catch((e: unknown) => e as ReviewApiError);
    expect((error as ReviewApiError).status).to.equal(403);
    expect(displayedStatus(store.state)).to.equal('NEEDS_WORK');
  });

  it('reloads after a 409 to show what the server has now', async () => {
    const b = await makeBackend();
    const store = await loaded(b);
    b.fail('setReviewStatus', 409);
    await store.setStatus('APPROVED').catch(() => undefined);
    await waitUntil(() => b.callsOf('getMediaObjectAnnotation').length === 2, 'reloaded');
  });

  it('rolls back to a status that arrived live while the change was in flight', async () => {
    const b = await makeBackend();
    const store = await loaded(b);
    const hold = b.api.holdNext('setReviewStatus');
    const saving = store.setStatus('APPROVED').catch(() => undefined);
    await b.studio.forUser(2).setReviewStatus(201, 'NOT_APPROVED');
    await waitUntil(() => store.state.moa?.reviewStatus === 'NOT_APPROVED', 'live event seen');
    expect(displayedStatus(store.state)).to.equal('APPROVED'); // still optimistic
    hold.fail(403);
    await saving;
    expect(displayedStatus(store.state)).to.equal('NOT_APPROVED');
  });

  it('misses changes while the events stream is down and reloads when it is back', async () => {
    const b = await makeBackend();
    const store = await loaded(b);
    const unwatch = store.subscribe(() => {}); // on screen
    b.api.backend.setStreamConnected(false);
    await b.studio.forUser(2).setReviewStatus(201, 'APPROVED');
    await aTimeout(10);
    expect(store.state.moa?.reviewStatus, 'not pushed while down').to.equal('NEEDS_WORK');
    b.api.backend.setStreamConnected(true);
    await waitUntil(() => store.state.moa?.reviewStatus === 'APPROVED', 'caught up after reconnecting');
    expect(b.callsOf('getMediaObjectAnnotation')).to.have.length(2);
    unwatch();
  });

  it('an unwatched status store reloads after a reconnection only once something shows it', async () => {
    const b = await makeBackend();
    const store = await loaded(b);
    b.api.backend.setStreamConnected(false);
    await b.studio.forUser(2).setReviewStatus(201, 'APPROVED');
    b.api.backend.setStreamConnected(true);
    await aTimeout(30);
    expect(b.callsOf('getMediaObjectAnnotation'), 'not reloaded while unwatched').to.have.length(1);
    const unwatch = store.subscribe(() => {});
    await waitUntil(() => store.state.moa?.reviewStatus === 'APPROVED', 'reloaded once watched');
    unwatch();
  });

  it('follows status changes of its own clip only', async () => {
    const b = await makeBackend();
    const store = await loaded(b);
    await b.studio.setReviewStatus(202, 'NOT_APPROVED');
    await aTimeout(10);
    expect(store.state.moa?.reviewStatus).to.equal('NEEDS_WORK');
    await b.studio.setReviewStatus(201, 'APPROVED');
    await waitUntil(() => store.state.moa?.reviewStatus === 'APPROVED', 'own clip followed');
  });

  it('publishes a new snapshot on every change (never mutates the old one)', async () => {
    const b = await makeBackend();
    const store = await loaded(b);
    const before = store.state;
    const seen: unknown[] = [];
    store.subscribe((s) => seen.push(s));
    await store.setStatus('APPROVED');
    expect(before.moa?.reviewStatus).to.equal('NEEDS_WORK');
    expect(before.pending).to.equal(null);
    expect(seen.length).to.be.greaterThan(1);
    expect(new Set(seen).size).to.equal(seen.length);
  });

  it('stops following changes when disposed', async () => {
    const b = await makeBackend();
    const store = await loaded(b);
    store.dispose();
    await b.studio.setReviewStatus(201, 'APPROVED');
    await aTimeout(10);
    expect(store.state.moa?.reviewStatus).to.equal('NEEDS_WORK');
  });

  it('is shared per clip through the session’s StoreRegistry and disposed when it is cleared', async () => {
    const b = await makeBackend();
    const session = b.session;
    const a = statusStoreFor(session, 101)!;
    expect(statusStoreFor(session, 101)).to.equal(a);
    const c = statusStoreFor(session, 102)!;
    expect(c).not.to.equal(a);
    expect(statusStoreFor(session, null)).to.equal(undefined);
    expect(statusStoreFor({ ...session, api: null }, 101)).to.equal(undefined);
    await waitUntil(() => a.state.phase === 'ready' && c.state.phase === 'ready');
    expect(b.callsOf('getMediaObjectAnnotation')).to.have.length(2);
    session.stores.clear();
    await b.studio.setReviewStatus(201, 'APPROVED');
    await aTimeout(10);
    expect(a.state.moa?.reviewStatus).to.equal('NEEDS_WORK');
  });
});
