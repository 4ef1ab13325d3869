import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/review-session/define.js';
import '../../../src/elements/review-annotation-layer/define.js';
import type { ReviewSession } from '../../../src/elements/review-session/review-session.js';
import type { ReviewAnnotationLayer } from '../../../src/elements/review-annotation-layer/review-annotation-layer.js';
import { MemoryReviewApi } from '../../../src/backend/memory-review-api.js';
import { newComment } from '../../../src/contract/comment-patch.js';
import type { Drawing } from '../../../src/contract/types.js';
import { emit } from '../../../src/events.js';
import { createDemoFixture } from '../../../demo/fixture.js';
import type { TestPictureHost } from './picture-host.js';
import './picture-host.js';

/** waitUntil with a timeout fit for a busy machine (wtr runs two files at once on two shared cores). */
const until = (predicate: () => unknown, message = '') => waitUntil(predicate, message, { timeout: 15000 });

/** A session with one layer over a 640×360 box (the frame), on clip 101 of the demo production. */
async function mount(api: MemoryReviewApi) {
  const session = await fixture<ReviewSession>(html`<review-session .api=${api} clip-id="101">
    <test-picture-host id="frame" style="display:block;position:relative;width:640px;height:360px;overflow:hidden;background:#000">
      <review-annotation-layer media-width="640" media-height="360"></review-annotation-layer>
    </test-picture-host>
  </review-session>`);
  const layer = session.querySelector('review-annotation-layer')!;
  await session.loaded;
  await until(() => layer.shownAnnotations.length > 0 && layer.currentFrameRect.width > 0, 'comments loaded');
  await layer.updateComplete;
  return { session, layer, frame: session.querySelector('test-picture-host')! };
}

function pixel(layer: ReviewAnnotationLayer, x: number, y: number): number[] {
  const canvas = layer.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.base')!;
  return [...canvas.getContext('2d')!.getImageData(x, y, 1, 1).data];
}
const isRed = ([r, g, b, a]: number[]) => r > 200 && g < 90 && b < 90 && a > 200;

function pointer(layer: ReviewAnnotationLayer, type: string, x: number, y: number): void {
  const surface = layer.shadowRoot!.querySelector<HTMLElement>('.surface')!;
  const r = surface.getBoundingClientRect();
  surface.dispatchEvent(
    new PointerEvent(type, { clientX: r.left + x, clientY: r.top + y, pointerId: 2, pointerType: 'touch', bubbles: true, composed: true }),
  );
}

