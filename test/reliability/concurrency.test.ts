/**
 * Concurrency in the UI (issue 10): two people (two sessions on `forUser` instances of one MemoryReviewApi,
 * live events on) edit the same comment. The first save wins; the second gets a 409 message, keeps
 * their text, sees the winner's version, and can save again deliberately. Nobody's edit is silently lost.
 */
import { expect, html } from '@open-wc/testing';
import '../../src/elements/comment-thread/define.js';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import type { ReviewCommentComposer } from '../../src/elements/comment-thread/comment-composer.js';
import { createDemoFixture } from '../../demo/fixture.js';
import { mountWithSession } from '../elements/review-playlist/harness.js';
import { typeInto, until } from './util.js';

const sr = (el: Element) => el.shadowRoot!;
const article = (el: Element, id: number) => sr(el).querySelector<HTMLElement>(`article[data-comment-id="${id}"]`);
const editor = (el: Element) => sr(el).querySelector<ReviewCommentComposer>('review-comment-composer.editor');
const field = (el: Element) => editor(el)!.shadowRoot!.querySelector('textarea')!;
const save = (el: Element) => editor(el)!.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();

async function thread(api: MemoryReviewApi) {
  const host = await mountWithSession(api, html`<comment-thread clip-id="101" style="display:block;height:1200px"></comment-thread>`);
  const el = host.querySelector('comment-thread')!;
  await until(() => article(el, 5003), 'comments shown');
  return el;
}

async function startEdit(el: Element, text: string) {
  article(el, 5003)!.querySelector<HTMLButtonElement>('.edit')!.click();
  await until(() => editor(el), 'editor open');
  await editor(el)!.updateComplete;
  typeInto(field(el), text);
  await editor(el)!.updateComplete;
}

describe('reliability: two people edit the same comment', () => {
  beforeEach(() => localStorage.clear());

  it('the first save wins; the second gets a 409 message, keeps the text, reloads and can save again', async () => {
    const pat = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 }); // owns 5003
    const sam = pat.forUser(2); // REVIEW_EDIT_ALL
    const patEl = await thread(pat);
    const samEl = await thread(sam);

    // Both open the editor on the same version.
    await startEdit(patEl, 'Pat: warmer grade from frame 40 on.');
    await startEdit(samEl, 'Sam: keep the grade, fix the matte.');

    // Sam saves first and wins.
    save(samEl);
    await until(
      async () => (await pat.searchComments({ mediaObjectId: 101 })).items.find((c) => c.id === 5003)!.description.startsWith('Sam:'),
      'Sam stored',
    );
    // Pat's page hears of it live, while Pat is still editing.
    await new Promise((r) => setTimeout(r, 50));

    // Pat saves: refused as stale, not silently written over Sam's text.
    save(patEl);
    await until(() => editor(patEl)?.shadowRoot!.querySelector('[part="message"]'), 'conflict message');
    const message = editor(patEl)!.shadowRoot!.querySelector('[part="message"]')!;
    expect(message.getAttribute('role')).to.equal('alert');
    expect(message.textContent).to.match(/someone else changed this comment/i);
    expect(field(patEl).value, 'Pat keeps the text').to.equal('Pat: warmer grade from frame 40 on.');
    expect(article(patEl, 5003)!.textContent, 'the winner’s version is shown').to.contain('Sam: keep the grade, fix the matte.');
    let stored = (await pat.searchComments({ mediaObjectId: 101 })).items.find((c) => c.id === 5003)!;
    expect(stored.description).to.equal('Sam: keep the grade, fix the matte.');

    // Pat saves again, deliberately replacing Sam's version.
    save(patEl);
    await until(
      async () => (await pat.searchComments({ mediaObjectId: 101 })).items.find((c) => c.id === 5003)!.description.startsWith('Pat:'),
      'Pat stored',
    );
    stored = (await pat.searchComments({ mediaObjectId: 101 })).items.find((c) => c.id === 5003)!;
    expect(stored.version).to.equal(3);
    await until(() => !editor(patEl) && article(patEl, 5003)!.textContent!.includes('Pat: warmer grade'), 'Pat sees the saved text');
    await until(() => article(samEl, 5003)!.textContent!.includes('Pat: warmer grade'), 'Sam sees it live');
  });
});
