import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/review-session/define.js';
import '../../../src/elements/review-player/define.js';
import type { ReviewSession } from '../../../src/elements/review-session/review-session.js';
import type { ReviewPlayer } from '../../../src/elements/review-player/review-player.js';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import type { ShareSettings } from '../../../src/contract/types.js';
import { emit } from '../../../src/events.js';
import { commentsStoreFor } from '../../../src/store/comments-store.js';
import { createDemoFixture } from '../../../demo/fixture.js';

const $ = <T extends Element = HTMLElement>(el: ReviewPlayer, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: ReviewPlayer, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];

async function studioApi(edit?: (fx: ReturnType<typeof createDemoFixture>) => void) {
  const fx = createDemoFixture();
  edit?.(fx);
  return new MemoryReviewApi({ fixture: fx, userId: 1 });
}

async function clientApi(share: Partial<ShareSettings>) {
  const studio = await studioApi();
  const created = await studio.createShare(301, { settings: { ...share, requirePassword: false }, password: null });
  const { token } = await studio.anonymous().openShareSession(created.token, { name: 'Casey Client' });
  return studio.withToken(token);
}

async function mount(api: MemoryReviewApi, player = html`<review-player clip-id="101"></review-player>`) {
  const session = await fixture<ReviewSession>(html`<review-session .api=${api}>${player}</review-session>`);
  const el = session.querySelector('review-player')!;
  await waitUntil(() => el.frameCount > 0 && !$(el, '[part~="message"]'), 'player ready', { timeout: 15000 });
  return { session, el };
}

