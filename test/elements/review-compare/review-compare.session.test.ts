import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../../src/elements/review-session/define.js';
import '../../../src/elements/review-compare/define.js';
import '../../../src/elements/comment-thread/define.js';
import '../../../src/elements/review-player/define.js';
import type { ReviewPlayer } from '../../../src/elements/review-player/review-player.js';
import type { ReviewCompare } from '../../../src/elements/review-compare/review-compare.js';
import type { ReviewSession } from '../../../src/elements/review-session/review-session.js';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../../demo/fixture.js';
import { newComment } from '../../../src/contract/comment-patch.js';
import { clipStoreFor } from '../../../src/store/clip-store.js';

describe('<review-compare> in a session', () => {
  it('asks the API for the versions once, and compares A with its previous version by default', async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture({ mediaBase: '/demo/media' }), userId: 1 });
    const asked: number[] = [];
    const getVersions = api.getVersions.bind(api);
    api.getVersions = (moId: number) => {
      asked.push(moId);
      return getVersions(moId);
    };
    const session = await fixture(html`<review-session .api=${api}><review-compare clip-id="101"></review-compare></review-session>`);
    const el = session.querySelector('review-compare') as ReviewCompare;
    await waitUntil(() => el.clipB !== null, 'the versions load');
    expect(asked).to.deep.equal([101]);
    expect(el.clipA?.name).to.equal('hm_010_0040_comp_v012');
    expect(el.clipB?.name).to.equal('hm_010_0040_comp_v011');
    await el.updateComplete;
    const picker = el.shadowRoot!.querySelector<HTMLSelectElement>('[part~="picker"]')!;
    expect([...picker.options].map((o) => o.textContent)).to.deep.equal(['hm_010_0040_comp_v011', 'hm_010_0040_comp_v010']);
    expect(picker.value).to.equal('106');
    // Picking v010 compares with it, and says so.
    const changes: unknown[] = [];
    el.addEventListener('review-compare-change', (e) => changes.push(e.detail));
    picker.value = '105';
    picker.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(el.clipB?.name).to.equal('hm_010_0040_comp_v010');
    expect(changes).to.deep.equal([{ mode: 'wipe', clipId: 101, compareId: 105, shown: 'a', notesOn: 'a' }]);
    await el.ready;
    // v010 has 84 frames: past them, B says so.
    await el.seekToFrame(90);
    expect(el.shadowRoot!.querySelector('[part~="side-b"] [part~="no-frame"]')).to.exist;
    expect(asked).to.deep.equal([101]);
  });

  it("compares with a clip outside the versions through the session's clip store, and says when the versions fail", async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture({ mediaBase: '/demo/media' }), userId: 1 });
    const asked: number[] = [];
    const getClip = api.getClip.bind(api);
    api.getClip = (moId: number) => {
      asked.push(moId);
      return getClip(moId);
    };
    const outside = (await api.listClips()).find((c) => !c.name.startsWith('hm_010_0040'))!;
    const session = await fixture(html`<review-session .api=${api}>
      <review-compare clip-id="101" compare-id=${outside.id}></review-compare>
    </review-session>`);
    const el = session.querySelector('review-compare') as ReviewCompare;
    await waitUntil(() => el.clipB !== null, 'B loads');
    expect(el.clipB?.name).to.equal(outside.name);
    // What the rest of the page reads of that clip is the same store: asked once.
    expect(clipStoreFor((session as ReviewSession).sessionState, outside.id)?.state.clip?.name).to.equal(outside.name);
    expect(asked.filter((id) => id === outside.id)).to.have.length(1);

    const failing = new MemoryReviewApi({ fixture: createDemoFixture({ mediaBase: '/demo/media' }), userId: 1 });
    failing.getVersions = () => Promise.reject(new Error('offline'));
    const other = await fixture(html`<review-session .api=${failing}><review-compare clip-id="101"></review-compare></review-session>`);
    const broken = other.querySelector('review-compare') as ReviewCompare;
    await waitUntil(() => broken.shadowRoot!.querySelector('[part="error"]'), 'the failure is shown');
    expect(broken.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('The versions could not be loaded.');
  });

  it('sends notes to the version chosen: the session shows it, at the frame on show', async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture({ mediaBase: '/demo/media' }), userId: 1 });
    const session = await fixture<ReviewSession>(
      html`<review-session .api=${api} clip-id="101"><review-compare></review-compare></review-session>`,
    );
    const el = session.querySelector('review-compare') as ReviewCompare;
    await waitUntil(() => el.clipB !== null, 'the versions load');
    await el.ready;
    await el.seekToFrame(30);
    // Notes on A by default: the session's clip and playhead are A's.
    expect(session.store.navigation.state.clipId).to.equal(101);
    expect(session.store.playhead.state).to.include({ clipId: 101, frame: 30 });
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('[part~="notes-on"]')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['A: hm_010_0040_comp_v012', 'B: hm_010_0040_comp_v011']);
    select.value = 'b';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    // Notes on B: the session shows v011 (a comment thread there posts to it), A stays v012.
    expect(session.store.navigation.state.clipId).to.equal(106);
    expect(session.store.playhead.state).to.include({ clipId: 106, frame: 30 });
    await waitUntil(() => el.clipA?.id === 101);
    expect(el.clipA?.id).to.equal(101);
    expect(el.clipB?.id).to.equal(106);
    await el.seekToFrame(40);
    expect(session.store.playhead.state).to.include({ clipId: 106, frame: 40 });
  });

  it('names the version notes go to in the composer while comparing, and not after', async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture({ mediaBase: '/demo/media' }), userId: 1 });
    const session = await fixture<ReviewSession>(
      html`<review-session .api=${api} clip-id="101"><review-compare></review-compare><comment-thread></comment-thread></review-session>`,
    );
    const el = session.querySelector('review-compare') as ReviewCompare;
    const thread = session.querySelector('comment-thread')!;
    const label = () =>
      thread.shadowRoot!.querySelector<HTMLElement & { label: string }>('review-comment-composer[mode="new"]')?.label ?? '';
    await waitUntil(() => el.clipB !== null, 'the versions load');
    await el.ready;
    await waitUntil(() => label().startsWith('New comment on A: Hyperspace jump — v12, at'), `A named (${label()})`);
    const select = el.shadowRoot!.querySelector<HTMLSelectElement>('[part~="notes-on"]')!;
    select.value = 'b';
    select.dispatchEvent(new Event('change'));
    await waitUntil(() => label().startsWith('New comment on B: Hyperspace jump — v11, at'), `B named (${label()})`);
    expect(session.store.navigation.state.compare).to.deep.equal({ a: 101, b: 106, notesOn: 106 });
    el.remove();
    await waitUntil(() => label().startsWith('New comment at'), `no version named after the compare (${label()})`);
    expect(session.store.navigation.state.compare).to.equal(null);
  });

  it('shows the notes of both versions on the timeline, told apart; a marker seeks both sides', async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture({ mediaBase: '/demo/media' }), userId: 1 });
    await api.createComment(newComment({ mediaObjectId: 106, start: 20, description: 'v011: the flare is too hot' }));
    const session = await fixture(html`<review-session .api=${api}><review-compare clip-id="101"></review-compare></review-session>`);
    const el = session.querySelector('review-compare') as ReviewCompare;
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="markers-b"] [part~="marker"]'), 'the notes of B load');
    await waitUntil(() => el.shadowRoot!.querySelectorAll('[part~="markers-a"] [part~="marker"]').length === 3, 'the notes of A load');
    const labels = (row: string) =>
      [...el.shadowRoot!.querySelectorAll(`[part~="markers-${row}"] [part~="marker"]`)].map((m) => m.getAttribute('aria-label'));
    expect(labels('a')).to.deep.equal(['Note on A at frame 12', 'Note on A at frame 40', 'Note on A at frame 70']);
    expect(labels('b')).to.deep.equal(['Note on B at frame 20']);
    // The tooltip reads the note as people write it, not its markup.
    expect(el.shadowRoot!.querySelector('[part~="markers-a"] [part~="marker"]')!.getAttribute('title')).to.equal(
      'A, frame 12: Edge of the ship flickers here, @Alex Artist can you check the #comp matte?',
    );
    await el.ready;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="markers-b"] [part~="marker"]')!.click();
    await waitUntil(() => el.currentFrame === 20);
    await el.seekToFrame(el.currentFrame);
    expect(el.currentFrame).to.equal(20);
  });

  it("opened from the player, starts at the player's frame (the session's playhead), not at frame 0", async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture({ mediaBase: '/demo/media' }), userId: 1 });
    const session = await fixture<ReviewSession>(
      html`<review-session .api=${api} clip-id="101"><review-player></review-player></review-session>`,
    );
    const player = session.querySelector('review-player') as ReviewPlayer;
    await waitUntil(() => session.store.playhead.state.clipId === 101, 'the player reports its clip', { timeout: 15000 });
    await player.seekToFrame(42);
    expect(session.store.playhead.state).to.include({ clipId: 101, frame: 42 });
    // What the studio page does on "Compare versions": the compare takes the player's place.
    player.remove();
    const el = document.createElement('review-compare') as ReviewCompare;
    session.append(el);
    await waitUntil(() => el.clipB !== null, 'the versions load');
    await el.ready;
    expect(el.currentFrame).to.equal(42);
    expect(el.shadowRoot!.querySelector('[part~="frame-label"]')!.textContent).to.contain('42');
    expect(session.store.playhead.state).to.include({ clipId: 101, frame: 42 });
  });
});
