import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/review-player/define.js';
import '../../../src/elements/review-annotation-layer/define.js';
import type { ReviewPlayer } from '../../../src/elements/review-player/review-player.js';
import type { ReviewAnnotationLayer } from '../../../src/elements/review-annotation-layer/review-annotation-layer.js';
import type { ClipAnnotation } from '../../../src/contract/types.js';

/** waitUntil with a timeout fit for a busy machine (wtr runs two files at once on two shared cores). */
const until = (predicate: () => unknown, message = '') => waitUntil(predicate, message, { timeout: 15000 });

/** The 24 fps test clip: 320×180, every frame shows its number as bars (see scripts/make-test-media.sh). */
const SRC = '/test/media/bars-24.mp4';

async function mount(): Promise<{ player: ReviewPlayer; layer: ReviewAnnotationLayer }> {
  const player = await fixture<ReviewPlayer>(html`<review-player src=${SRC} fps="24" frame-count="96" style="width:640px">
    <review-annotation-layer slot="overlay"></review-annotation-layer>
  </review-player>`);
  await oneEvent(player, 'review-ready');
  const layer = player.querySelector('review-annotation-layer')!;
  await until(() => layer.currentFrameRect.width > 0, 'layer sized to the frame');
  await layer.updateComplete;
  return { player, layer };
}

function pointer(layer: ReviewAnnotationLayer, type: string, u: number, v: number): void {
  // (u, v): normalised position on the picture, turned into client pixels where the frame is now.
  const surface = layer.shadowRoot!.querySelector<HTMLElement>('.surface')!;
  const r = surface.getBoundingClientRect();
  surface.dispatchEvent(
    new PointerEvent(type, {
      clientX: r.left + u * r.width,
      clientY: r.top + v * r.height,
      pointerId: 5,
      pointerType: 'mouse',
      button: 0,
      bubbles: true,
      composed: true,
    }),
  );
}

/** RGBA of the layer canvas at a client point. */
function pixelAt(layer: ReviewAnnotationLayer, clientX: number, clientY: number): number[] {
  const canvas = layer.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.base')!;
  const r = canvas.getBoundingClientRect();
  const s = canvas.width / r.width;
  return [...canvas.getContext('2d')!.getImageData(Math.round((clientX - r.left) * s), Math.round((clientY - r.top) * s), 1, 1).data];
}
const isRed = ([r, g, b, a]: number[]) => r > 200 && g < 90 && b < 90 && a > 200;

describe('<review-annotation-layer> in <review-player>', function () {
  this.timeout(40000);

  it('covers the frame, pauses playback when drawing starts, and follows the player frame', async () => {
    const { player, layer } = await mount();
    const frame = player.shadowRoot!.querySelector('[part~="frame"]')!.getBoundingClientRect();
    const box = layer.getBoundingClientRect();
    expect([box.x, box.y, box.width, box.height]).to.deep.equal([frame.x, frame.y, frame.width, frame.height]);

    player.muted = true;
    await player.play();
    await until(() => !player.paused, 'playing');
    layer.tool = 'pen';
    await layer.updateComplete;
    pointer(layer, 'pointerdown', 0.2, 0.5);
    await until(() => player.paused, 'paused by the stroke');
    pointer(layer, 'pointermove', 0.5, 0.5);
    pointer(layer, 'pointerup', 0.8, 0.5);
    expect(layer.shapes[0].points).to.deep.equal([
      [0.2, 0.5],
      [0.5, 0.5],
      [0.8, 0.5],
    ]);

    await player.seekToFrame(10);
    await until(() => layer.frame === 10, 'layer frame follows the player');
  });

  it('keeps the drawing on the same spot of the picture when the player zooms and pans', async () => {
    const { player, layer } = await mount();
    layer.tool = 'line';
    layer.color = '#ff0000';
    layer.strokeWidth = 12;
    await layer.updateComplete;
    pointer(layer, 'pointerdown', 0.25, 0.5);
    pointer(layer, 'pointerup', 0.5, 0.5);
    const at = (u: number, v: number) => {
      const vp = player.viewport;
      const stage = player.shadowRoot!.querySelector('[part~="stage"]')!.getBoundingClientRect();
      return [stage.left + vp.x + u * vp.width, stage.top + vp.y + vp.height * v] as const;
    };
    expect(isRed(pixelAt(layer, ...at(0.375, 0.5)))).to.be.true;
    player.setZoom(2, { x: 0, y: 0 });
    await until(() => layer.getBoundingClientRect().width > 1.9 * player.getBoundingClientRect().width, 'overlay zoomed');
    await layer.updateComplete;
    expect(isRed(pixelAt(layer, ...at(0.375, 0.5))), 'same spot of the picture after zoom').to.be.true;
    expect(isRed(pixelAt(layer, ...at(0.375, 0.6))), 'not elsewhere').to.be.false;
    expect(layer.shapes[0].points).to.deep.equal([
      [0.25, 0.5],
      [0.5, 0.5],
    ]);
  });

  it('shows a comment drawing at its frame in the player and not at the next one', async () => {
    const { player, layer } = await mount();
    const c: ClipAnnotation = {
      id: 1,
      objectType: 'ClipAnnotation',
      funnel: 'ReviewComment',
      mediaObjectId: 1,
      description: 'here',
      mentionIds: [],
      tags: [],
      spatial: null,
      uiLocation: null,
      relatedToId: null,
      threadGroupId: 1,
      start: 20,
      end: 21,
      creatorId: 1,
      created: '',
      modified: '',
      version: 1,
      customFields: {
        drawing: {
          shapes: [
            {
              type: 'rect',
              color: '#ff0000',
              width: 12,
              points: [
                [0.1, 0.6],
                [0.9, 0.9],
              ],
            },
          ],
        },
      },
    };
    layer.annotations = [c];
    await player.seekToFrame(20);
    await until(() => layer.frame === 20);
    await layer.updateComplete;
    const r = layer.getBoundingClientRect();
    expect(isRed(pixelAt(layer, r.left + 0.5 * r.width, r.top + 0.6 * r.height))).to.be.true;
    await player.seekToFrame(21);
    await until(() => layer.frame === 21);
    await layer.updateComplete;
    expect(pixelAt(layer, r.left + 0.5 * r.width, r.top + 0.6 * r.height)[3]).to.equal(0);
  });

  it('snapshots the video frame on screen with the drawing at the clip native size', async () => {
    const { player, layer } = await mount();
    await player.seekToFrame(5);
    layer.tool = 'line';
    layer.color = '#ff0000';
    layer.strokeWidth = 24;
    await layer.updateComplete;
    pointer(layer, 'pointerdown', 0.1, 0.9);
    pointer(layer, 'pointerup', 0.9, 0.9);
    const bitmap = await createImageBitmap(await layer.snapshot());
    expect([bitmap.width, bitmap.height]).to.deep.equal([320, 180]);
    const c = document.createElement('canvas');
    c.width = 320;
    c.height = 180;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const px = (x: number, y: number) => [...ctx.getImageData(x, y, 1, 1).data];
    expect(isRed(px(160, 162)), 'the stroke').to.be.true;
    // Frame 5 = 0b000000000101: bits 11..0 as 24 px blocks from x 16 in row A (y 8..55); white is 1.
    const bit = (i: number) => (px(16 + 24 * (11 - i) + 12, 30)[0] > 128 ? 1 : 0);
    expect([2, 1, 0].map(bit), 'the video frame under it').to.deep.equal([1, 0, 1]);
  });
});