describe('<review-player> in a <review-session>', function () {
  this.timeout(40000);

  it('loads the clip by clip-id: media, rational rate and frame count from the API', async () => {
    const { el } = await mount(await studioApi());
    expect(el.frameCount).to.equal(96);
    expect(el.fps).to.equal(24);
    expect($<HTMLVideoElement>(el, 'video')!.getAttribute('src')).to.equal('/demo/media/hm_010_0040_24fps.mp4');
    await el.seekToFrame(50);
    expect(el.currentFrame).to.equal(50);
  });

  it('reads timecodes from the clip’s own source timecode, as the exports write them; timecode-start still wins', async () => {
    // Clip 102 (25 fps) starts at 01:00:00:00 in the demo production.
    const { el } = await mount(await studioApi(), html`<review-player clip-id="102" time-format="timecode"></review-player>`);
    await el.seekToFrame(30);
    await el.updateComplete;
    expect($(el, '[part~="time"] .current')!.textContent!.trim()).to.equal('01:00:01:05');
    el.setAttribute('timecode-start', '10:00:00:00');
    await el.updateComplete;
    expect($(el, '[part~="time"] .current')!.textContent!.trim()).to.equal('10:00:01:05');
  });

  it('without clip-id follows the session current clip', async () => {
    const api = await studioApi();
    const session = await fixture<ReviewSession>(
      html`<review-session .api=${api} clip-id="103"><review-player></review-player></review-session>`,
    );
    const el = session.querySelector('review-player')!;
    await waitUntil(() => el.frameCount === 120, 'clip 103 (29.97 DF) loaded', { timeout: 15000 });
    expect(el.frameRate).to.deep.equal({ num: 30000, den: 1001, dropFrame: true });
    const ready = oneEvent(el, 'review-ready');
    emit(session, 'review-clip-select', { clipId: 102 });
    const { detail } = await ready;
    expect(detail.clipId).to.equal(102);
    expect(el.frameCount).to.equal(100);
    expect(el.fps).to.equal(25);
  });

  it('marks the clip comments (roots only) from the shared comments store, and a marker click selects and seeks', async () => {
    const { session, el } = await mount(await studioApi());
    await waitUntil(() => $$(el, '[part~="marker"]').length > 0, 'markers', { timeout: 10000 });
    const frames = $$(el, '[part~="marker"]').map((m) => Number(m.dataset.frame));
    // demo clip 101: c1 at 12 (with a reply at 12), c3 at 40, internal c4 at 70 (studio user sees it)
    expect(frames).to.deep.equal([12, 40, 70]);
    const selected = oneEvent(session, 'review-comment-select');
    $$<HTMLButtonElement>(el, '[part~="marker"]')[1].click();
    expect((await selected).detail.comment.start).to.equal(40);
    await waitUntil(() => el.currentFrame === 40, 'seeked to the comment');
    await waitUntil(() => $(el, '[part~="marker"][aria-current="true"]')?.dataset.frame === '40', 'selected marker highlighted');
  });

  it('a marker\'s tooltip reads the note as people write it: "@Alex Artist", "#comp", no markup', async () => {
    const { el } = await mount(await studioApi());
    await waitUntil(() => $$(el, '[part~="marker"]').length === 3, 'markers', { timeout: 10000 });
    const first = $$(el, '[part~="marker"]')[0];
    first.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
    await el.updateComplete;
    const tip = $(el, '[part~="marker-notes"]')!.textContent!.replace(/\s+/g, ' ');
    expect(tip).to.contain('Sam Supervisor: Edge of the ship flickers here, @Alex Artist can you check the #comp matte?');
    expect(tip).to.not.match(/[{}]/);
    expect(first.getAttribute('aria-label')).to.not.match(/[{}]/);
  });

  it('keeps the markers live: a comment added to the clip shows a marker, one deleted loses it', async () => {
    const { session, el } = await mount(await studioApi());
    await waitUntil(() => $$(el, '[part~="marker"]').length === 3, 'markers', { timeout: 10000 });
    // the very store the thread writes to
    const store = commentsStoreFor(session.sessionState, 101)!;
    const added = await store.create(
      {
        objectType: 'ClipAnnotation',
        funnel: 'ReviewComment',
        mediaObjectId: 101,
        description: 'new note',
        mentionIds: [],
        tags: [],
        spatial: null,
        uiLocation: null,
        relatedToId: null,
        start: 60,
        end: 61,
        customFields: {},
      },
      { id: 1, name: 'Pat' },
    );
    await waitUntil(() => $$(el, '[part~="marker"]').some((m) => m.dataset.frame === '60'), 'marker of the new comment');
    expect(
      $$(el, '[part~="marker"]')
        .find((m) => m.dataset.frame === '60')!
        .getAttribute('aria-label'),
    ).to.contain('new note');
    await store.remove(added.id);
    await waitUntil(() => !$$(el, '[part~="marker"]').some((m) => m.dataset.frame === '60'), 'marker gone with the comment');
  });

  it('the markers are a labelled list of buttons in the Tab order (visible focus, no hidden duplicate)', async () => {
    const { el } = await mount(await studioApi());
    await waitUntil(() => $$(el, '[part~="marker"]').length === 3, 'markers', { timeout: 10000 });
    const list = $(el, '[role="list"]')!;
    expect(list.getAttribute('aria-label')).to.equal('Comment markers');
    expect(list.querySelectorAll('[role="listitem"] > button[part~="marker"]')).to.have.length(3);
    for (const marker of $$(el, '[part~="marker"]')) expect(marker.getAttribute('tabindex')).to.equal(null);
    // one button per comment: no second, invisible set for screen readers
    expect($$(el, 'button').filter((b) => /comment/i.test(b.getAttribute('aria-label') ?? b.textContent ?? ''))).to.have.length(3);
    await expect(el).to.be.accessible();
  });

  it('seeks when the session selection changes (a comment selected in the thread), also the same one again', async () => {
    const { session, el } = await mount(await studioApi());
    const api = session.api as MemoryReviewApi;
    const page = await api.searchComments({ mediaObjectId: 101 });
    const c3 = page.items.find((c) => c.start === 40)!;
    // the thread emits review-comment-select from somewhere inside the session
    emit(session, 'review-comment-select', { comment: c3 });
    await waitUntil(() => el.currentFrame === 40, 'seeked to 40', { timeout: 8000 });
    await el.seekToFrame(5);
    emit(session, 'review-comment-select', { comment: c3 });
    await waitUntil(() => el.currentFrame === 40, 'seeked to 40 again', { timeout: 8000 });
  });

  it('a marker click seeks exactly once: the request goes up, the store asks for the frame, the player seeks', async () => {
    const { session, el } = await mount(await studioApi());
    await waitUntil(() => $$(el, '[part~="marker"]').length === 3, 'markers', { timeout: 10000 });
    const seeks: number[] = [];
    const seekToFrame = el.seekToFrame.bind(el);
    el.seekToFrame = (n: number) => {
      seeks.push(n);
      return seekToFrame(n);
    };
    const requests: string[] = [];
    session.addEventListener('review-comment-select', (e) => requests.push(`select ${e.detail.comment.start}`));
    $$<HTMLButtonElement>(el, '[part~="marker"]')[1].click();
    await waitUntil(() => el.currentFrame === 40, 'seeked to the comment', { timeout: 8000 });
    await el.updateComplete;
    expect(requests).to.deep.equal(['select 40']);
    expect(seeks).to.deep.equal([40]);
    await waitUntil(() => $(el, '[part~="marker"][aria-current="true"]')?.dataset.frame === '40', 'the selected marker is highlighted');
  });

  it('is driven from outside through the store alone: a seek, a comment on another clip', async () => {
    const session = await fixture<ReviewSession>(
      html`<review-session .api=${await studioApi()} clip-id="101"><review-player></review-player></review-session>`,
    );
    const el = session.querySelector('review-player')!;
    await waitUntil(() => el.frameCount === 96, 'clip 101 loaded', { timeout: 15000 });
    // A remote driver (a synced room, a second player) holds the session, never the player.
    session.store.seek(30);
    await waitUntil(() => el.currentFrame === 30, 'seeked to 30 by the store', { timeout: 8000 });
    await waitUntil(() => session.playheadState.frame === 30, 'the playhead follows');
    const api = session.api as MemoryReviewApi;
    const onClip102 = (await api.searchComments({ mediaObjectId: 102 })).items[0];
    session.store.selectComment(onClip102);
    await waitUntil(() => el.frameCount === 100 && el.currentFrame === onClip102.start, 'on clip 102 at the comment', { timeout: 10000 });
    // The same request again seeks again (after the user moved away).
    await el.seekToFrame(0);
    session.store.selectComment(onClip102);
    await waitUntil(() => el.currentFrame === onClip102.start, 'back at the comment', { timeout: 8000 });
  });

  it('feeds the session playhead context with frame changes', async () => {
    const { session, el } = await mount(await studioApi());
    const frames: number[] = [];
    session.addEventListener('review-frame-change', (e) => frames.push(e.detail.frame));
    await el.seekToFrame(33);
    await el.stepFrames(1);
    expect(frames).to.include.members([33, 34]);
  });

  describe('download source', () => {
    it('studio users get the link', async () => {
      const { el } = await mount(await studioApi());
      expect($(el, '[part~="download"]')!.getAttribute('href')).to.equal('/demo/media/hm_010_0040_24fps.mp4');
    });

    it('a share client gets it only when the share allows downloads', async () => {
      const allowed = await mount(await clientApi({ allowDownload: true }));
      expect($(allowed.el, '[part~="download"]')).to.exist;
      const refused = await mount(await clientApi({ allowDownload: false }));
      expect($(refused.el, '[part~="download"]')).to.equal(null);
    });

    it('no-download hides the link (the page shows it elsewhere, e.g. in <review-clip-header>)', async () => {
      const { el } = await mount(await studioApi(), html`<review-player clip-id="101" no-download></review-player>`);
      expect(el.noDownload).to.equal(true);
      expect($(el, '[part~="download"]')).to.equal(null);
      el.noDownload = false;
      await el.updateComplete;
      expect($(el, '[part~="download"]')).to.exist;
    });

    it('no link when the clip has no source URL', async () => {
      const { el } = await mount(
        await studioApi((fx) => {
          fx.clips = fx.clips.map((c) => (c.id === 101 ? { ...c, sourceUrl: null } : c));
        }),
      );
      expect($(el, '[part~="download"]')).to.equal(null);
    });

    it('no link when the source URL is not a web URL (the rule of <review-clip-header>)', async () => {
      const { el } = await mount(
        await studioApi((fx) => {
          fx.clips = fx.clips.map((c) => (c.id === 101 ? { ...c, sourceUrl: 'javascript:window.__xss=1' } : c));
        }),
      );
      expect($(el, '[part~="download"]')).to.equal(null);
    });
  });
});
