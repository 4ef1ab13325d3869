/**
 * The annotation layer's editing tools are a chunk of their own: a readonly layer or a viewer's layer
 * never downloads them; a layer whose user may draw fetches them and draws once a tool is chosen. Its own
 * file: a page loads a module once, so a test that drew first would hide whether the first layer fetched it.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../../src/elements/review-session/define.js';
import '../../../src/elements/review-annotation-layer/define.js';
import type { ReviewSession } from '../../../src/elements/review-session/review-session.js';
import type { ReviewAnnotationLayer } from '../../../src/elements/review-annotation-layer/review-annotation-layer.js';
import { memoryApi, mountWithSession } from '../review-playlist/harness.js';

const editorFetched = () => performance.getEntriesByType('resource').some((e) => e.name.includes('/annotation-editor.'));

const layerMarkup = html`<div style="position:relative;width:640px;height:360px">
  <review-annotation-layer media-width="640" media-height="360"></review-annotation-layer>
</div>`;

function pointer(layer: ReviewAnnotationLayer, type: string, x: number, y: number): void {
  const surface = layer.shadowRoot!.querySelector<HTMLElement>('.surface')!;
  const r = surface.getBoundingClientRect();
  surface.dispatchEvent(
    new PointerEvent(type, { clientX: r.left + x, clientY: r.top + y, pointerId: 3, pointerType: 'pen', bubbles: true, composed: true }),
  );
}

describe('<review-annotation-layer> loads its editing tools on demand', () => {
  it('a readonly layer and a viewer’s layer never fetch them; a layer whose user may draw does, and draws', async () => {
    // A fetch, once started, holds back updateComplete until the module is in: after it, no entry means no fetch.
    const readonlyBox = await fixture<HTMLDivElement>(html`<div style="position:relative;width:640px;height:360px">
      <review-annotation-layer readonly media-width="640" media-height="360"></review-annotation-layer>
    </div>`);
    const readonlyLayer = readonlyBox.querySelector('review-annotation-layer')!;
    readonlyLayer.tool = 'pen';
    await readonlyLayer.updateComplete;
    expect(readonlyLayer.tool, 'a readonly layer takes no tool').to.equal(null);
    expect(editorFetched(), 'editor fetched for a readonly layer').to.equal(false);
    readonlyBox.remove();

    // A real session: while it loads, the layer does not know the rights yet and must not fetch ahead.
    const viewerPage = await fixture<ReviewSession>(
      html`<review-session .api=${memoryApi(4)} clip-id="101">${layerMarkup}</review-session>`,
    );
    const viewerLayer = viewerPage.querySelector('review-annotation-layer')!;
    await viewerPage.loaded;
    await viewerLayer.updateComplete;
    viewerLayer.tool = 'pen';
    await viewerLayer.updateComplete;
    expect(viewerLayer.canDraw).to.equal(false);
    expect(viewerLayer.shadowRoot!.querySelector('[part="toolbar"]'), 'no tool bar for a viewer').to.equal(null);
    expect(editorFetched(), 'editor fetched for a viewer').to.equal(false);
    viewerPage.remove();

    const page = await mountWithSession(memoryApi(1), layerMarkup);
    const layer = page.querySelector('review-annotation-layer')!;
    await waitUntil(() => layer.currentFrameRect.width > 0, 'layer measured');
    layer.tool = 'rect';
    await layer.updateComplete;
    expect(editorFetched(), 'editor fetched for a user who may draw').to.equal(true);
    const rectangle = layer.shadowRoot!.querySelector('[data-tool="rect"]');
    expect(rectangle?.getAttribute('aria-pressed'), 'the tool bar shows the chosen tool').to.equal('true');

    const change = oneEvent(layer, 'review-drawing-change');
    pointer(layer, 'pointerdown', 64, 36);
    pointer(layer, 'pointermove', 200, 120);
    pointer(layer, 'pointerup', 320, 180);
    const { drawing } = (await change).detail;
    expect(drawing!.shapes).to.have.length(1);
    expect(drawing!.shapes[0]).to.deep.include({
      type: 'rect',
      points: [
        [0.1, 0.1],
        [0.5, 0.5],
      ],
    });
    expect(layer.canUndo).to.equal(true);
  });
});
