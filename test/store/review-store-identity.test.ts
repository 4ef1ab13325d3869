import { expect } from '@open-wc/testing';
import { ReviewStore, type IdentityState } from '../../src/store/review-store.js';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../demo/fixture.js';
import type { Me } from '../../src/contract/types.js';

const demoApi = (userId = 1) => new MemoryReviewApi({ fixture: createDemoFixture({ mediaBase: '/demo/media' }), userId });

describe('ReviewStore identity', () => {
  it('loads who is signed in, the settings and the capabilities in one wave, and publishes saves', async () => {
    const store = new ReviewStore();
    const seen: IdentityState['status'][] = [];
    store.identity.subscribe((s) => seen.push(s.status));
    const api = demoApi();
    await store.connect(api);
    const identity = store.identity.state;
    expect(identity.status).to.equal('ready');
    expect(identity.me?.user.id).to.equal(1);
    expect(identity.settings?.clientVersionName).to.be.oneOf(['name', 'clientName']);
    expect(seen).to.deep.equal(['loading', 'ready']);

    const saved = await store.saveSettings([{ op: 'replace', path: '/clientVersionName', value: 'clientName' }]);
    expect(saved.clientVersionName).to.equal('clientName');
    expect(store.identity.state.settings?.clientVersionName).to.equal('clientName');
    expect((await api.getSettings()).clientVersionName, 'the server stored it').to.equal('clientName');
  });

  it('takes a user the host already knows without asking, and forgets a slow answer of the API it left', async () => {
    const store = new ReviewStore();
    const slow = demoApi();
    let answer: (me: Me) => void = () => undefined;
    slow.getMe = () => new Promise<Me>((resolve) => (answer = resolve));
    const first = store.connect(slow);

    const next = demoApi(2);
    let askedMe = 0;
    const getMe = next.getMe.bind(next);
    next.getMe = () => (askedMe++, getMe());
    const known = await getMe();
    await store.connect(next, { knownMe: known });
    answer({ ...known, user: { ...known.user, id: 99, name: 'Stale' } });
    await first;
    expect(askedMe).to.equal(0);
    expect(store.identity.state.me?.user.id).to.equal(known.user.id);
  });

  it('says why it failed, keeps nothing of the old API, and loads again on request', async () => {
    const store = new ReviewStore();
    const api = demoApi();
    const getSettings = api.getSettings.bind(api);
    api.getSettings = () => Promise.reject(new Error('settings are down'));
    await store.connect(api);
    expect(store.identity.state.status).to.equal('error');
    expect(store.identity.state.error?.message).to.contain('settings are down');
    api.getSettings = getSettings;
    await store.reloadIdentity();
    expect(store.identity.state.status).to.equal('ready');
    await store.connect(null);
    expect(store.identity.state).to.include({ status: 'idle', me: null, settings: null });
  });
});
