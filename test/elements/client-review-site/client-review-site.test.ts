import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/client-review-site/define.js';
import type { ClientReviewSite } from '../../../src/elements/client-review-site/client-review-site.js';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import type { NewShare, Share } from '../../../src/contract/types.js';
import { memoryApi } from '../review-playlist/harness.js';
import { newComment } from '../../../src/contract/new-comment.js';

async function shared(input: NewShare = { password: 'sesame-42' }, plId = 301) {
  const studio = memoryApi();
  const share = await studio.createShare(plId, input);
  return { studio, share };
}

async function mount(studio: MemoryReviewApi, share: Share, opts: { preview?: boolean; studioApi?: MemoryReviewApi } = {}) {
  const el = await fixture<ClientReviewSite>(html`<client-review-site
    share-token=${share.token}
    ?preview=${!!opts.preview}
    .api=${studio.anonymous()}
    .studioApi=${opts.studioApi ?? null}
  ></client-review-site>`);
  await waitUntil(() => !el.shadowRoot!.textContent!.includes('Loading…'), 'public share loaded');
  return el;
}

const $ = <T extends Element = HTMLElement>(el: ClientReviewSite, sel: string) => el.shadowRoot!.querySelector<T>(sel);

async function enter(el: ClientReviewSite, fields: { password?: string; name?: string; email?: string }) {
  for (const [id, value] of Object.entries(fields)) {
    const input = $<HTMLInputElement>(el, `#${id}`)!;
    input.value = value ?? '';
  }
  $<HTMLButtonElement>(el, 'button[type="submit"]')!.click();
  await waitUntil(() => !$<HTMLButtonElement>(el, 'button[type="submit"]')?.disabled, 'request answered');
  await el.updateComplete;
}

const gateError = (el: ClientReviewSite) => $(el, '#gate-error')!.textContent!.trim();

