import { expect, fixture, html, waitUntil, aTimeout } from '@open-wc/testing';
import { LitElement } from 'lit';
import { consume } from '@lit/context';
import { state } from 'lit/decorators.js';
import '../../../src/elements/review-session/define.js';
import type { ReviewSession } from '../../../src/elements/review-session/review-session.js';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import {
  navigationContext,
  playheadContext,
  sessionContext,
  type NavigationState,
  type PlayheadState,
  type SessionState,
} from '../../../src/store/context.js';
import { emit } from '../../../src/events.js';
import { createDemoFixture } from '../../../demo/fixture.js';

/** A consumer like every review element: records each published session and playhead value. */
class SessionProbe extends LitElement {
  @consume({ context: sessionContext, subscribe: true }) @state() session?: SessionState;
  @consume({ context: playheadContext, subscribe: true }) @state() playhead?: PlayheadState;
  @consume({ context: navigationContext, subscribe: true }) @state() navigation?: NavigationState;
  seen: SessionState[] = [];
  protected override updated(): void {
    if (this.session && this.seen.at(-1) !== this.session) this.seen.push(this.session);
  }
  protected override render() {
    return html`<span>${this.session?.me?.user.name ?? ''}</span>`;
  }
}
customElements.define('session-probe', SessionProbe);

const api = (userId = 1) => new MemoryReviewApi({ fixture: createDemoFixture(), userId });

async function mount(theApi: MemoryReviewApi | null, attrs = '') {
  const el = attrs
    ? await fixture<ReviewSession>(`<review-session ${attrs}><session-probe></session-probe></review-session>`)
    : await fixture<ReviewSession>(html`<review-session .api=${theApi}><session-probe></session-probe></review-session>`);
  const probe = el.querySelector('session-probe') as SessionProbe;
  return { el, probe };
}

