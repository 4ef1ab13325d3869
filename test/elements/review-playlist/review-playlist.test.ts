import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/review-playlist/define.js';
import type { ReviewPlaylist } from '../../../src/elements/review-playlist/review-playlist.js';
import type { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import { memoryApi, mountWithSession } from './harness.js';

async function mount(api: MemoryReviewApi, playlistId: number | null = 301) {
  const host = await mountWithSession(
    api,
    playlistId === null ? html`<review-playlist></review-playlist>` : html`<review-playlist playlist-id=${playlistId}></review-playlist>`,
  );
  const el = host.querySelector('review-playlist')!;
  await waitUntil(() => items(el).length > 0, 'clips rendered');
  return { host, el };
}

const items = (el: ReviewPlaylist) => [...el.shadowRoot!.querySelectorAll<HTMLLIElement>('li[part="item"]')];
const names = (el: ReviewPlaylist) => items(el).map((li) => li.querySelector('.name')!.textContent!.trim());
const ids = (el: ReviewPlaylist) => items(el).map((li) => Number(li.dataset.clipId));
const handle = (el: ReviewPlaylist, id: number) => el.shadowRoot!.querySelector<HTMLButtonElement>(`li[data-clip-id="${id}"] .handle`)!;
const live = (el: ReviewPlaylist) => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();

describe('<review-playlist>', () => {
  it('lists the clips in order with the client version name, reason for review and thumbnail', async () => {
    const { el } = await mount(memoryApi());
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Hyperspace Madness — client review 1');
    expect(names(el)).to.deep.equal(['Hyperspace jump — v12', 'Hangar lighting — v4', 'Pilot reaction — v7', 'Key art — v2']);
    const first = items(el)[0];
    expect(first.querySelector('.reason')!.textContent).to.equal('Ship edge fix and new star field.');
    // The studio also sees the internal name under the client one.
    expect(first.querySelector('.internal')!.textContent).to.equal('hm_010_0040_comp_v012');
    const img = first.querySelector('img')!;
    expect(img.getAttribute('src')).to.equal('/demo/media/hm_010_0040_24fps-thumb.jpg');
    expect(img.getAttribute('alt')).to.equal('');
  });

  it('selecting a clip fires review-clip-select and marks it current', async () => {
    const { el } = await mount(memoryApi());
    const button = items(el)[2].querySelector<HTMLButtonElement>('.select')!;
    setTimeout(() => button.click());
    const event = await oneEvent(el, 'review-clip-select');
    expect(event.detail).to.deep.equal({ clipId: 103 });
    expect(event.bubbles && event.composed).to.equal(true);
    await waitUntil(() => items(el)[2].getAttribute('aria-current') === 'true');
    expect(items(el)[0].getAttribute('aria-current')).to.equal('false');
  });

  it('reorders with the keyboard: Space picks up, arrows move, Space drops; saved as a JSON Patch move', async () => {
    const api = memoryApi();
    const { el } = await mount(api);
    handle(el, 101).focus();
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(handle(el, 101).getAttribute('aria-pressed')).to.equal('true');
    expect(live(el)).to.contain('picked up at position 1 of 4');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(ids(el)).to.deep.equal([102, 103, 101, 104]);
    expect(live(el)).to.contain('moved to position 3 of 4');
    // Focus stays on the moved handle, so the next arrow keeps moving the same clip.
    expect(el.shadowRoot!.activeElement).to.equal(handle(el, 101));
    // Nothing saved while the item is still held.
    expect((await api.getPlaylist(301)).clipIds).to.deep.equal([101, 102, 103, 104]);
    await sendKeys({ press: 'Space' });
    await waitUntil(async () => (await api.getPlaylist(301)).clipIds[2] === 101, 'order saved');
    expect((await api.getPlaylist(301)).clipIds).to.deep.equal([102, 103, 101, 104]);
    expect(live(el)).to.contain('dropped at position 3 of 4');
  });

  it('Escape cancels a keyboard move and saves nothing', async () => {
    const api = memoryApi();
    const { el } = await mount(api);
    handle(el, 103).focus();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    await el.updateComplete;
    expect(ids(el)).to.deep.equal([103, 101, 102, 104]);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(ids(el)).to.deep.equal([101, 102, 103, 104]);
    expect(live(el)).to.contain('cancelled');
    expect((await api.getPlaylist(301)).clipIds).to.deep.equal([101, 102, 103, 104]);
  });

  it('rolls the order back and says so when the server refuses the move', async () => {
    const api = memoryApi();
    const { el } = await mount(api);
    api.failNext('patchPlaylist', 500);
    await el.moveClip(104, 0);
    await el.updateComplete;
    expect(ids(el)).to.deep.equal([101, 102, 103, 104]);
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Could not save the new order');
  });

  it('reorders by drag and drop', async () => {
    const api = memoryApi();
    const { el } = await mount(api);
    const [first, , third] = items(el);
    const dt = new DataTransfer();
    first.dispatchEvent(new DragEvent('dragstart', { dataTransfer: dt, bubbles: true }));
    const rect = third.getBoundingClientRect();
    // Over the lower half of the third row: drop after it.
    third.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true, clientY: rect.bottom - 2 }));
    await el.updateComplete;
    // What the user sees while dragging: the dragged clip faded and outlined in its place, and a thick bar
    // under the third row where it will land.
    const dragged = getComputedStyle(first);
    await waitUntil(() => Number(dragged.opacity) < 0.6, 'the dragged clip is marked');
    expect(dragged.outlineStyle).to.equal('dashed');
    const bar = getComputedStyle(third, '::after');
    expect(bar.content, 'a drop bar after the third row').to.not.equal('none');
    expect(parseFloat(bar.height), 'a bar, not a hairline').to.be.at.least(8);
    expect(getComputedStyle(items(el)[1], '::after').content, 'only there').to.equal('none');
    third.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true, clientY: rect.bottom - 2 }));
    await waitUntil(async () => (await api.getPlaylist(301)).clipIds[2] === 101, 'order saved');
    expect(ids(el)).to.deep.equal([102, 103, 101, 104]);
    expect(Number(getComputedStyle(items(el)[2]).opacity), 'no longer marked once dropped').to.equal(1);
  });

  it('bulk-edits the reason for review of the checked clips', async () => {
    const api = memoryApi();
    const { el } = await mount(api);
    const boxes = items(el).map((li) => li.querySelector<HTMLInputElement>('input[type="checkbox"]')!);
    boxes[0].click();
    boxes[3].click();
    await el.updateComplete;
    const submit = el.shadowRoot!.querySelector<HTMLButtonElement>('.bulk button')!;
    expect(submit.textContent!.trim()).to.equal('Apply to 2 clips');
    const textarea = el.shadowRoot!.querySelector<HTMLTextAreaElement>('.bulk textarea')!;
    textarea.value = 'Final check before delivery';
    textarea.dispatchEvent(new Event('input'));
    submit.click();
    await waitUntil(() => items(el)[0].querySelector('.reason')!.textContent === 'Final check before delivery');
    expect(items(el)[3].querySelector('.reason')!.textContent).to.equal('Final check before delivery');
    expect(items(el)[1].querySelector('.reason')!.textContent).to.equal('Warmer key light on the hull, as discussed.');
    expect((await api.getClip(104)).reasonForReview).to.equal('Final check before delivery');
    expect((await api.getClip(102)).reasonForReview).to.equal('Warmer key light on the hull, as discussed.');
  });

  it('shows the bulk editor only once clips are ticked, and keeps names readable in a narrow side column', async () => {
    const { el } = await mount(memoryApi());
    expect(el.shadowRoot!.querySelector('.bulk'), 'no editor before a clip is ticked').to.equal(null);
    expect(el.shadowRoot!.textContent).to.contain('Tick clips to edit their reason for review together.');
    items(el)[1].querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.bulk button')!.textContent!.trim()).to.equal('Apply to 1 clip');

    // A portal's 250 px column: the thumbnail goes above the name, which gets the row's width (not ~60 px).
    el.style.width = '250px';
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const name = items(el)[0].querySelector('.name')!;
    expect(name.getBoundingClientRect().width).to.be.at.least(140);
    expect(name.getAttribute('title')).to.equal(name.textContent);
    for (const li of items(el)) {
      const row = li.getBoundingClientRect();
      for (const part of li.querySelectorAll('.thumb, .name, .handle, input')) {
        const box = part.getBoundingClientRect();
        expect(box.right, 'nothing spills out of its row').to.be.at.most(row.right + 0.5);
      }
    }
  });

  it('catches up on changes made while the events stream was down, keeping the checked clips', async () => {
    const api = memoryApi();
    const { el } = await mount(api);
    items(el)[1].querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    api.backend.setStreamConnected(false);
    const elsewhere = api.forUser(1);
    await elsewhere.patchPlaylist(301, [{ op: 'move', from: '/clipIds/0', path: '/clipIds/3' }]);
    await elsewhere.updateClip(103, { reasonForReview: 'Retimed the head turn.' });
    await new Promise((r) => setTimeout(r, 20));
    expect(ids(el), 'nothing pushed while down').to.deep.equal([101, 102, 103, 104]);

    api.backend.setStreamConnected(true);
    await waitUntil(() => ids(el)[3] === 101, 'the new order after reconnecting');
    expect(ids(el)).to.deep.equal([102, 103, 104, 101]);
    expect(items(el)[1].querySelector('.reason')!.textContent).to.equal('Retimed the head turn.');
    const checked = items(el).filter((li) => li.querySelector<HTMLInputElement>('input[type="checkbox"]')!.checked);
    expect(
      checked.map((li) => Number(li.dataset.clipId)),
      'the checked clip stays checked',
    ).to.deep.equal([102]);
  });

  it('is read-only without SHARE_MANAGE: no handles, no bulk edit, selection still works', async () => {
    const { el } = await mount(memoryApi(3));
    expect(el.editable).to.equal(false);
    expect(el.shadowRoot!.querySelector('.handle')).to.equal(null);
    expect(el.shadowRoot!.querySelector('input[type="checkbox"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.bulk')).to.equal(null);
    expect(items(el)[0].getAttribute('draggable')).to.equal('false');
    setTimeout(() => items(el)[1].querySelector<HTMLButtonElement>('.select')!.click());
    expect((await oneEvent(el, 'review-clip-select')).detail.clipId).to.equal(102);
  });

  it('read-only and wide, the clips form a grid; narrow, or reorderable, one column', async () => {
    const { el } = await mount(memoryApi(3));
    const tops = () => new Set(items(el).map((li) => Math.round(li.getBoundingClientRect().top))).size;
    el.style.cssText = 'display:block;width:960px';
    await el.updateComplete;
    expect(tops(), 'four clips on fewer rows').to.be.below(4);
    el.style.cssText = 'display:block;width:320px';
    await el.updateComplete;
    expect(tops(), 'one clip per row').to.equal(4);

    const studio = await mount(memoryApi());
    studio.el.style.cssText = 'display:block;width:960px';
    await studio.el.updateComplete;
    expect(new Set(items(studio.el).map((li) => Math.round(li.getBoundingClientRect().top))).size, 'reorderable rows').to.equal(4);
  });

  it('in a client session shows the share’s playlist without playlist-id, read-only', async () => {
    const studio = memoryApi();
    const share = await studio.createShare(302, { password: null, settings: { requirePassword: false } });
    const session = await studio.anonymous().openShareSession(share.token, { name: 'Casey' });
    const client = studio.withToken(session.token);
    const { el } = await mount(client, null);
    expect(ids(el)).to.deep.equal([102, 103]);
    expect(el.shadowRoot!.querySelector('.handle')).to.equal(null);
    expect(el.shadowRoot!.querySelector('.internal')).to.equal(null);
  });

  it('is accessible (studio and read-only)', async () => {
    const { el } = await mount(memoryApi());
    await expect(el).to.be.accessible();
    const { el: ro } = await mount(memoryApi(3));
    await expect(ro).to.be.accessible();
  });
});
