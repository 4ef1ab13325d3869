import { expect, waitUntil } from '@open-wc/testing';
import { ReviewApiError } from '../../src/api/errors.js';
import { StatusStore, displayedStatus, statusStoreFor } from '../../src/state/status-store.js';
import { FakeReviewApi, makeSession } from '../elements/review-status-picker/fake-session.js';

async function loaded(api: FakeReviewApi, moId = 101): Promise<StatusStore> {
  const store = new StatusStore(api.asApi(), moId);
  await store.load();
  return store;
}

describe('StatusStore', () => {
  it('loads the clip’s MediaObjectAnnotation', async () => {
    const api = new FakeReviewApi();
    const store = new StatusStore(api.asApi(), 101);
    expect(store.state.phase).to.equal('loading');
    await store.load();
    expect(store.state.phase).to.equal('ready');
    expect(store.state.moa).to.deep.include({ id: 201, mediaObjectId: 101, reviewStatus: 'NEEDS_WORK' });
    expect(api.callsOf('getMediaObjectAnnotation')[0].args).to.deep.equal([101]);
  });

  it('reports a failed first load as an error state', async () => {
    const api = new FakeReviewApi();
    api.failNext = { method: 'getMediaObjectAnnotation', status: 500 };
    const store = await loaded(api);
    expect(store.state.phase).to.equal('error');
    expect(store.state.loadError).to.be.instanceOf(ReviewApiError);
    expect(store.state.loadError?.status).to.equal(500);
  });

  it('shows a change at once and keeps it when the server accepts', async () => {
    const api = new FakeReviewApi();
    const store = await loaded(api);
    api.hold('setReviewStatus');
    const saving = store.setStatus('APPROVED');
    expect(store.state.pending).to.equal('APPROVED');
    expect(displayedStatus(store.state)).to.equal('APPROVED');
    expect(store.state.moa?.reviewStatus).to.equal('NEEDS_WORK');
    api.release();
    const saved = await saving;
    expect(saved.reviewStatus).to.equal('APPROVED');
    expect(store.state.pending).to.equal(null);
    expect(store.state.moa?.reviewStatus).to.equal('APPROVED');
    expect(api.callsOf('setReviewStatus')[0].args).to.deep.equal([201, 'APPROVED']);
  });

  for (const status of [403, 409, 500]) {
    it(`rolls back and records why when the server answers ${status}`, async () => {
      const api = new FakeReviewApi();
      const store = await loaded(api);
      api.failNext = { method: 'setReviewStatus', status, message: `nope ${status}` };
      let error: unknown;
      await store.setStatus('APPROVED').catch((e: unknown) => (error = e));
      expect(error).to.be.instanceOf(ReviewApiError);
      expect(displayedStatus(store.state)).to.equal('NEEDS_WORK');
      expect(store.state.saveError?.to).to.equal('APPROVED');
      expect(store.state.saveError?.error.status).to.equal(status);
      expect(store.state.saveError?.error.message).to.equal(`nope ${status}`);
    });
  }

  it('reloads after a 409 to show what the server has now', async () => {
    const api = new FakeReviewApi();
    const store = await loaded(api);
    api.moas[0].reviewStatus = 'NOT_APPROVED'; // changed elsewhere, unseen
    api.failNext = { method: 'setReviewStatus', status: 409 };
    await store.setStatus('APPROVED').catch(() => undefined);
    await waitUntil(() => store.state.moa?.reviewStatus === 'NOT_APPROVED', 'reloaded');
    expect(api.callsOf('getMediaObjectAnnotation')).to.have.length(2);
  });

  it('rolls back to a status that arrived live while the change was in flight', async () => {
    const api = new FakeReviewApi();
    const store = await loaded(api);
    api.hold('setReviewStatus');
    api.failNext = { method: 'setReviewStatus', status: 403 };
    const saving = store.setStatus('APPROVED').catch(() => undefined);
    api.push({ type: 'status.changed', moa: { id: 201, mediaObjectId: 101, reviewStatus: 'NOT_APPROVED' } });
    expect(displayedStatus(store.state)).to.equal('APPROVED');
    api.release();
    await saving;
    expect(displayedStatus(store.state)).to.equal('NOT_APPROVED');
  });

  it('follows status.changed events of its own clip only', async () => {
    const api = new FakeReviewApi();
    const store = await loaded(api);
    api.push({ type: 'status.changed', moa: { id: 202, mediaObjectId: 102, reviewStatus: 'NOT_APPROVED' } });
    expect(store.state.moa?.reviewStatus).to.equal('NEEDS_WORK');
    api.push({ type: 'status.changed', moa: { id: 201, mediaObjectId: 101, reviewStatus: 'APPROVED' } });
    expect(store.state.moa?.reviewStatus).to.equal('APPROVED');
  });

  it('publishes a new snapshot on every change (never mutates the old one)', async () => {
    const api = new FakeReviewApi();
    const store = await loaded(api);
    const before = store.state;
    const seen: unknown[] = [];
    store.subscribe((s) => seen.push(s));
    await store.setStatus('APPROVED');
    expect(before.moa?.reviewStatus).to.equal('NEEDS_WORK');
    expect(before.pending).to.equal(null);
    expect(seen.length).to.be.greaterThan(1);
    expect(new Set(seen).size).to.equal(seen.length);
  });

  it('stops listening when disposed', async () => {
    const api = new FakeReviewApi();
    const store = await loaded(api);
    expect(api.listenerCount).to.equal(1);
    store.dispose();
    expect(api.listenerCount).to.equal(0);
  });

  it('is shared per clip through the session’s StoreRegistry and disposed when it is cleared', async () => {
    const api = new FakeReviewApi();
    const session = makeSession(api.asApi());
    const a = statusStoreFor(session, 101);
    const b = statusStoreFor(session, 101);
    const c = statusStoreFor(session, 102);
    expect(a).to.equal(b);
    expect(a).not.to.equal(c);
    expect(statusStoreFor(session, null)).to.equal(undefined);
    expect(statusStoreFor({ ...session, api: null }, 101)).to.equal(undefined);
    await waitUntil(() => a?.state.phase === 'ready' && c?.state.phase === 'ready');
    expect(api.callsOf('getMediaObjectAnnotation')).to.have.length(2);
    session.stores.clear();
    expect(api.listenerCount).to.equal(0);
  });
});
