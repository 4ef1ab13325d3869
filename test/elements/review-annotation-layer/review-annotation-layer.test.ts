import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ClipAnnotation, DrawingShape } from '../../../src/contract/types.js';
import '../../../src/elements/review-annotation-layer/define.js';
import type { ReviewAnnotationLayer } from '../../../src/elements/review-annotation-layer/review-annotation-layer.js';

/** waitUntil with a timeout fit for a busy machine (wtr runs two files at once on two shared cores). */
const until = (predicate: () => unknown, message = '') => waitUntil(predicate, message, { timeout: 15000 });

const W = 640;
const H = 360;

async function mount(width = W, height = H): Promise<{ box: HTMLDivElement; layer: ReviewAnnotationLayer }> {
  const box = await fixture<HTMLDivElement>(html`<div style="position:relative;width:${width}px;height:${height}px;background:#222">
    <review-annotation-layer media-width="640" media-height="360"></review-annotation-layer>
  </div>`);
  const layer = box.querySelector('review-annotation-layer')!;
  await until(() => layer.currentFrameRect.width > 0, 'layer measured');
  await layer.updateComplete;
  return { box, layer };
}

const surface = (layer: ReviewAnnotationLayer) => layer.shadowRoot!.querySelector<HTMLElement>('.surface')!;

/** Dispatches a pointer event at layer-local CSS pixels (x, y). */
function pointer(layer: ReviewAnnotationLayer, type: string, x: number, y: number, extra: PointerEventInit = {}): PointerEvent {
  const r = surface(layer).getBoundingClientRect();
  const init: PointerEventInit = {
    clientX: r.left + x,
    clientY: r.top + y,
    pointerId: 7,
    pointerType: 'pen',
    isPrimary: true,
    button: type === 'pointermove' ? -1 : 0,
    buttons: type === 'pointerup' ? 0 : 1,
    bubbles: true,
    composed: true,
    cancelable: true,
    ...extra,
  };
  const e = new PointerEvent(type, init);
  surface(layer).dispatchEvent(e);
  return e;
}

function drag(layer: ReviewAnnotationLayer, from: [number, number], to: [number, number], steps = 4): void {
  pointer(layer, 'pointerdown', ...from);
  for (let i = 1; i <= steps; i++) {
    pointer(layer, 'pointermove', from[0] + ((to[0] - from[0]) * i) / steps, from[1] + ((to[1] - from[1]) * i) / steps);
  }
  pointer(layer, 'pointerup', ...to);
}

/** RGBA of the layer's on-screen drawing at layer-local CSS pixel (x, y). */
function pixel(layer: ReviewAnnotationLayer, x: number, y: number): number[] {
  const canvas = layer.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.base')!;
  const scale = canvas.width / layer.getBoundingClientRect().width;
  return [...canvas.getContext('2d')!.getImageData(Math.round(x * scale), Math.round(y * scale), 1, 1).data];
}

const isRed = ([r, g, b, a]: number[]) => r > 200 && g < 90 && b < 90 && a > 200;

function key(layer: ReviewAnnotationLayer, k: string, mods: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true, ...mods });
  surface(layer).dispatchEvent(e);
  return e;
}

function comment(id: number, start: number, shapes: DrawingShape[]): ClipAnnotation {
  return {
    id,
    objectType: 'ClipAnnotation',
    funnel: 'ReviewComment',
    mediaObjectId: 101,
    description: `c${id}`,
    mentionIds: [],
    tags: [],
    spatial: null,
    uiLocation: null,
    relatedToId: null,
    threadGroupId: id,
    start,
    end: start + 1,
    creatorId: 1,
    created: '',
    modified: '',
    version: 1,
    customFields: { drawing: { shapes } },
  };
}

const redLine: DrawingShape = {
  type: 'line',
  color: '#ff0000',
  width: 8,
  points: [
    [0.25, 0.5],
    [0.75, 0.5],
  ],
};