describe('<review-session>', () => {
  it('loads me and the settings and publishes them to consumers', async () => {
    const sam = api(2);
    const hold = sam.holdNext('getMe');
    const { el, probe } = await mount(sam);
    await hold.reached;
    expect(el.status).to.equal('loading');
    expect(probe.session!.status).to.equal('loading');
    hold.release();
    await el.loaded;
    await waitUntil(() => probe.session?.status === 'ready');
    expect(el.me?.user.name).to.equal('Sam Supervisor');
    expect(probe.session!.rights).to.deep.equal(['REVIEW_EDIT', 'REVIEW_EDIT_ALL', 'REVIEW_STATUS_EDIT']);
    expect(probe.session!.settings!.reviewStatusConfig.possibleValues.map((v) => v.id)).to.include('NEEDS_WORK');
    expect(probe.session!.org!.studioName).to.equal('Northlight Pictures');
    expect(probe.shadowRoot!.textContent).to.contain('Sam Supervisor');
    // The studio accent is applied from the organization settings.
    expect(el.style.getPropertyValue('--review-accent')).to.equal('#e4572e');
    expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
  });

  it('publishes a new object on every change, never mutating the old one', async () => {
    const { el, probe } = await mount(api());
    await el.loaded;
    await el.updateComplete;
    const before = probe.session!;
    emit(probe, 'review-clip-select', { clipId: 102 });
    await el.updateComplete;
    await probe.updateComplete;
    expect(probe.session).to.not.equal(before);
    expect(before.currentClipId).to.equal(null);
    expect(probe.session!.currentClipId).to.equal(102);
    expect(el.currentClipId).to.equal(102);
    expect(el.getAttribute('clip-id')).to.equal('102');
    expect(new Set(probe.seen).size).to.equal(probe.seen.length);
  });

  it('takes the clip as clipId too, the name the other elements use (React/Angular bindings)', async () => {
    const { el, probe } = await mount(api());
    await el.loaded;
    el.clipId = 103;
    await el.updateComplete;
    await probe.updateComplete;
    expect(probe.session!.currentClipId).to.equal(103);
    expect(el.getAttribute('clip-id')).to.equal('103');
    el.setAttribute('clip-id', '101');
    await el.updateComplete;
    expect(el.clipId).to.equal(101);
  });

  it('selecting a comment selects it, shows its clip and asks for its frame, anew for the same comment', async () => {
    const { el, probe } = await mount(api());
    await el.loaded;
    await probe.updateComplete;
    const comment = createDemoFixture().comments[2]; // clip 101, frame 40
    emit(probe, 'review-comment-select', { comment });
    await el.updateComplete;
    await probe.updateComplete;
    expect(probe.navigation!.clipId).to.equal(101);
    expect(probe.navigation!.commentId).to.equal(comment.id);
    expect(probe.navigation!.wantedFrame).to.include({ clipId: 101, frame: 40 });
    expect(probe.session!.currentClipId).to.equal(101);
    const first = probe.navigation!.wantedFrame!.seq;
    emit(probe, 'review-comment-select', { comment });
    await probe.updateComplete;
    expect(probe.navigation!.wantedFrame!.seq).to.be.greaterThan(first);
    // Selecting on the same clip is navigation only: the session context (identity, rights) is not republished.
    const sessionAfterClip = probe.session;
    emit(probe, 'review-comment-select', { comment });
    await el.updateComplete;
    await probe.updateComplete;
    expect(probe.session).to.equal(sessionAfterClip);
  });

  it('a review-seek-request asks for the frame through the store; a cancelled one does not', async () => {
    const { el, probe } = await mount(api());
    await el.loaded;
    el.currentClipId = 102;
    emit(probe, 'review-seek-request', { frame: 12 }, { cancelable: true });
    await probe.updateComplete;
    expect(probe.navigation!.wantedFrame).to.include({ clipId: 102, frame: 12 });
    const seq = probe.navigation!.wantedFrame!.seq;
    probe.addEventListener('review-seek-request', (e) => e.preventDefault(), { once: true });
    emit(probe, 'review-seek-request', { frame: 30 }, { cancelable: true });
    await probe.updateComplete;
    expect(probe.navigation!.wantedFrame).to.include({ frame: 12, seq });
  });

  it('publishes the playhead from the player events', async () => {
    const { el, probe } = await mount(api(), '');
    el.currentClipId = 103;
    await el.updateComplete;
    emit(probe, 'review-ready', { frameCount: 120, fps: 29.97 });
    await probe.updateComplete;
    expect(probe.playhead).to.deep.equal({
      clipId: 103,
      frame: 0,
      frameCount: 120,
      frameRate: { num: 30000, den: 1001, dropFrame: true },
      timeFormat: 'frames',
      frameOffset: 0,
      timecodeStart: 0,
    });
    const before = probe.playhead;
    emit(probe, 'review-frame-change', { frame: 57 });
    await probe.updateComplete;
    expect(probe.playhead!.frame).to.equal(57);
    expect(before!.frame).to.equal(0);
    emit(probe, 'review-ready', { frameCount: 96, fps: 24, clipId: 101, frameOffset: 1001, timeFormat: 'timecode' });
    await probe.updateComplete;
    expect(probe.playhead).to.deep.include({ clipId: 101, frame: 0, frameOffset: 1001, timeFormat: 'timecode' });
    expect(probe.playhead!.frameRate).to.deep.equal({ num: 24, den: 1, dropFrame: false });
  });

  it('gives a new store registry when the api changes, and reloads', async () => {
    const { el, probe } = await mount(api(1));
    await el.loaded;
    await el.updateComplete;
    const stores = probe.session!.stores;
    let disposed = false;
    stores.get('x', () => ({ dispose: () => (disposed = true) }));
    el.api = api(3);
    await el.updateComplete;
    await el.loaded;
    await el.updateComplete;
    expect(disposed).to.be.true;
    expect(probe.session!.stores).to.not.equal(stores);
    expect(el.me!.user.name).to.equal('Alex Artist');
  });

  it('shows a clear error with Retry when loading fails, still rendering its content', async () => {
    const failing = api();
    failing.failNext('getMe', 'network');
    const { el, probe } = await mount(failing);
    await el.loaded;
    await el.updateComplete;
    expect(el.status).to.equal('error');
    expect(el.error!.code).to.equal('NETWORK');
    const box = el.shadowRoot!.querySelector('[part="error"]')!;
    expect(box.getAttribute('role')).to.equal('alert');
    expect(box.textContent).to.contain('cannot reach the review API');
    expect(probe.isConnected).to.be.true;
    expect(el.shadowRoot!.querySelector('slot')).to.exist;
    await expect(el).to.be.accessible();
    (el.shadowRoot!.querySelector('[part="retry"]') as HTMLButtonElement).click();
    await aTimeout(0);
    await el.loaded;
    await el.updateComplete;
    expect(el.status).to.equal('ready');
    expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
  });

  it('builds a RestReviewApi from its attributes and names the unreachable URL', async () => {
    const { el } = await mount(null, 'api-base="http://127.0.0.1:9/api" production-id="demo" token="t"');
    await el.loaded;
    await el.updateComplete;
    expect(el.status).to.equal('error');
    expect(el.error!.code).to.equal('NETWORK');
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain(
      'Cannot reach the review API at http://127.0.0.1:9/api/production/demo/',
    );
  });

  it('reports a configuration error for an api-base that is not a URL', async () => {
    const { el } = await mount(null, 'api-base="studio api" production-id="demo"');
    await el.updateComplete;
    expect(el.status).to.equal('error');
    expect(el.error!.code).to.equal('CONFIG');
    expect(el.shadowRoot!.querySelector('[part="error"]')!.textContent).to.contain('"studio api" is not a URL');
    expect(el.shadowRoot!.querySelector('[part="retry"]')).to.equal(null);
  });

  it('the api property wins over the attributes', async () => {
    const theApi = api(4);
    const el = await fixture<ReviewSession>(
      html`<review-session api-base="http://127.0.0.1:9/api" production-id="demo" .api=${theApi}></review-session>`,
    );
    await el.loaded;
    expect(el.activeApi).to.equal(theApi);
    expect(el.status).to.equal('ready');
    expect(el.me!.rights).to.deep.equal([]);
  });

  it("publishes the backend's capabilities, so that what it lacks can be left out", async () => {
    const coreOnly = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1, capabilities: { sharing: false, events: false } });
    const { el, probe } = await mount(coreOnly);
    await el.loaded;
    await waitUntil(() => probe.session?.status === 'ready');
    expect(probe.session!.capabilities).to.deep.equal({
      sharing: false,
      events: false,
      exports: true,
      versions: true,
      rooms: true,
      markers: true,
      open: true,
      attachments: true,
      notifications: true,
    });
    // The rights stay the user's: the host decides (the demo portal shows no share button here).
    expect(probe.session!.rights).to.include('SHARE_MANAGE');

    // A ReviewApi without getCapabilities does not say: null, and the page works as before.
    const silent = api(1);
    (silent as unknown as { getCapabilities?: unknown }).getCapabilities = undefined;
    el.api = silent;
    await waitUntil(() => probe.session?.api === silent && probe.session.status === 'ready');
    expect(probe.session!.capabilities).to.equal(null);
    expect(probe.session!.me!.user.name).to.equal('Pat Producer');
  });
});
