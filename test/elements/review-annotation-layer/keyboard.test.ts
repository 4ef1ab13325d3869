import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../../src/elements/review-annotation-layer/define.js';
import type { ReviewAnnotationLayer } from '../../../src/elements/review-annotation-layer/review-annotation-layer.js';

/** waitUntil with a timeout fit for a busy machine (wtr runs two files at once on two shared cores). */
const until = (predicate: () => unknown, message = '') => waitUntil(predicate, message, { timeout: 15000 });

async function mount(attrs: { spotMode?: boolean } = {}) {
  const box = await fixture<HTMLDivElement>(html`<div style="position:relative;width:640px;height:360px;background:#222">
    <button>before</button>
    <review-annotation-layer media-width="640" media-height="360" ?spot-mode=${!!attrs.spotMode}></review-annotation-layer>
  </div>`);
  const layer = box.querySelector('review-annotation-layer')!;
  await until(() => layer.currentFrameRect.width > 0, 'layer measured');
  await layer.updateComplete;
  return { box, layer };
}

/** Presses `key` with `modifier` held (the runner's keyboard takes one key a press). */
async function chord(modifier: string, key: string) {
  await sendKeys({ down: modifier });
  await sendKeys({ press: key });
  await sendKeys({ up: modifier });
}

const surface = (layer: ReviewAnnotationLayer) => layer.shadowRoot!.querySelector<HTMLElement>('.surface')!;
const status = (layer: ReviewAnnotationLayer) => layer.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim();
const cursorAt = (layer: ReviewAnnotationLayer) => {
  const c = layer.shadowRoot!.querySelector<HTMLElement>('[part="keyboard-cursor"]');
  return c ? [parseFloat(c.style.left), parseFloat(c.style.top)] : null;
};

describe('<review-annotation-layer> by keyboard', function () {
  this.timeout(60000);

  it('picks a spot with the arrow keys and Enter, as a click does, and Escape stops the wait', async () => {
    const { layer } = await mount();
    const events: Array<{ type: string; detail: unknown }> = [];
    for (const type of ['review-pause-request', 'review-spot-request', 'review-spot-pick']) {
      layer.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent).detail }));
    }
    layer.spotMode = true;
    await layer.updateComplete;
    // Waiting for a spot, the picture takes focus, named and explained, with a cursor at the centre.
    expect(layer.shadowRoot!.activeElement).to.equal(surface(layer));
    expect(surface(layer).getAttribute('aria-label')).to.equal('Picture: pick a spot');
    const help = layer.shadowRoot!.getElementById(surface(layer).getAttribute('aria-describedby')!)!;
    expect(help.textContent).to.contain('Enter places the spot');
    expect(status(layer)).to.contain('Pick a spot');
    await until(() => cursorAt(layer), 'the keyboard cursor shown');
    expect(cursorAt(layer)).to.deep.equal([320, 180]);

    await sendKeys({ press: 'ArrowRight' });
    await chord('Shift', 'ArrowRight');
    await chord('Shift', 'ArrowUp');
    await layer.updateComplete;
    expect(cursorAt(layer)).to.deep.equal([640 * 0.61, 360 * 0.4]);
    expect(status(layer)).to.equal('Cursor at 61 %, 40 %');
    await sendKeys({ press: 'Enter' });
    expect(events).to.deep.equal([
      { type: 'review-pause-request', detail: { reason: 'spot' } },
      { type: 'review-spot-request', detail: { action: 'pick', x: 61, y: 40 } },
      { type: 'review-spot-pick', detail: { x: 61, y: 40 } },
    ]);
    await layer.updateComplete;
    expect(status(layer)).to.equal('Spot placed at 61 %, 40 %');

    events.length = 0;
    await sendKeys({ press: 'Escape' });
    expect(events).to.deep.equal([{ type: 'review-spot-request', detail: { action: 'cancel' } }]);
  });

  it('places an arrow at the cursor with Enter, moves it with the arrows, resizes it with Shift+arrows, Enter finishes', async () => {
    const { layer } = await mount();
    layer.tool = 'arrow';
    await layer.updateComplete;
    // The surface is the Tab stop after the button before it.
    (layer.parentElement!.querySelector('button') as HTMLButtonElement).focus();
    await sendKeys({ press: 'Tab' });
    expect(layer.shadowRoot!.activeElement).to.equal(surface(layer));
    await layer.updateComplete;
    await until(() => cursorAt(layer), 'the keyboard cursor shown');
    expect(cursorAt(layer)).to.deep.equal([320, 180]);
    await sendKeys({ press: 'ArrowLeft' });
    await sendKeys({ press: 'Enter' });
    await layer.updateComplete;
    expect(layer.shapes).to.have.length(1);
    expect(layer.shapes[0].type).to.equal('arrow');
    expect(layer.shapes[0].points).to.deep.equal([
      [0.41, 0.42],
      [0.57, 0.58],
    ]);
    expect(layer.selectedIndex).to.equal(0);
    expect(status(layer)).to.contain('Placed arrow');
    // A placed shape shows no cursor: the arrows are for it now.
    expect(cursorAt(layer)).to.equal(null);

    await sendKeys({ press: 'ArrowDown' });
    await chord('Shift', 'ArrowRight');
    await chord('Shift', 'ArrowRight');
    await layer.updateComplete;
    const [[x0, y0], [x1, y1]] = layer.shapes[0].points;
    expect([x0, y0, x1, y1].map((n) => Math.round(n * 1000))).to.deep.equal([410, 425, 590, 585]);

    await sendKeys({ press: 'Enter' });
    await layer.updateComplete;
    expect(layer.selectedIndex).to.equal(-1);
    expect(status(layer)).to.contain('Enter places another');
    expect(layer.drawing!.shapes).to.have.length(1);
    // Undo takes the last step back (the resize), as after a drag.
    await chord('Control', 'z');
    expect(Math.round(layer.shapes[0].points[1][0] * 1000)).to.equal(580);
  });

  it('opens the text input at the cursor with Enter', async () => {
    const { layer } = await mount();
    layer.tool = 'text';
    await layer.updateComplete;
    surface(layer).focus();
    await chord('Shift', 'ArrowDown');
    await sendKeys({ press: 'Enter' });
    await layer.updateComplete;
    const input = layer.shadowRoot!.querySelector<HTMLInputElement>('[part="text-input"]')!;
    expect(layer.shadowRoot!.activeElement).to.equal(input);
    expect([parseFloat(input.style.left), parseFloat(input.style.top)]).to.deep.equal([320, 360 * 0.6]);
    await sendKeys({ type: 'Soften' });
    await sendKeys({ press: 'Enter' });
    await layer.updateComplete;
    expect(layer.shapes).to.deep.equal([{ type: 'text', color: '#ff3b30', width: 4, points: [[0.5, 0.6]], text: 'Soften' }]);
  });
});
