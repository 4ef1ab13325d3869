import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/review-session/define.js';
import '../../../src/elements/comment-thread/define.js';
import '../../../src/elements/review-annotation-layer/define.js';
import type { ReviewSession } from '../../../src/elements/review-session/review-session.js';
import type { CommentThread } from '../../../src/elements/comment-thread/comment-thread.js';
import type { ReviewAnnotationLayer } from '../../../src/elements/review-annotation-layer/review-annotation-layer.js';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../../demo/fixture.js';
import './picture-host.js';
import { emit } from '../../../src/events.js';

/** waitUntil with a timeout fit for a busy machine (wtr runs two files at once on two shared cores). */
const until = (predicate: () => unknown, message = '') => waitUntil(predicate, message, { timeout: 15000 });

/**
 * The loop on the demo production (clip 101). A stand-in stands for the player (its overlay slot is tested
 * in player.test.ts): it shows frames as the player does, which the session and the layer follow.
 */
async function mount() {
  const api = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
  const session = await fixture<ReviewSession>(html`<review-session .api=${api} clip-id="101">
    <test-picture-host class="player" style="display:block;position:relative;width:640px;height:360px;background:#000">
      <review-annotation-layer .frameRect=${{ left: 0, top: 0, width: 640, height: 360 }}></review-annotation-layer>
    </test-picture-host>
    <comment-thread style="height:500px"></comment-thread>
  </review-session>`);
  const box = session.querySelector('test-picture-host')!;
  const player = {
    async seekToFrame(frame: number) {
      box.showFrame(frame);
    },
  };
  emit(box, 'review-ready', { frameCount: 96, fps: 24, clipId: 101 });
  const layer = session.querySelector('review-annotation-layer') as ReviewAnnotationLayer;
  const thread = session.querySelector('comment-thread') as CommentThread;
  // The frame rect is given, not measured: a page wtr runs in the background gets no ResizeObserver calls.
  await layer.updateComplete;
  await until(() => thread.shadowRoot?.querySelector('review-comment-composer[mode="new"]'), 'composer shown');
  const composer = thread.shadowRoot!.querySelector('review-comment-composer[mode="new"]') as HTMLElement & {
    updateComplete: Promise<boolean>;
  };
  return { api, session, player, layer, thread, composer };
}

function pointer(layer: ReviewAnnotationLayer, type: string, u: number, v: number): void {
  const surface = layer.shadowRoot!.querySelector<HTMLElement>('.surface')!;
  const r = surface.getBoundingClientRect();
  surface.dispatchEvent(
    new PointerEvent(type, {
      clientX: r.left + u * r.width,
      clientY: r.top + v * r.height,
      pointerId: 9,
      pointerType: 'pen',
      bubbles: true,
      composed: true,
    }),
  );
}

describe('<review-annotation-layer> with <comment-thread>', function () {
  this.timeout(90000);

  it('attaches the drawing to the comment being composed, stores it on the frame and shows it there', async () => {
    const { api, session, player, layer, thread, composer } = await mount();
    await player.seekToFrame(30);
    await until(() => layer.frame === 30);
    layer.tool = 'rect';
    layer.color = '#ff0000';
    await layer.updateComplete;
    pointer(layer, 'pointerdown', 0.2, 0.2);
    pointer(layer, 'pointermove', 0.5, 0.5);
    pointer(layer, 'pointerup', 0.6, 0.6);
    await until(() => composer.shadowRoot!.textContent!.includes('Drawing attached (1 shape)'), 'composer has the drawing');
    expect(session.store.draft.state.drawing, 'through the session store').to.deep.equal(layer.drawing);

    const textarea = composer.shadowRoot!.querySelector('textarea')!;
    textarea.value = 'Box this area';
    textarea.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await composer.updateComplete;
    const created = oneEvent(thread, 'review-comment-created');
    composer.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    const { comment } = (await created).detail;

    expect(comment.start).to.equal(30);
    expect(comment.customFields.drawing).to.deep.equal({
      shapes: [
        {
          type: 'rect',
          color: '#ff0000',
          width: 4,
          points: [
            [0.2, 0.2],
            [0.6, 0.6],
          ],
        },
      ],
    });
    const stored = (await api.searchComments({ mediaObjectId: 101 })).items.find((c) => c.id === comment.id)!;
    expect(stored.customFields.drawing).to.deep.equal(comment.customFields.drawing);
    // The layer starts a new drawing and shows the posted one as the comment's, at its frame.
    await until(() => layer.shapes.length === 0, 'composed drawing cleared');
    expect(session.store.draft.state.drawing, 'the draft dropped it').to.equal(null);
    await until(() => layer.visibleDrawings().some((d) => d.comment.id === comment.id), 'shown as the comment drawing');
    await player.seekToFrame(31);
    await until(() => layer.frame === 31);
    expect(layer.visibleDrawings().some((d) => d.comment.id === comment.id)).to.be.false;
  });

  it('places the comment spot with a click on the picture when the composer asks for it', async () => {
    const { layer, composer } = await mount();
    const addSpot = [...composer.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Add spot')!;
    addSpot.click();
    await layer.updateComplete;
    pointer(layer, 'pointerdown', 0.25, 0.75);
    await until(() => composer.shadowRoot!.textContent!.includes('Spot at 25 %, 75 %'), 'spot attached');
    expect(layer.shapes, 'a spot click draws nothing').to.have.length(0);
  });
});