describe('<client-review-site>', () => {
  beforeEach(() => sessionStorage.clear());

  it('shows the studio branding and a password gate', async () => {
    const { studio, share } = await shared();
    const el = await mount(studio, share);
    const logo = $<HTMLImageElement>(el, '[part="logo"]')!;
    expect(logo.getAttribute('src')).to.equal('/demo/media/studio-logo.png');
    expect(logo.alt).to.equal('Northlight Pictures');
    expect(el.style.getPropertyValue('--review-accent')).to.equal('#e4572e');
    expect($(el, '[part="branding"]')!.textContent).to.contain('Hyperspace Madness — client review 1');
    expect($(el, '#password')).to.exist;
    expect($(el, '#name')).to.exist;
    expect($(el, 'review-session')).to.equal(null);
  });

  it('refuses a wrong password clearly, then opens the review with the right one and remembers it', async () => {
    const { studio, share } = await shared();
    const el = await mount(studio, share);
    await enter(el, { password: 'wrong', name: 'Casey Client' });
    expect(gateError(el)).to.contain('password is not right');
    expect($(el, '#password')!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal($(el, '#password'));
    expect($(el, 'review-session')).to.equal(null);

    await enter(el, { password: 'sesame-42', name: 'Casey Client', email: 'casey@client.test' });
    await waitUntil(() => $(el, 'review-session'), 'site rendered');
    const session = $(el, 'review-session')!;
    expect(session.querySelector('review-player')).to.exist;
    expect(session.querySelector('review-clip-header')).to.exist;
    expect(session.querySelector('review-playlist')).to.exist;
    expect(session.querySelector('comment-thread')).to.exist;
    expect(session.getAttribute('clip-id')).to.equal('101');
    expect($(el, '[part="branding"]')!.textContent).to.contain('Reviewing as Casey Client');
    // The session's API is the client's: it sees the share's playlist only.
    const me = await el.sessionApi!.getMe();
    expect(me.user.kind).to.equal('client');
    expect(me.share!.playlistId).to.equal(301);
    expect(me.rights).to.include('REVIEW_EDIT');

    // A reload (a new element on the same link) does not ask again.
    el.remove();
    const again = await mount(studio, share);
    await waitUntil(() => $(again, 'review-session'), 'restored without the gate');
    expect($(again, '#password')).to.equal(null);
    // Signing out forgets it.
    [...again.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Sign out')!.click();
    await waitUntil(() => $(again, '#password'), 'gate again');
  });

  it('asks for a name so notes are attributed', async () => {
    const { studio, share } = await shared({ password: null, settings: { requirePassword: false } });
    const el = await mount(studio, share);
    expect($(el, '#password')).to.equal(null);
    await enter(el, { name: '  ' });
    expect(gateError(el)).to.contain('enter your name');
    await enter(el, { name: 'Casey' });
    await waitUntil(() => $(el, 'review-session'));
  });

  it('says to wait after too many wrong passwords (429)', async () => {
    const { studio, share } = await shared();
    const el = await mount(studio, share);
    for (let i = 0; i < 5; i++) await enter(el, { password: `wrong-${i}`, name: 'Mallory' });
    await enter(el, { password: 'sesame-42', name: 'Mallory' });
    expect(gateError(el)).to.contain('Too many wrong passwords');
    expect($(el, 'review-session')).to.equal(null);
  });

  it('a closed link (410) says whether the studio revoked it or it expired', async () => {
    const { studio, share } = await shared();
    await studio.deleteShare(share.id);
    const el = await mount(studio, share);
    expect($(el, '[part="notice"] h1')!.textContent).to.equal('The studio closed this link');
    expect($(el, '[part="notice"]')!.textContent).not.to.contain('expired');
    const past = await studio.createShare(301, { password: null, settings: { requirePassword: false }, expiresAt: '2020-01-01T00:00:00Z' });
    const el2 = await mount(studio, past);
    expect($(el2, '[part="notice"] h1')!.textContent).to.equal('This link has expired');
    expect($(el2, '[part="notice"]')!.textContent).to.contain('open for a set time');
    await expect(el2).to.be.accessible();
  });

  it('revoking while the client is in forgets the stored session', async () => {
    const { studio, share } = await shared({ password: null, settings: { requirePassword: false } });
    const el = await mount(studio, share);
    await enter(el, { name: 'Casey' });
    await waitUntil(() => $(el, 'review-session'));
    await studio.deleteShare(share.id);
    el.remove();
    const again = await mount(studio, share);
    expect($(again, '[part="notice"] h1')!.textContent).to.equal('The studio closed this link');
    expect(sessionStorage.length).to.equal(0);
  });

  it('hides comments, or makes them read-only, as the share says', async () => {
    const { studio, share } = await shared({
      password: null,
      settings: { requirePassword: false, commentsVisible: false, commentsCreate: false },
    });
    const el = await mount(studio, share);
    await enter(el, { name: 'Casey' });
    await waitUntil(() => $(el, 'review-session'));
    expect($(el, 'comment-thread')).to.equal(null);
    expect((await el.sessionApi!.getMe()).rights).to.not.include('REVIEW_EDIT');

    sessionStorage.clear();
    const ro = await studio.createShare(301, { password: null, settings: { requirePassword: false, commentsCreate: false } });
    const el2 = await mount(studio, ro);
    await enter(el2, { name: 'Casey' });
    await waitUntil(() => $(el2, 'review-session'));
    expect($(el2, 'comment-thread')).to.exist;
    expect($(el2, '.comments')!.textContent).to.contain('read-only');
    expect((await el2.sessionApi!.getMe()).rights).to.not.include('REVIEW_EDIT');
  });

  it('keeps the notes in view beside the picture on a wide page; on a phone the clips are a strip under it, then the notes', async () => {
    const { studio, share } = await shared({ password: null, settings: { requirePassword: false } });
    const el = await mount(studio, share);
    await enter(el, { name: 'Casey' });
    await waitUntil(() => $(el, 'comment-thread'));
    await waitUntil(() => $(el, 'review-playlist')?.shadowRoot?.querySelectorAll('li').length === 4, 'clips shown', { timeout: 5000 });
    const box = (sel: string) => $(el, sel)!.getBoundingClientRect();

    el.style.width = '1200px';
    await el.updateComplete;
    expect(box('.comments').left, 'notes to the right of the player').to.be.at.least(box('.stage').right);
    expect(box('.comments').top, 'notes level with the player').to.be.below(box('.stage').top + 40);
    expect(box('section.playlist').top, 'playlist under the player').to.be.at.least(box('.stage').bottom);
    // The list has room between the thread's filters and its composer.
    expect(box('comment-thread').height).to.be.at.least(360);

    el.style.width = '390px';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    expect(box('section.playlist').top, 'clips right under the player').to.be.at.least(box('.stage').bottom);
    expect(box('section.playlist').height, 'four clips in one swipeable row, not four rows').to.be.below(170);
    const items = [...$(el, 'review-playlist')!.shadowRoot!.querySelectorAll('li')].map((li) => li.getBoundingClientRect());
    expect(items[1].top, 'the second clip beside the first').to.be.closeTo(items[0].top, 1);
    expect(box('.comments').top, 'then the notes').to.be.at.least(box('section.playlist').bottom);
    // Tab order follows what a phone shows: picture, clips, notes.
    const sections = [...el.shadowRoot!.querySelectorAll('main > section')].map((s) => s.className);
    expect(sections).to.deep.equal(['stage', 'playlist', 'comments']);
    // One heading for the notes: the thread's own ("Comments"), none added by the page.
    expect(el.shadowRoot!.querySelectorAll('main h2')).to.have.length(0);
    // A note's time says what it is ("frame 12"), not a bare number.
    const frameButton = $(el, 'comment-thread')!.shadowRoot!.querySelector('[part="frame"]')!;
    expect(frameButton.textContent!.trim()).to.match(/^frame \d+$/);
  });

  it('an empty thread on a phone is as tall as what it shows, not a blank block', async () => {
    const { studio, share } = await shared({ password: null, settings: { requirePassword: false } });
    const notes = await studio.searchComments({ mediaObjectId: 101, limit: 1000 });
    await studio.deleteComments(notes.items.map((c) => c.id));
    const el = await mount(studio, share);
    el.style.width = '390px';
    await enter(el, { name: 'Casey' });
    await waitUntil(() => $(el, 'comment-thread')?.shadowRoot?.textContent?.includes('No comments'), 'empty thread', { timeout: 5000 });
    const thread = $(el, 'comment-thread')!;
    const shown = [...thread.shadowRoot!.querySelectorAll('[part="header"], [part~="empty"], .empty, review-comment-composer')];
    const contentBottom = Math.max(...shown.map((e) => e.getBoundingClientRect().bottom));
    expect(thread.getBoundingClientRect().bottom - contentBottom, 'blank space under the composer').to.be.below(40);
  });

  it('without notes, the playlist takes the side column of a wide page', async () => {
    const { studio, share } = await shared({ password: null, settings: { requirePassword: false, commentsVisible: false } });
    const el = await mount(studio, share);
    el.style.width = '1200px';
    await enter(el, { name: 'Casey' });
    await waitUntil(() => $(el, 'review-session'));
    const stage = $(el, '.stage')!.getBoundingClientRect();
    const playlist = $(el, 'section.playlist')!.getBoundingClientRect();
    expect(playlist.left).to.be.at.least(stage.right);
    expect(playlist.top).to.be.below(stage.top + 40);
  });

  it('preview: opens from the studio sign-in with no gate, shows what the client sees, and posts nothing as a client', async () => {
    const { studio, share } = await shared({ password: 'sesame-42', settings: { requirePassword: true } });
    await studio.createComment(newComment({ mediaObjectId: 101, start: 3, description: 'Studio only: check the matte', internal: true }));
    const el = await mount(studio, share, { preview: true, studioApi: studio });
    const bar = $(el, '[part="preview-bar"]')!;
    expect(bar.textContent).to.contain('Preview — this is exactly what your client will see');
    await waitUntil(() => $(el, 'review-session'), 'the review, with no gate', { timeout: 5000 });
    expect($(el, '#password'), 'no password asked').to.equal(null);
    expect($(el, '#name'), 'no name asked').to.equal(null);
    const me = await el.sessionApi!.getMe();
    expect(me.user.kind, 'the studio user, not a client').to.equal('studio');
    expect(me.share!.preview).to.equal(true);
    expect(me.rights, 'read-only').to.deep.equal([]);
    expect($(el, '[part="branding"]')!.textContent).to.match(/Previewing as \S/);
    expect($(el, '[part="branding"]')!.textContent).not.to.contain('Sign out');
    const thread = $(el, 'comment-thread')!;
    await waitUntil(() => thread.shadowRoot?.querySelector('[data-comment-id]'), 'notes shown', { timeout: 5000 });
    expect(thread.shadowRoot!.textContent, 'internal notes stay hidden, as from the client').not.to.contain('Studio only');
    expect(thread.shadowRoot!.querySelector('textarea'), 'no composer').to.equal(null);
    expect($(el, '[part="preview-note"]')!.textContent).to.contain(
      'Your client can write notes here. In Preview nothing is posted or changed.',
    );
    let refused = 0;
    await el
      .sessionApi!.createComment(newComment({ mediaObjectId: 101, start: 0, description: 'as a client?' }))
      .catch((e) => (refused = e.status));
    expect(refused).to.equal(403);
    expect(sessionStorage.length, 'nothing kept as a client session').to.equal(0);

    setTimeout(() => bar.querySelector('button')!.click());
    const event = await oneEvent(el, 'review-invite-request');
    expect(event.detail).to.deep.equal({ shareId: share.id, shareToken: share.token });
    const dialog = el.shadowRoot!.querySelector('share-dialog')!;
    // The dialog's forms load on demand when it opens: more than the default second on a busy machine.
    await waitUntil(() => dialog.open, 'share dialog opened', { timeout: 15000 });
    expect(dialog.getAttribute('share-id')).to.equal(String(share.id));
  });

  it('preview: a host may take over "Invite People" by cancelling the event', async () => {
    const { studio, share } = await shared({ password: null, settings: { requirePassword: false } });
    const el = await mount(studio, share, { preview: true, studioApi: studio });
    await waitUntil(() => $(el, 'share-dialog'), 'preview open', { timeout: 5000 });
    el.addEventListener('review-invite-request', (e) => e.preventDefault());
    await customElements.whenDefined('share-dialog');
    $(el, '[part="preview-bar"] button')!.click();
    await new Promise((r) => setTimeout(r, 100));
    expect(el.shadowRoot!.querySelector('share-dialog')!.open).to.equal(false);
  });

  it('preview without a studio sign-in asks to sign in to the portal, not for the client’s password', async () => {
    const { studio, share } = await shared();
    const signedOut = await mount(studio, share, { preview: true });
    expect($(signedOut, '[part="notice"] h1')!.textContent).to.equal('Sign in to the studio portal to preview this link');
    expect($(signedOut, '#password')).to.equal(null);
    $(signedOut, '[part="preview-bar"] button')!.click();
    await signedOut.updateComplete;
    expect($(signedOut, '[part="preview-message"]')!.textContent!.trim()).to.equal(
      'Invite people from the studio portal: this page is not signed in to the studio.',
    );
    await expect(signedOut).to.be.accessible();
    // A studio user without SHARE_MANAGE is refused the preview (the backend says why).
    signedOut.remove();
    const artist = await mount(studio, share, { preview: true, studioApi: studio.forUser(3) });
    expect($(artist, '[part="notice"]')!.textContent).to.contain('SHARE_MANAGE');
  });

  it('shows the theme the studio chose for clients, unless the page set one', async () => {
    const { studio, share } = await shared({ password: null, settings: { requirePassword: false } });
    await studio.patchOrgSettings([{ op: 'add', path: '/clientTheme', value: 'dark' }]);
    const el = await mount(studio, share);
    expect(el.getAttribute('theme')).to.equal('dark');
    const [r, g, b] = getComputedStyle(el).backgroundColor.match(/\d+/g)!.map(Number);
    expect(r + g + b, 'a dark page').to.be.below(150);
    await expect(el).to.be.accessible();

    const own = await fixture<ClientReviewSite>(
      html`<client-review-site theme="light" share-token=${share.token} .api=${studio.anonymous()}></client-review-site>`,
    );
    await waitUntil(() => $(own, '#name'), 'gate shown');
    expect(own.getAttribute('theme'), 'the page’s own choice wins').to.equal('light');
  });

  it('asks a name "so your notes are attributed" only where clients can write notes', async () => {
    const { studio, share } = await shared({ password: null, settings: { requirePassword: false, commentsCreate: false } });
    const el = await mount(studio, share);
    expect($(el, '[part="gate"]')!.textContent).to.contain('so the studio knows who reviewed');
    expect($(el, '[part="gate"]')!.textContent).not.to.contain('notes are attributed');
    const writable = await studio.createShare(301, { password: null, settings: { requirePassword: false } });
    const el2 = await mount(studio, writable);
    expect($(el2, '[part="gate"]')!.textContent).to.contain('so your notes are attributed to you');
  });

  it('the gate is accessible', async () => {
    const { studio, share } = await shared();
    const el = await mount(studio, share);
    await expect(el).to.be.accessible();
  });
});
