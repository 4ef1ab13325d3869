/**
 * The drawing tool bar in a player at desktop and phone sizes (issue #22, item 3): it sits below the picture,
 * never over the frame, every tool is on screen, and the top of the frame takes strokes. Ghosting (item 16)
 * is a control of the same bar.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendMouse, setViewport } from '@web/test-runner-commands';
import '../../../src/elements/review-player/define.js';
import '../../../src/elements/review-annotation-layer/define.js';
import type { ReviewPlayer } from '../../../src/elements/review-player/review-player.js';
import type { ReviewAnnotationLayer } from '../../../src/elements/review-annotation-layer/review-annotation-layer.js';
import type { ClipAnnotation, DrawingShape } from '../../../src/contract/types.js';

const until = (predicate: () => unknown, message = '') => waitUntil(predicate, message, { timeout: 15000 });

/** The 24 fps test clip: 320×180 (see scripts/make-test-media.sh). */
const SRC = '/test/media/bars-24.mp4';

const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
  { width: 360, height: 740 },
];

async function mount(): Promise<{ player: ReviewPlayer; layer: ReviewAnnotationLayer }> {
  const player = await fixture<ReviewPlayer>(html`<review-player src=${SRC} fps="24" frame-count="96" style="width:100%">
    <review-annotation-layer slot="overlay"></review-annotation-layer>
  </review-player>`);
  await oneEvent(player, 'review-ready');
  const layer = player.querySelector('review-annotation-layer')!;
  await until(() => layer.currentFrameRect.width > 0, 'layer sized to the frame');
  layer.tool = 'pen';
  await layer.updateComplete;
  await until(() => layer.shadowRoot!.querySelector('button[aria-label="Undo"]'), 'the tools are shown');
  return { player, layer };
}

/** The part of the frame a user sees and draws on: the frame inside the player's stage, above the band. */
function drawable(player: ReviewPlayer): DOMRect {
  const frame = player.shadowRoot!.querySelector('[part~="frame"]')!.getBoundingClientRect();
  const stage = player.shadowRoot!.querySelector('[part~="stage"]')!.getBoundingClientRect();
  const top = Math.max(frame.top, stage.top);
  const left = Math.max(frame.left, stage.left);
  return new DOMRect(left, top, Math.min(frame.right, stage.right) - left, Math.min(frame.bottom, stage.bottom) - top);
}

const overlaps = (a: DOMRect, b: DOMRect) =>
  a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** Every control of the tool bar a user may need. */
function controls(layer: ReviewAnnotationLayer): HTMLElement[] {
  const bar = layer.shadowRoot!.querySelector('[part="toolbar"]')!;
  return [...bar.querySelectorAll<HTMLElement>('button, select, input')].filter(
    (el) => getComputedStyle(el.closest('label, button, select, input')!).display !== 'none' && el.offsetParent !== null,
  );
}

