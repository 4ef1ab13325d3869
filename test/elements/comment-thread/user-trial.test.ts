/**
 * What a user trial of the demo found missing: a reason for read-only, error lines that stay in the
 * card, a sent note kept in view, and the state of the live connection.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { ClipAnnotation } from '../../../src/contract/types.js';
import { ReviewApiError } from '../../../src/contract/errors.js';
import { createBulkComments } from '../../../demo/fixture.js';
import type { ClientReviewSite } from '../../../src/elements/client-review-site/client-review-site.js';
import '../../../src/elements/client-review-site/define.js';
import { $, commentEl, mainComposer, mount, typeInto } from './helpers.js';

const send = (composer: HTMLElement) => (composer.shadowRoot!.querySelector('[part="submit"]') as HTMLButtonElement).click();

beforeEach(() => localStorage.clear()); // drafts and unsent comments of earlier tests

describe('<comment-thread>: user trial', () => {
  it('tells a viewer why there is no composer; a share client is not told about rights', async () => {
    const viewer = await mount({ userId: 4 });
    expect(mainComposer(viewer.el)).to.equal(null);
    const note = $(viewer.el, '[part="read-only"]')!;
    expect(note, 'a note where the composer would be').to.exist;
    // Worded for people: what they can do, and whom to ask; no right's code name.
    expect(note.textContent).to.contain('You can read notes here but not write them');
    expect(note.textContent).to.contain('Ask a production admin');
    expect(note.textContent).not.to.contain('REVIEW_EDIT');
    await expect(viewer.el).to.be.accessible();

    // A writer sees the composer, no note.
    const producer = await mount({ userId: 1 });
    expect($(producer.el, '[part="read-only"]')).to.equal(null);

    // A client on a link that does not allow notes: a sentence without the right's name.
    const share = await producer.api.createShare(301, { settings: { requirePassword: false, commentsCreate: false }, password: null });
    const { token } = await producer.api.anonymous().openShareSession(share.token, { name: 'Casey Client' });
    const client = await mount({ api: producer.api, token });
    expect(mainComposer(client.el)).to.equal(null);
    const clientNote = $(client.el, '[part="read-only"]')!;
    expect(clientNote.textContent).to.contain('You can read these comments');
    expect(client.el.shadowRoot!.textContent).to.not.contain('REVIEW_EDIT');
  });

  it('on a read-only share link the client reads it once: the site says it, the thread’s note is hidden', async () => {
    const studio = (await mount()).api;
    const share = await studio.createShare(301, { password: null, settings: { requirePassword: false, commentsCreate: false } });
    const site = await fixture<ClientReviewSite>(
      html`<client-review-site share-token=${share.token} .api=${studio.anonymous()}></client-review-site>`,
    );
    await waitUntil(() => site.shadowRoot!.querySelector('#name'), 'the gate asks a name');
    site.shadowRoot!.querySelector<HTMLInputElement>('#name')!.value = 'Casey';
    site.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(
      () => site.shadowRoot!.querySelector('comment-thread')?.shadowRoot?.querySelector('[part="read-only"]'),
      'thread loaded',
    );
    const thread = site.shadowRoot!.querySelector('comment-thread')!;
    expect(site.shadowRoot!.querySelector('.comments')!.textContent).to.contain('Notes are read-only on this link.');
    expect($(thread, '[part="read-only"]')!.checkVisibility(), 'no second message').to.be.false;
  });

  it('says "the server could not be reached" for a network failure, wrapped inside the card', async () => {
    const url = `http://localhost:18432/api/production/demo/mo/101/clip/${'a'.repeat(120)}`;
    const m = await mount();
    m.el.style.width = '390px';
    m.api.failNext('createComment', new ReviewApiError(0, 'NETWORK', `Cannot reach the review API at ${url}: Failed to fetch`));
    const composer = mainComposer(m.el)!;
    await typeInto(composer, 'Can you hear me?');
    send(composer);
    await waitUntil(() => $(m.el, '[part~="comment-failed"] [role="alert"]'), 'failed shown');
    const failed = $(m.el, '[part~="comment-failed"]')!;
    const line = failed.querySelector<HTMLElement>('[role="alert"] .grow')!;
    expect(line.textContent).to.contain('Not sent: the server could not be reached.');
    expect(line.textContent).to.not.contain('http://');
    expect(line.title, 'the technical message stays available as a tooltip').to.contain(url);
    const card = failed.getBoundingClientRect().right;
    const range = document.createRange();
    range.selectNodeContents(line);
    expect(range.getBoundingClientRect().right, 'the text ends inside the card').to.be.at.most(card);
  });

  it('wraps a long technical reason (no network words to replace) inside the card', async () => {
    const m = await mount();
    m.el.style.width = '390px';
    m.api.failNext('createComment', new ReviewApiError(500, 'SERVER_ERROR', `Failed at http://localhost:18432/${'b'.repeat(200)}`));
    const composer = mainComposer(m.el)!;
    await typeInto(composer, 'Long error');
    send(composer);
    await waitUntil(() => $(m.el, '[part~="comment-failed"] [role="alert"]'), 'failed shown');
    const failed = $(m.el, '[part~="comment-failed"]')!;
    const line = failed.querySelector<HTMLElement>('[role="alert"] .grow')!;
    expect(line.textContent).to.contain('bbbb');
    const range = document.createRange();
    range.selectNodeContents(line);
    expect(range.getBoundingClientRect().right, 'the text ends inside the card').to.be.at.most(failed.getBoundingClientRect().right);
  });

  it('brings a just-sent comment at a later frame into view, focus staying in the composer', async function () {
    this.timeout(30_000);
    // 300 earlier notes at frames 0–29: sorted by frame, a note at frame 80 goes to the end of the list.
    // Each its own thread (no replies), so the list holds 300 + the fixture's 3 threads.
    const many: ClipAnnotation[] = createBulkComments(300).map((c, i) => ({
      ...c,
      start: i % 30,
      end: (i % 30) + 1,
      relatedToId: null,
      threadGroupId: c.id,
    }));
    const m = await mount({ comments: many });
    await waitUntil(() => m.el.threads.length === 303, 'all loaded', { timeout: 15000 });
    m.el.dispatchEvent(new CustomEvent('review-frame-change', { detail: { frame: 80 }, bubbles: true, composed: true }));
    const hold = m.api.holdNext('createComment');
    const composer = mainComposer(m.el)!;
    await typeInto(composer, 'Late frame note');
    send(composer);
    const scroller = $(m.el, '.scroll')!;
    const onScreen = () => {
      const article = [...m.el.shadowRoot!.querySelectorAll('article')].find((a) => a.textContent!.includes('Late frame note'));
      if (!article) return false;
      const r = article.getBoundingClientRect();
      const view = scroller.getBoundingClientRect();
      return r.height > 0 && r.top >= view.top - 1 && r.bottom <= view.bottom + 1;
    };
    await waitUntil(onScreen, 'the sending note is on screen');
    const article = [...m.el.shadowRoot!.querySelectorAll('article')].find((a) => a.textContent!.includes('Late frame note'))!;
    expect(article.textContent).to.contain('Sending…');
    expect(m.el.shadowRoot!.activeElement, 'focus stays in the composer').to.equal(composer);
    hold.release();
    await waitUntil(() => !article.isConnected || !article.textContent!.includes('Sending…'), 'saved');
    expect(commentEl(m.el, 200_000)).to.equal(null); // the top of the list scrolled away
  });

  it('shows Live, then "Offline — reconnecting…" while the stream is down, then Live again', async () => {
    const m = await mount();
    const status = $(m.el, '[part="header"] [role="status"]')!;
    await waitUntil(() => status.textContent!.includes('Live'), 'Live');
    m.api.backend.setStreamConnected(false);
    await waitUntil(() => status.textContent!.includes('reconnecting'), 'reconnecting shown');
    expect(status.textContent).to.not.contain('Live');
    expect($(m.el, '.live')).to.equal(null);
    await expect(m.el).to.be.accessible();
    m.api.backend.setStreamConnected(true);
    await waitUntil(() => $(m.el, '.live'), 'Live again');
    expect(status.textContent).to.not.contain('reconnecting');
  });

  it('says nothing about reconnecting for a list that was never live', async () => {
    const m = await mount({ prepare: (api) => api.failNext('searchComments', 500) });
    expect($(m.el, '[part="header"] [role="status"]')!.textContent!.trim()).to.equal('');
  });
});