describe('<review-annotation-layer>', () => {
  it('turns a pen stroke of synthetic pointer events into normalised points, and asks the player to pause', async () => {
    const { layer } = await mount();
    layer.tool = 'pen';
    layer.color = '#ff0000';
    await layer.updateComplete;
    const pause = oneEvent(layer, 'review-pause-request');
    pointer(layer, 'pointerdown', 64, 36);
    expect((await pause).detail.reason).to.equal('annotate');
    pointer(layer, 'pointermove', 160, 90);
    pointer(layer, 'pointermove', 320, 180);
    const change = oneEvent(layer, 'review-drawing-change');
    pointer(layer, 'pointerup', 480, 270);
    const { drawing } = (await change).detail;
    expect(drawing!.shapes).to.have.length(1);
    expect(drawing!.shapes[0]).to.deep.include({ type: 'pen', color: '#ff0000', width: 4 });
    expect(drawing!.shapes[0].points).to.deep.equal([
      [0.1, 0.1],
      [0.25, 0.25],
      [0.5, 0.5],
      [0.75, 0.75],
    ]);
    expect(layer.drawing).to.deep.equal(drawing);
    await layer.updateComplete;
    expect(isRed(pixel(layer, 320, 180)), 'stroke painted').to.be.true;
    expect(isRed(pixel(layer, 479, 269)), 'stroke painted up to the release point').to.be.true;
    // A full repaint (any other change) draws the same stroke.
    layer.frame = 1;
    await layer.updateComplete;
    expect(isRed(pixel(layer, 320, 180))).to.be.true;
    expect(isRed(pixel(layer, 479, 269))).to.be.true;
  });

  it('takes every coalesced sample of a pointermove (and decimates samples closer than a pixel and a half)', async () => {
    const { layer } = await mount();
    layer.tool = 'pen';
    await layer.updateComplete;
    const r = surface(layer).getBoundingClientRect();
    const at = (x: number, y: number) => new PointerEvent('pointermove', { clientX: r.left + x, clientY: r.top + y, pointerId: 7 });
    pointer(layer, 'pointerdown', 0, 0);
    pointer(layer, 'pointermove', 64, 36, { coalescedEvents: [at(32, 18), at(32.5, 18), at(64, 36)] });
    pointer(layer, 'pointerup', 64, 36);
    expect(layer.shapes[0].points).to.deep.equal([
      [0, 0],
      [0.05, 0.05],
      [0.1, 0.1],
    ]);
  });

  it('draws line, arrow, rectangle and ellipse from two points, and ignores a click that draws nothing', async () => {
    const { layer } = await mount();
    for (const tool of ['line', 'arrow', 'rect', 'ellipse'] as const) {
      layer.tool = tool;
      drag(layer, [64, 36], [320, 180]);
    }
    layer.tool = 'rect';
    pointer(layer, 'pointerdown', 100, 100);
    pointer(layer, 'pointerup', 100, 100);
    expect(layer.shapes.map((s) => s.type)).to.deep.equal(['line', 'arrow', 'rect', 'ellipse']);
    for (const s of layer.shapes)
      expect(s.points).to.deep.equal([
        [0.1, 0.1],
        [0.5, 0.5],
      ]);
  });

  it('places text where the user clicks and types', async () => {
    const { layer } = await mount();
    layer.tool = 'text';
    await layer.updateComplete;
    pointer(layer, 'pointerdown', 320, 90);
    await layer.updateComplete;
    const input = layer.shadowRoot!.querySelector<HTMLInputElement>('.text-input')!;
    expect(layer.shadowRoot!.activeElement).to.equal(input);
    input.value = 'Too dark';
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    await layer.updateComplete;
    expect(layer.shapes).to.deep.equal([{ type: 'text', color: '#ff3b30', width: 4, points: [[0.5, 0.25]], text: 'Too dark' }]);
    expect(layer.shadowRoot!.querySelector('.text-input')).to.equal(null);
  });

  it('keeps a shape on the same spot of the picture when the player is resized, zoomed or letterboxed', async () => {
    const { box, layer } = await mount();
    layer.tool = 'line';
    layer.color = '#ff0000';
    layer.strokeWidth = 8;
    drag(layer, [160, 180], [480, 180]);
    await layer.updateComplete;
    expect(isRed(pixel(layer, 320, 180))).to.be.true;

    // Twice as big: the line is now at y 360, from x 320 to 960.
    box.style.width = '1280px';
    box.style.height = '720px';
    await until(() => layer.currentFrameRect.width === 1280, 'resized');
    await layer.updateComplete;
    expect(isRed(pixel(layer, 640, 360))).to.be.true;
    expect(isRed(pixel(layer, 340, 360))).to.be.true;
    expect(isRed(pixel(layer, 300, 360)), 'the line starts a quarter into the frame').to.be.false;

    // A square box letterboxes the 16:9 picture: 640×360 centred at top 140.
    box.style.width = '640px';
    box.style.height = '640px';
    await until(() => layer.currentFrameRect.height === 360, 'letterboxed');
    await layer.updateComplete;
    expect(isRed(pixel(layer, 320, 320))).to.be.true;
    expect(isRed(pixel(layer, 320, 180))).to.be.false;

    // Zoomed 2× on the frame's top-left quarter: the line (y 0.5) lies at y 360 of a 1280×720 frame at 0,0.
    layer.frameRect = { left: 0, top: 0, width: 1280, height: 720 };
    await layer.updateComplete;
    expect(isRed(pixel(layer, 400, 360))).to.be.true;
    expect(layer.shapes[0].points).to.deep.equal([
      [0.25, 0.5],
      [0.75, 0.5],
    ]);
  });

  it('undoes, redoes and clears', async () => {
    const { layer } = await mount();
    layer.tool = 'rect';
    drag(layer, [10, 10], [100, 100]);
    drag(layer, [200, 10], [300, 100]);
    expect(layer.shapes).to.have.length(2);
    layer.undo();
    expect(layer.shapes).to.have.length(1);
    layer.redo();
    expect(layer.shapes).to.have.length(2);
    layer.clear();
    expect(layer.shapes).to.have.length(0);
    expect(layer.drawing).to.equal(null);
    layer.undo();
    expect(layer.shapes).to.have.length(2, 'clear is undoable');
    layer.undo();
    drag(layer, [10, 200], [100, 300]);
    expect(layer.canRedo, 'a new shape drops the redo history').to.be.false;
    expect(layer.shapes.map((s) => s.points[0][0])).to.deep.equal([10 / 640, 10 / 640].map((v) => Math.round(v * 1e5) / 1e5));
  });

  it('selects a shape with the select tool, moves it, and deletes it with the Delete key', async () => {
    const { layer } = await mount();
    layer.tool = 'rect';
    drag(layer, [64, 36], [192, 108]);
    layer.tool = 'ellipse';
    drag(layer, [320, 180], [480, 270]);
    layer.tool = 'select';
    await layer.updateComplete;
    pointer(layer, 'pointerdown', 128, 36); // top edge of the rectangle
    pointer(layer, 'pointerup', 128, 36);
    expect(layer.selectedIndex).to.equal(0);
    pointer(layer, 'pointerdown', 128, 36);
    pointer(layer, 'pointermove', 192, 72);
    pointer(layer, 'pointerup', 192, 72);
    expect(layer.shapes[0].points).to.deep.equal([
      [0.2, 0.2],
      [0.4, 0.4],
    ]);
    key(layer, 'Delete');
    expect(layer.shapes.map((s) => s.type)).to.deep.equal(['ellipse']);
    pointer(layer, 'pointerdown', 10, 300); // empty space deselects
    pointer(layer, 'pointerup', 10, 300);
    expect(layer.selectedIndex).to.equal(-1);
  });

  it('answers the keyboard shortcuts and reflects the tool in the toolbar', async () => {
    const { layer } = await mount();
    layer.tool = 'pen';
    await layer.updateComplete;
    for (const [k, tool] of [
      ['l', 'line'],
      ['a', 'arrow'],
      ['r', 'rect'],
      ['e', 'ellipse'],
      ['t', 'text'],
      ['v', 'select'],
      ['p', 'pen'],
    ]) {
      const e = key(layer, k);
      expect(layer.tool).to.equal(tool);
      expect(e.defaultPrevented, `${k} is consumed, not passed to the player`).to.be.true;
      await layer.updateComplete;
      const pressed = [...layer.shadowRoot!.querySelectorAll('[data-tool][aria-pressed="true"]')];
      expect(pressed.map((b) => b.getAttribute('data-tool'))).to.deep.equal([tool]);
    }
    layer.tool = 'line';
    drag(layer, [10, 10], [100, 100]);
    drag(layer, [10, 100], [100, 10]);
    key(layer, 'z', { ctrlKey: true });
    expect(layer.shapes).to.have.length(1);
    key(layer, 'z', { metaKey: true });
    expect(layer.shapes).to.have.length(0);
    key(layer, 'Z', { ctrlKey: true, shiftKey: true });
    expect(layer.shapes).to.have.length(1);
    key(layer, 'v');
    pointer(layer, 'pointerdown', 55, 55);
    pointer(layer, 'pointerup', 55, 55);
    expect(layer.selectedIndex).to.equal(0);
    key(layer, 'Escape');
    expect(layer.selectedIndex).to.equal(-1);
    key(layer, 'Delete');
    expect(layer.shapes, 'Delete without a selection removes nothing').to.have.length(1);
    expect(key(layer, ' ').defaultPrevented, 'Space is left to the player').to.be.false;
  });

  it('selects, moves, recolours and deletes shapes with the keyboard alone', async () => {
    const { layer } = await mount();
    layer.shapes = [
      {
        type: 'rect',
        color: '#ff3b30',
        width: 4,
        points: [
          [0.1, 0.1],
          [0.2, 0.2],
        ],
      },
      { type: 'text', color: '#ff3b30', width: 4, points: [[0.5, 0.5]], text: 'here' },
    ];
    layer.tool = 'select';
    await layer.updateComplete;
    expect(key(layer, 'Tab').defaultPrevented).to.be.true;
    expect(layer.selectedIndex).to.equal(0);
    key(layer, 'Tab');
    expect(layer.selectedIndex).to.equal(1);
    await layer.updateComplete;
    expect(layer.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('Selected text “here”, 2 of 2');
    expect(key(layer, 'Tab').defaultPrevented, 'past the last shape Tab leaves the surface').to.be.false;
    expect(layer.selectedIndex).to.equal(-1);
    key(layer, 'Tab', { shiftKey: true });
    expect(layer.selectedIndex).to.equal(1);
    key(layer, 'ArrowRight', { shiftKey: true });
    key(layer, 'ArrowDown');
    expect(layer.shapes[1].points).to.deep.equal([[0.55, 0.505]]);
    await layer.updateComplete;
    layer.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Blue"]')!.click();
    expect(layer.shapes[1].color).to.equal('#0a84ff');
    key(layer, 'Backspace');
    expect(layer.shapes.map((s) => s.type)).to.deep.equal(['rect']);
    key(layer, 'z', { ctrlKey: true });
    expect(layer.shapes[1].color, 'each step is undoable').to.equal('#0a84ff');
  });

  it('Escape cancels the stroke being drawn', async () => {
    const { layer } = await mount();
    layer.tool = 'pen';
    pointer(layer, 'pointerdown', 10, 10);
    pointer(layer, 'pointermove', 100, 100);
    key(layer, 'Escape');
    pointer(layer, 'pointerup', 200, 200);
    expect(layer.shapes).to.have.length(0);
  });

  it('toolbar buttons drive the layer', async () => {
    const { layer } = await mount();
    const button = (label: string) => layer.shadowRoot!.querySelector<HTMLButtonElement>(`button[aria-label="${label}"]`)!;
    button('Annotate').click();
    await layer.updateComplete;
    expect(layer.tool).to.equal('pen');
    button('Arrow').click();
    button('Green').click();
    await layer.updateComplete;
    expect(layer.tool).to.equal('arrow');
    expect(layer.color).to.equal('#34c759');
    expect(button('Green').getAttribute('aria-pressed')).to.equal('true');
    const custom = layer.shadowRoot!.querySelector<HTMLInputElement>('input[type="color"]')!;
    custom.value = '#123456';
    custom.dispatchEvent(new Event('input'));
    expect(layer.color).to.equal('#123456');
    drag(layer, [10, 10], [100, 100]);
    await layer.updateComplete;
    expect(button('Undo').disabled).to.be.false;
    button('Clear drawing').click();
    expect(layer.shapes).to.have.length(0);
    button('Annotate').click();
    await layer.updateComplete;
    expect(layer.tool).to.equal(null);
    expect(getComputedStyle(surface(layer)).pointerEvents, 'clicks go through to the player').to.equal('none');
  });

  it('on a phone-sized picture the tools take one row that scrolls, leaving the picture to draw on', async () => {
    const { box, layer } = await mount(358, 201);
    layer.tool = 'pen';
    await layer.updateComplete;
    const toolbar = layer.shadowRoot!.querySelector<HTMLElement>('[part="toolbar"]')!;
    const bar = toolbar.getBoundingClientRect();
    const button = layer.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Undo"]')!;
    expect(bar.height, 'one row of buttons').to.be.below(button.getBoundingClientRect().height * 1.5);
    expect(bar.right, 'inside the picture').to.be.at.most(box.getBoundingClientRect().right);
    expect(toolbar.scrollWidth, 'the rest scrolls into view').to.be.above(toolbar.clientWidth);
    // Every tool is still reachable: scrolling brings the last one (the PNG snapshot) inside the bar.
    const last = layer.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Download frame with drawings (PNG)"]')!;
    last.scrollIntoView({ inline: 'end' });
    expect(last.getBoundingClientRect().right).to.be.at.most(toolbar.getBoundingClientRect().right + 1);
  });

  it('shows comment drawings at their frame only, ghosts neighbours, hides on request but keeps the selected one', async () => {
    const { layer } = await mount();
    layer.annotations = [comment(1, 40, [redLine])];
    layer.frame = 40;
    await layer.updateComplete;
    expect(isRed(pixel(layer, 320, 180))).to.be.true;
    layer.frame = 41;
    await layer.updateComplete;
    expect(pixel(layer, 320, 180)[3]).to.equal(0);
    layer.ghostFrames = 2;
    await layer.updateComplete;
    const ghost = pixel(layer, 320, 180)[3];
    expect(ghost).to.be.within(60, 160);
    layer.frame = 42;
    await layer.updateComplete;
    expect(pixel(layer, 320, 180)[3]).to.be.within(1, ghost - 1);
    layer.frame = 43;
    await layer.updateComplete;
    expect(pixel(layer, 320, 180)[3]).to.equal(0);
    layer.frame = 40;
    layer.hideAnnotations = true;
    await layer.updateComplete;
    expect(pixel(layer, 320, 180)[3]).to.equal(0);
    layer.selectedCommentId = 1;
    await layer.updateComplete;
    expect(isRed(pixel(layer, 320, 180))).to.be.true;
  });

  it('snapshots the picture with the drawings at the media size, as PNG', async () => {
    const { layer } = await mount();
    const picture = document.createElement('canvas');
    picture.width = 1280;
    picture.height = 720;
    const pctx = picture.getContext('2d')!;
    pctx.fillStyle = '#0000ff';
    pctx.fillRect(0, 0, 1280, 720);
    layer.media = picture;
    layer.mediaWidth = 1280;
    layer.mediaHeight = 720;
    layer.annotations = [
      comment(2, 0, [
        {
          type: 'rect',
          color: '#00ff00',
          width: 8,
          points: [
            [0.1, 0.1],
            [0.2, 0.2],
          ],
        },
      ]),
    ];
    layer.tool = 'pen';
    layer.color = '#ff0000';
    drag(layer, [0, 180], [640, 180], 8); // across the middle of the 640×360 view
    const blob = await layer.snapshot();
    expect(blob.type).to.equal('image/png');
    const bitmap = await createImageBitmap(blob);
    expect([bitmap.width, bitmap.height]).to.deep.equal([1280, 720]);
    const read = document.createElement('canvas');
    read.width = 1280;
    read.height = 720;
    const ctx = read.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const at = (x: number, y: number) => [...ctx.getImageData(x, y, 1, 1).data];
    expect(isRed(at(640, 360)), 'the stroke, at native size').to.be.true;
    expect(at(640, 100).slice(0, 3), 'the picture').to.deep.equal([0, 0, 255]);
    const [r, g, b] = at(128, 100); // the comment's green rectangle edge at 0.1 × 1280, 100..
    expect([r < 60, g > 200, b < 60]).to.deep.equal([true, true, true]);
  });

  it('is accessible, active or not', async () => {
    const { layer } = await mount();
    await expect(layer).to.be.accessible();
    layer.tool = 'pen';
    await layer.updateComplete;
    await expect(layer).to.be.accessible();
  });
});
