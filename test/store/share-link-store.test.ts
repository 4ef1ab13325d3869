import { expect } from '@open-wc/testing';
import { ShareLinkStore, type ShareSessionKeeper, type StoredShareSession } from '../../src/store/share-link-store.js';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../demo/fixture.js';
import type { ReviewApi } from '../../src/contract/review-api.js';
import { memoryApi } from '../elements/review-playlist/harness.js';

/** A keeper in memory, standing for the page's sessionStorage. */
function memoryKeeper(): ShareSessionKeeper & { kept: StoredShareSession | null } {
  return {
    kept: null,
    read() {
      return this.kept;
    },
    write(session) {
      this.kept = session;
    },
    forget() {
      this.kept = null;
    },
  };
}

function linkOf(studio: MemoryReviewApi, shareToken: string, keeper = memoryKeeper()) {
  const publicApi = studio.anonymous();
  const store = new ShareLinkStore({
    shareToken,
    publicApi,
    apiFor: (session) => (publicApi.withToken as (token: string) => ReviewApi).call(publicApi, session.token),
    keeper,
  });
  return { store, keeper };
}

describe('ShareLinkStore', () => {
  it('enters with the open call when the backend has it, else with getMe and getPlaylist (its open answers 404)', async () => {
    for (const open of [true, false]) {
      const studio = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1, capabilities: { open } });
      const share = await studio.createShare(301, { password: null, settings: { requirePassword: false } });
      const { store } = linkOf(studio, share.token);
      await store.open();
      expect(await store.enterThroughGate({ name: 'Casey Client' })).to.equal(null);
      const entered = store.state.entered!;
      expect(entered.playlist.id, `open: ${open}`).to.equal(301);
      expect(entered.me.share?.playlistId).to.equal(301);
      if (open) {
        expect(entered.opened?.clip?.id).to.equal(entered.playlist.clipIds[0]);
        expect(entered.opened?.clips.map((c) => c.id)).to.have.members(entered.playlist.clipIds);
      } else {
        expect(entered.opened).to.equal(null);
      }
    }
  });

  it('opens at the gate, refuses a wrong password, enters with the right one and keeps the session', async () => {
    const studio = memoryApi();
    const share = await studio.createShare(301, { password: 'sesame-42' });
    const { store, keeper } = linkOf(studio, share.token);
    await store.open();
    expect(store.state.phase).to.equal('gate');
    expect(store.state.publicShare?.requiresPassword).to.equal(true);

    expect(await store.enterThroughGate({ name: 'Casey Client', password: 'wrong' })).to.deep.equal({ kind: 'wrong-password' });
    expect(store.state.phase).to.equal('gate');
    expect(keeper.kept).to.equal(null);

    expect(await store.enterThroughGate({ name: 'Casey Client', password: 'sesame-42' })).to.equal(null);
    expect(store.state.phase).to.equal('ready');
    expect(store.state.entered?.name).to.equal('Casey Client');
    expect(store.state.entered?.playlist.id).to.equal(301);
    expect(store.state.entered?.me.share?.playlistId).to.equal(301);
    expect(keeper.kept?.name).to.equal('Casey Client');

    // A reload: the kept session enters without the gate.
    const again = linkOf(studio, share.token, keeper);
    await again.store.open();
    expect(again.store.state.phase).to.equal('ready');
    // Signing out forgets it: the gate again.
    await again.store.signOut();
    expect(again.store.state.phase).to.equal('gate');
    expect(keeper.kept).to.equal(null);
  });

  it('says a revoked link is gone (and forgets its session), and an unknown one is not found', async () => {
    const studio = memoryApi();
    const share = await studio.createShare(301, { password: null, settings: { requirePassword: false } });
    const { store, keeper } = linkOf(studio, share.token);
    await store.open();
    expect(await store.enterThroughGate({ name: 'Casey Client' })).to.equal(null);
    expect(keeper.kept).to.not.equal(null);
    await studio.deleteShare(share.id);
    await store.open();
    expect(store.state).to.include({ phase: 'gone', goneReason: 'revoked', entered: null });
    expect(keeper.kept).to.equal(null);

    const unknown = linkOf(studio, 'no-such-link');
    await unknown.store.open();
    expect(unknown.store.state.phase).to.equal('not-found');
  });
});
