/**
 * Files on notes in <comment-thread> (issue 25, docs/http-api.md "Attachments"): attach from the composer
 * (button, paste, drop), refused files said in words, thumbnails under the note, the viewer, delete.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { CommentThread } from '../../../src/elements/comment-thread/comment-thread.js';
import type { ReviewCommentComposer } from '../../../src/elements/comment-thread/comment-composer.js';
import { $, $$, buttonByText, commentEl, mainComposer, mount, typeInto } from './helpers.js';

beforeEach(() => localStorage.clear());

/** A PNG of `w`×`h` drawn by the browser. */
async function png(name: string, w = 64, h = 48, colour = '#c33'): Promise<File> {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = colour;
  ctx.fillRect(0, 0, w, h);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/png'));
  return new File([blob], name, { type: 'image/png' });
}

function pick(composer: ReviewCommentComposer, files: File[]): void {
  const input = composer.shadowRoot!.querySelector<HTMLInputElement>('input[type="file"]')!;
  const dt = new DataTransfer();
  for (const f of files) dt.items.add(f);
  input.files = dt.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const chips = (composer: ReviewCommentComposer) =>
  [...composer.shadowRoot!.querySelectorAll('.attachment.file .file-name')].map((c) => c.textContent!.trim());

const thumbnails = (el: CommentThread, id: number) =>
  [...(commentEl(el, id)?.querySelectorAll<HTMLImageElement>('[part~="files"] img') ?? [])].map((i) => i.alt);

async function composer(el: CommentThread): Promise<ReviewCommentComposer> {
  await waitUntil(() => mainComposer(el)?.shadowRoot?.querySelector('[part="attach-button"]'), 'the composer offers Attach file', {
    timeout: 15000,
  });
  return mainComposer(el)!;
}

describe('<comment-thread>: attachments', () => {
  it('composing a note with a picture: Attach file, sent, uploaded to the saved note, its thumbnail under it', async () => {
    const { el, api, callsOf } = await mount();
    const c = await composer(el);
    await typeInto(c, 'Match this reference');
    pick(c, [await png('reference.png')]);
    await c.updateComplete;
    expect(chips(c)).to.deep.equal(['reference.png']);
    buttonByText(c.shadowRoot!, 'Send')!.click();
    await waitUntil(() => callsOf('uploadAttachment').length === 1, 'uploaded', { timeout: 15000 });
    const saved = api.backend.comments.find((x) => x.description === 'Match this reference')!;
    expect(api.backend.attachments.map((a) => [a.commentId, a.name, a.mimeType])).to.deep.equal([[saved.id, 'reference.png', 'image/png']]);
    await waitUntil(() => thumbnails(el, saved.id).length === 1, 'thumbnail shown', { timeout: 15000 });
    expect(thumbnails(el, saved.id)).to.deep.equal(['reference.png']);
    const img = commentEl(el, saved.id)!.querySelector<HTMLImageElement>('[part~="files"] img')!;
    await waitUntil(() => img.complete && img.naturalWidth === 64, 'the picture loads', { timeout: 15000 });
    expect(chips(c), 'the composer is empty again').to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('a pasted or dropped image is attached; a wrong or too big file is refused at once, in words', async () => {
    const { el } = await mount();
    const c = await composer(el);
    const ta = c.shadowRoot!.querySelector('textarea')!;
    const pasted = new DataTransfer();
    pasted.items.add(await png('pasted.png'));
    ta.dispatchEvent(new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true }));
    const dropped = new DataTransfer();
    dropped.items.add(await png('dropped.png'));
    c.shadowRoot!.querySelector('form')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
    await c.updateComplete;
    expect(chips(c)).to.deep.equal(['pasted.png', 'dropped.png']);

    pick(c, [
      new File(['<html><script>alert(1)</script>'], 'page.html', { type: 'text/html' }),
      new File([new Uint8Array(10_000_001)], 'huge.png', { type: 'image/png' }),
    ]);
    await c.updateComplete;
    const problem = c.shadowRoot!.querySelector('.file-problem')!;
    expect(problem.getAttribute('role')).to.equal('alert');
    expect(problem.textContent).to.contain('“page.html” cannot be attached: attach a PNG, JPEG, WebP or GIF image, or a PDF.');
    expect(problem.textContent).to.contain('“huge.png” is 10 MB; a file may be up to 10 MB.');
    expect(chips(c), 'neither was added').to.deep.equal(['pasted.png', 'dropped.png']);
  });

  it('a file whose content is not a picture is refused by the backend, said under the note', async () => {
    const { el, api } = await mount();
    const c = await composer(el);
    await typeInto(c, 'Disguised');
    // Declared as a PNG, an HTML page inside: only the content tells.
    pick(c, [new File(['<!doctype html><p>hi'], 'cat.png', { type: 'image/png' })]);
    buttonByText(c.shadowRoot!, 'Send')!.click();
    let id = 0;
    await waitUntil(() => (id = api.backend.comments.find((x) => x.description === 'Disguised')?.id ?? 0), 'saved', { timeout: 15000 });
    await waitUntil(() => commentEl(el, id)?.querySelector('[part~="upload"][role="alert"]'), 'the refusal shown', { timeout: 15000 });
    expect(commentEl(el, id)!.querySelector('[part~="upload"]')!.textContent).to.contain(
      'cat.png not attached: it is not a PNG, JPEG, WebP or GIF image, or a PDF',
    );
    expect(api.backend.attachments).to.have.length(0);
  });

  it('the viewer: a click opens the picture in a dialog, the arrows go to the next, Esc closes and gives the focus back', async () => {
    const base = (await mount()).api;
    await base.uploadAttachment(5001, await png('first.png', 80, 40, '#c33'), 'first.png');
    await base.uploadAttachment(5001, await png('second.png', 40, 80, '#3c3'), 'second.png');
    const { el } = await mount({ api: base });
    await waitUntil(() => thumbnails(el, 5001).length === 2, 'thumbnails', { timeout: 15000 });
    const open = commentEl(el, 5001)!.querySelector<HTMLButtonElement>('[part~="file"]')!;
    expect(open.getAttribute('aria-label')).to.equal('Open first.png');
    open.focus();
    open.click();
    await waitUntil(() => $<HTMLDialogElement>(el, 'dialog.viewer')?.open, 'the viewer opens');
    const dialog = $<HTMLDialogElement>(el, 'dialog.viewer')!;
    const image = () => dialog.querySelector<HTMLImageElement>('.viewer-image')!;
    expect(image().alt).to.equal('first.png');
    expect(dialog.textContent).to.contain('1 of 2');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => image().alt === 'second.png', 'the next picture');
    expect(dialog.textContent).to.contain('2 of 2');
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => image().alt === 'first.png', 'round to the first');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !$(el, 'dialog.viewer'), 'the viewer closes');
    expect(el.shadowRoot!.activeElement).to.equal(open);
  });

  it('delete asks first, then the file is gone from the note and the backend', async () => {
    const api = (await mount()).api;
    await api.uploadAttachment(5001, await png('old.png'), 'old.png');
    const { el } = await mount({ api });
    await waitUntil(() => thumbnails(el, 5001).length === 1, 'thumbnail', { timeout: 15000 });
    commentEl(el, 5001)!.querySelector<HTMLButtonElement>('.file-delete')!.click();
    await el.updateComplete;
    const confirm = commentEl(el, 5001)!.querySelector('[part~="files"] [part~="confirm"]')!;
    expect(confirm.textContent).to.contain('Delete old.png?');
    buttonByText(confirm as HTMLElement, 'Cancel')!.click();
    await el.updateComplete;
    expect(thumbnails(el, 5001)).to.deep.equal(['old.png']);
    commentEl(el, 5001)!.querySelector<HTMLButtonElement>('.file-delete')!.click();
    await el.updateComplete;
    commentEl(el, 5001)!.querySelector<HTMLButtonElement>('.confirm-file-delete')!.click();
    await waitUntil(() => thumbnails(el, 5001).length === 0, 'gone', { timeout: 15000 });
    expect(api.backend.attachments).to.have.length(0);
  });

  it('a reader who may not edit the note sees its files but no delete, and no attach button', async () => {
    const base = (await mount()).api;
    await base.uploadAttachment(5001, await png('shared.png'), 'shared.png');
    const { el } = await mount({ api: base, userId: 4 });
    await waitUntil(() => thumbnails(el, 5001).length === 1, 'thumbnail', { timeout: 15000 });
    expect(commentEl(el, 5001)!.querySelector('.file-delete')).to.equal(null);
    expect($$(el, 'review-comment-composer')).to.have.length(0);
  });
});

describe('<comment-thread>: attachments, live', () => {
  it('a file another user attaches or deletes shows or goes without a reload', async () => {
    const { el, api } = await mount();
    // Sam Supervisor, on the same backend, attaches to his own note 5001 and deletes it again.
    const { MemoryReviewApi } = await import('../../../src/backend/memory-review-api.js');
    const sam = new MemoryReviewApi({ backend: api.backend, userId: 2 });
    const a = await sam.uploadAttachment(5001, await png('from-sam.png'), 'from-sam.png');
    await waitUntil(() => thumbnails(el, 5001).includes('from-sam.png'), 'shown live', { timeout: 15000 });
    await sam.deleteAttachment(a.id);
    await waitUntil(() => thumbnails(el, 5001).length === 0, 'gone live', { timeout: 15000 });
  });
});