describe('<review-annotation-layer> tool bar in <review-player>', function () {
  this.timeout(60000);
  after(() => setViewport({ width: 800, height: 600 }));

  for (const viewport of VIEWPORTS) {
    it(`at ${viewport.width}×${viewport.height} sits below the picture with every tool on screen and clickable`, async () => {
      await setViewport(viewport);
      const { player, layer } = await mount();
      const bar = layer.shadowRoot!.querySelector<HTMLElement>('[part="toolbar"]')!;
      await until(() => {
        const area = drawable(player);
        const stage = player.shadowRoot!.querySelector('[part~="stage"]')!.getBoundingClientRect();
        const b = bar.getBoundingClientRect();
        return area.height > 0 && !overlaps(b, area) && b.bottom <= stage.bottom + 0.5;
      }, 'the bar leaves the frame free, in the band the player keeps for it');
      const area = drawable(player);
      const labels = controls(layer).map((c) => c.getAttribute('aria-label') ?? c.getAttribute('type'));
      for (const name of [
        'Annotate',
        'Ghosting',
        'Pen',
        'Arrow',
        'Rectangle',
        'Ellipse',
        'Text',
        'Select',
        'Custom colour',
        'Undo',
        'Redo',
        'Clear drawing',
      ]) {
        expect(labels, `${name} is shown`).to.include(name);
      }
      for (const control of controls(layer)) {
        const r = control.getBoundingClientRect();
        const name = control.getAttribute('aria-label') ?? control.outerHTML.slice(0, 40);
        expect(overlaps(r, area), `${name} is not over the picture`).to.equal(false);
        expect(r.left, `${name} inside the viewport`).to.be.at.least(0);
        expect(r.right, `${name} inside the viewport`).to.be.at.most(viewport.width);
        expect(r.top, `${name} inside the viewport`).to.be.at.least(0);
        expect(r.bottom, `${name} inside the viewport`).to.be.at.most(viewport.height);
        // Not clipped by the stage nor covered: a tap at its centre reaches it.
        const hit = layer.shadowRoot!.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        expect(hit === control || control.contains(hit) || hit?.contains(control), `${name} takes a tap at its centre`).to.equal(true);
      }
      // The timeline and the transport come after the band, not under it.
      const timeline = player.shadowRoot!.querySelector('[part~="timeline"]')!.getBoundingClientRect();
      expect(timeline.top).to.be.at.least(bar.getBoundingClientRect().bottom - 0.5);
    });
  }

  it('records a stroke drawn across the top fifth of the frame', async () => {
    await setViewport({ width: 1440, height: 900 });
    const { player, layer } = await mount();
    const area = drawable(player);
    const y = Math.round(area.top + area.height * 0.04);
    await sendMouse({ type: 'move', position: [Math.round(area.left + area.width * 0.1), y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [Math.round(area.left + area.width * 0.5), y] });
    await sendMouse({ type: 'move', position: [Math.round(area.left + area.width * 0.9), y + 4] });
    await sendMouse({ type: 'up' });
    await until(() => layer.shapes.length === 1, 'the stroke is recorded');
    const [, v] = layer.shapes[0].points[0];
    expect(v).to.be.below(0.2);
  });

  it('the Ghosting control shows the drawings of the neighbouring frames, faded, and reflects ghost-frames', async () => {
    await setViewport({ width: 1440, height: 900 });
    const { player, layer } = await mount();
    layer.tool = null;
    // A red stroke across the middle of frame 11, seen from frame 12.
    const line: DrawingShape = {
      type: 'line',
      color: '#ff3b30',
      width: 12,
      points: [
        [0.1, 0.5],
        [0.9, 0.5],
      ],
    };
    const comment = {
      id: 1,
      start: 11,
      end: 12,
      customFields: { drawing: { shapes: [line] } },
    } as Partial<ClipAnnotation> as ClipAnnotation;
    layer.annotations = [comment];
    await player.seekToFrame(12);
    await until(() => layer.frame === 12, 'the layer follows the player');
    await layer.updateComplete;
    const canvas = layer.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.base')!;
    const alphaAtMiddle = () => {
      const ctx = canvas.getContext('2d')!;
      return ctx.getImageData(Math.round(canvas.width / 2), Math.round(canvas.height / 2), 1, 1).data[3];
    };
    expect(alphaAtMiddle(), 'no ghost by default').to.equal(0);

    const select = layer.shadowRoot!.querySelector<HTMLSelectElement>('select[aria-label="Ghosting"]')!;
    expect([...select.options].map((o) => o.textContent!.trim())).to.deep.equal(['Off', '±1', '±2', '±3', '±5']);
    select.value = '1';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await layer.updateComplete;
    expect(layer.getAttribute('ghost-frames')).to.equal('1');
    const faded = alphaAtMiddle();
    expect(faded, 'the neighbour shows, faded').to.be.above(40).and.below(200);
    expect(layer.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('±1');

    select.value = '0';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await layer.updateComplete;
    expect(alphaAtMiddle(), 'off again').to.equal(0);
    expect(layer.getAttribute('ghost-frames')).to.equal('0');
  });
});