describe('<review-annotation-layer> in a session', () => {
  it('stores a drawing with a comment and shows it again at that frame only after a reload from the API', async () => {
    const fixtureData = createDemoFixture();
    const api = new MemoryReviewApi({ fixture: fixtureData, userId: 1 });
    const first = await mount(api);
    const { layer } = first;
    layer.tool = 'line';
    layer.color = '#ff0000';
    layer.strokeWidth = 8;
    const change = oneEvent(layer, 'review-drawing-change');
    pointer(layer, 'pointerdown', 160, 180);
    pointer(layer, 'pointermove', 320, 180);
    pointer(layer, 'pointerup', 480, 180);
    const { drawing } = (await change).detail;
    // What the composer sends with the drawing it heard (customFields.drawing), pinned to frame 30.
    const created = await api.createComment(newComment({ mediaObjectId: 101, description: 'Look here', start: 30, drawing: drawing! }));
    expect(created.customFields.drawing).to.deep.equal(drawing);
    first.session.remove();

    // "Reload": a new API client on the same backend, new elements.
    const again = await mount(api.forUser(1));
    const l2 = again.layer;
    expect(l2.shapes, 'nothing is being composed after a reload').to.have.length(0);
    l2.frame = 30;
    await l2.updateComplete;
    expect(isRed(pixel(l2, 320, 180)), 'shown at its frame').to.be.true;
    expect(l2.visibleDrawings().map((d) => d.comment.id)).to.deep.equal([created.id]);
    for (const f of [29, 31, 0]) {
      l2.frame = f;
      await l2.updateComplete;
      expect(pixel(l2, 320, 180)[3], `not at frame ${f}`).to.equal(0);
    }
  });

  it('shows the fixture comment drawing at frame 40 and follows the frame its player shows', async () => {
    const { layer, frame } = await mount(new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 }));
    expect(layer.visibleDrawings()).to.have.length(0);
    frame.showFrame(40);
    await layer.updateComplete;
    expect(layer.frame).to.equal(40);
    expect(layer.visibleDrawings().map((d) => d.comment.description)).to.deep.equal([
      'Client asked for a warmer grade in this section. #{grade}',
    ]);
    // The fixture's yellow ellipse (0.3..0.6 × 0.3..0.7): its left edge at x 192, y 180.
    // A 1.5 px stroke is anti-aliased: take the most opaque pixel across the edge.
    const [r, g, b, a] = [190, 191, 192, 193, 194].map((x) => pixel(layer, x, 180)).sort((p, q) => q[3] - p[3])[0];
    expect([r > 200, g > 160, b < 90, a > 120]).to.deep.equal([true, true, true, true]);
  });

  it('shows the selected comment drawing even with annotations hidden', async () => {
    const { session, layer } = await mount(new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 }));
    layer.frame = 40;
    layer.hideAnnotations = true;
    await layer.updateComplete;
    expect(layer.visibleDrawings()).to.have.length(0);
    const c3 = layer.shownAnnotations.find((c) => c.start === 40)!;
    emit(session.querySelector('#frame')!, 'review-comment-select', { comment: c3 });
    await until(() => layer.visibleDrawings().length === 1, 'selected drawing shown');
  });

  it('draws the spot of a comment and picks a spot for the composer', async () => {
    const { session, layer } = await mount(new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 }));
    layer.frame = 12;
    await layer.updateComplete;
    expect(layer.visibleSpots()).to.deep.equal([[0.62, 0.4]]);
    expect(pixel(layer, Math.round(0.62 * 640 + 1), Math.round(0.4 * 360))[3], 'spot centre painted').to.be.above(0);

    emit(session, 'review-spot-mode', { active: true });
    await layer.updateComplete;
    const surface = layer.shadowRoot!.querySelector<HTMLElement>('.surface')!;
    expect(getComputedStyle(surface).pointerEvents, 'the picture takes the click').to.equal('auto');
    const pick = oneEvent(layer, 'review-spot-pick');
    pointer(layer, 'pointerdown', 160, 90);
    expect((await pick).detail).to.deep.equal({ x: 25, y: 25 });
    emit(session, 'review-spot-mode', { active: false });
    await layer.updateComplete;
    expect(getComputedStyle(surface).pointerEvents).to.equal('none');
  });

  it('starts a new drawing once the comment carrying it is created', async () => {
    const { session, layer } = await mount(new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 }));
    layer.tool = 'rect';
    pointer(layer, 'pointerdown', 10, 10);
    pointer(layer, 'pointerup', 200, 200);
    const drawing = layer.drawing as Drawing;
    const other = { ...layer.shownAnnotations[0], customFields: {} };
    emit(session, 'review-comment-created', { comment: other });
    expect(layer.shapes, 'another comment leaves the drawing alone').to.have.length(1);
    emit(session, 'review-comment-created', { comment: { ...other, id: 9999, customFields: { drawing } } });
    expect(layer.shapes).to.have.length(0);
    expect(layer.canUndo).to.be.false;
  });

  it('starts a new drawing when the session moves to another clip', async () => {
    const { session, layer } = await mount(new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 }));
    layer.tool = 'rect';
    pointer(layer, 'pointerdown', 10, 10);
    pointer(layer, 'pointerup', 200, 200);
    expect(layer.shapes).to.have.length(1);
    const change = oneEvent(layer, 'review-drawing-change');
    emit(session.querySelector('#frame')!, 'review-clip-select', { clipId: 102 });
    expect((await change).detail.drawing).to.equal(null);
    expect(layer.shapes).to.have.length(0);
  });

  it('offers no drawing tools to a user who may not comment', async () => {
    const { layer } = await mount(new MemoryReviewApi({ fixture: createDemoFixture(), userId: 4 }));
    expect(layer.canDraw).to.be.false;
    expect(layer.shadowRoot!.querySelector('[part="toolbar"]')).to.equal(null);
    layer.tool = 'pen';
    await layer.updateComplete;
    expect(layer.tool).to.equal(null);
  });

  it('docks the tool bar below the visible picture, across the stage, when the frame is zoomed beyond it', async () => {
    // The visible box (a player's stage) is 640×360; the zoomed frame the layer covers is 1280×720 around it.
    const box = await fixture<HTMLElement>(html`<test-picture-host style="display:block;position:relative;width:640px;height:360px">
      <review-annotation-layer tool="pen" style="inset:auto;left:-320px;top:-180px;width:1280px;height:720px"></review-annotation-layer>
    </test-picture-host>`);
    const layer = box.querySelector('review-annotation-layer')!;
    await until(() => layer.currentFrameRect.width === 1280);
    const bands: number[] = [];
    box.addEventListener('review-overlay-band-request', (e) => bands.push(e.detail.height));
    (box as TestPictureHost).show({
      viewport: { x: -320, y: -180, width: 1280, height: 720, zoom: 2 },
      stage: { width: 640, height: 360 },
    });
    const place = () => {
      const t = layer.shadowRoot!.querySelector<HTMLElement>('[part="toolbar"]')!.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      return [t.left - b.left, t.top - b.top, t.width].map(Math.round);
    };
    await until(() => place()[1] === 360, 'tool bar docked below the stage');
    expect(place()).to.deep.equal([0, 360, 640]);
    // The player is asked for a band as tall as the bar.
    const height = layer.shadowRoot!.querySelector<HTMLElement>('[part="toolbar"]')!.getBoundingClientRect().height;
    await until(() => bands.at(-1) === Math.ceil(height), 'band asked for');
  });

  it('is accessible in a session', async () => {
    const { layer } = await mount(new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 }));
    layer.tool = 'select';
    await layer.updateComplete;
    await expect(layer).to.be.accessible();
  });
});
