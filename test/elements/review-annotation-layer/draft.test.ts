/**
 * The composer and the annotation layer as views of the session's draft (media-chrome's habit): each is
 * given a draft in a known state by a bare provider and must render it and send the right requests; then,
 * in a real session, the spot picked on the picture lands in the composer that asked, through the store.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ContextProvider } from '@lit/context';
import { defineElement } from '../../../src/internal/define-element.js';
import { ReviewCommentComposer } from '../../../src/elements/comment-thread/comment-composer.js';
import '../../../src/elements/review-annotation-layer/define.js';
import '../../../src/elements/review-session/define.js';
import type { ReviewAnnotationLayer } from '../../../src/elements/review-annotation-layer/review-annotation-layer.js';
import type { ReviewSession } from '../../../src/elements/review-session/review-session.js';
import { draftContext, type DraftState } from '../../../src/store/context.js';
import type { Drawing } from '../../../src/contract/types.js';
import type { ReviewEventDetails } from '../../../src/events.js';

defineElement('review-comment-composer', ReviewCommentComposer);

const until = (predicate: () => unknown, message = '') => waitUntil(predicate, message, { timeout: 15000 });
const EMPTY: DraftState = { spotFor: null, spot: null, drawing: null };
const drawing: Drawing = {
  shapes: [
    {
      type: 'arrow',
      color: '#ff0000',
      width: 3,
      points: [
        [0.1, 0.1],
        [0.4, 0.4],
      ],
    },
  ],
};

type Request = { type: string; detail: ReviewEventDetails['review-spot-request'] | ReviewEventDetails['review-drawing-request'] };

/** A box that provides a draft (as `<review-session>` does) and records the requests reaching it. */
async function provide(content: ReturnType<typeof html>) {
  const box = await fixture<HTMLDivElement>(html`<div style="position:relative;width:640px;height:360px">${content}</div>`);
  const provider = new ContextProvider(box, { context: draftContext, initialValue: EMPTY });
  const requests: Request[] = [];
  for (const type of ['review-spot-request', 'review-drawing-request'] as const) {
    box.addEventListener(type, (e) => requests.push({ type, detail: e.detail }));
  }
  // The elements were connected before the provider: connect them again so they ask for the draft.
  for (const el of [...box.children]) box.append(el);
  return { box, requests, set: (patch: Partial<DraftState>) => provider.setValue({ ...provider.value, ...patch }) };
}

const spotButton = (c: ReviewCommentComposer) => c.shadowRoot!.querySelector<HTMLButtonElement>('[part="spot-toggle"]')!;

function click(layer: ReviewAnnotationLayer, u: number, v: number): void {
  const surface = layer.shadowRoot!.querySelector<HTMLElement>('.surface')!;
  const r = surface.getBoundingClientRect();
  surface.dispatchEvent(
    new PointerEvent('pointerdown', {
      clientX: r.left + u * r.width,
      clientY: r.top + v * r.height,
      button: 0,
      pointerType: 'mouse',
      bubbles: true,
      composed: true,
    }),
  );
}

describe('<review-comment-composer> as a view of the draft', () => {
  it('asks for a spot and stops asking by request; shows the wait the draft holds for it', async () => {
    const { box, requests, set } = await provide(html`<review-comment-composer allow-spot></review-comment-composer>`);
    const composer = box.querySelector('review-comment-composer')!;
    await composer.updateComplete;
    spotButton(composer).click();
    expect(requests).to.have.length(1);
    const { requester } = requests[0].detail as { requester: string };
    expect(requests[0]).to.deep.equal({ type: 'review-spot-request', detail: { action: 'wait', requester } });
    await composer.updateComplete;
    expect(spotButton(composer).getAttribute('aria-pressed'), 'not pressed until the draft says it waits').to.equal('false');

    set({ spotFor: requester });
    await composer.updateComplete;
    expect(spotButton(composer).getAttribute('aria-pressed')).to.equal('true');
    expect(composer.shadowRoot!.textContent).to.contain(
      'Tap or click the picture to place the spot, or move its cursor with the arrow keys and press Enter.',
    );
    spotButton(composer).click();
    expect(requests[1].detail).to.deep.equal({ action: 'cancel', requester });

    // Another composer took the wait over: this one shows it does not wait, and asks again on a click.
    set({ spotFor: 'someone-else' });
    await composer.updateComplete;
    expect(spotButton(composer).getAttribute('aria-pressed')).to.equal('false');
    spotButton(composer).click();
    expect(requests[2].detail).to.deep.equal({ action: 'wait', requester });
  });

  it("takes the spot picked for it and the draft's drawing, not another composer's spot", async () => {
    const { box, set } = await provide(html`<review-comment-composer allow-spot></review-comment-composer>`);
    const composer = box.querySelector('review-comment-composer')!;
    await composer.updateComplete;
    let requester = '';
    composer.addEventListener('review-spot-request', (e) => (requester = (e.detail as { requester: string }).requester));
    spotButton(composer).click();
    set({ spotFor: null, spot: { x: 40, y: 50, for: 'someone-else', seq: 1 } });
    await composer.updateComplete;
    expect(composer.spot).to.equal(null);
    set({ spot: { x: 25.5, y: 60, for: requester, seq: 2 }, drawing });
    await composer.updateComplete;
    expect(composer.spot).to.deep.equal({ x: 25.5, y: 60 });
    expect(composer.drawing).to.equal(drawing);
    expect(composer.shadowRoot!.textContent).to.contain('Spot at 26 %, 60 %');
    expect(composer.shadowRoot!.textContent).to.contain('Drawing attached (1 shape)');
    // The user removes the spot; the same pick published again is not taken twice.
    composer.spot = null;
    set({ drawing: null });
    await composer.updateComplete;
    expect(composer.spot).to.equal(null);
    expect(composer.drawing, 'the picture was cleared').to.equal(null);
  });

  it('cancels its wait from where it was when it is removed', async () => {
    const { box, requests, set } = await provide(html`<review-comment-composer allow-spot></review-comment-composer>`);
    const composer = box.querySelector('review-comment-composer')!;
    await composer.updateComplete;
    spotButton(composer).click();
    const { requester } = requests[0].detail as { requester: string };
    set({ spotFor: requester });
    composer.remove();
    expect(requests.at(-1)).to.deep.equal({ type: 'review-spot-request', detail: { action: 'cancel', requester } });
  });
});

describe('<review-annotation-layer> as a view of the draft', () => {
  it('picks a spot by request while the draft waits for one, and draws otherwise', async () => {
    const { box, requests, set } = await provide(
      html`<review-annotation-layer .frameRect=${{ left: 0, top: 0, width: 640, height: 360 }}></review-annotation-layer>`,
    );
    const layer = box.querySelector('review-annotation-layer')!;
    await layer.updateComplete;
    const surface = layer.shadowRoot!.querySelector<HTMLElement>('.surface')!;
    expect(surface.classList.contains('spot')).to.be.false;
    click(layer, 0.5, 0.5);
    expect(requests, 'no wait: a click is no pick').to.have.length(0);

    set({ spotFor: 'composer-x' });
    await layer.updateComplete;
    expect(surface.classList.contains('spot')).to.be.true;
    click(layer, 0.25, 0.75);
    expect(requests).to.deep.equal([{ type: 'review-spot-request', detail: { action: 'pick', x: 25, y: 75 } }]);
    expect(layer.shapes).to.have.length(0);
  });

  it('sends its drawing up, and starts anew only when the draft drops its own drawing', async () => {
    const { box, requests, set } = await provide(
      html`<review-annotation-layer .frameRect=${{ left: 0, top: 0, width: 640, height: 360 }}></review-annotation-layer>`,
    );
    const layer = box.querySelector('review-annotation-layer')!;
    layer.tool = 'rect';
    await layer.updateComplete;
    const surface = layer.shadowRoot!.querySelector<HTMLElement>('.surface')!;
    const r = surface.getBoundingClientRect();
    const at = (type: string, u: number, v: number) =>
      surface.dispatchEvent(
        new PointerEvent(type, {
          clientX: r.left + u * r.width,
          clientY: r.top + v * r.height,
          pointerId: 3,
          pointerType: 'pen',
          bubbles: true,
          composed: true,
        }),
      );
    at('pointerdown', 0.2, 0.2);
    at('pointerup', 0.6, 0.6);
    expect(requests.map((q) => q.type)).to.deep.equal(['review-drawing-request']);
    const sent = (requests[0].detail as { drawing: Drawing }).drawing;
    expect(sent).to.deep.equal(layer.drawing);

    // The draft holds another drawing (another layer's, a host's), then drops it: this one stays.
    set({ drawing });
    set({ drawing: null });
    expect(layer.shapes).to.have.length(1);
    // It holds this layer's, and drops it (the comment carrying it was created): a new drawing starts.
    set({ drawing: sent });
    set({ drawing: null });
    expect(layer.shapes).to.have.length(0);
    expect(layer.canUndo).to.be.false;
  });
});

describe('the spot picked on the picture, through the session store', () => {
  it('lands in the composer that asked last, and only there', async () => {
    const session = await fixture<ReviewSession>(html`<review-session>
      <div style="position:relative;width:640px;height:360px">
        <review-annotation-layer .frameRect=${{ left: 0, top: 0, width: 640, height: 360 }}></review-annotation-layer>
      </div>
      <review-comment-composer class="first" allow-spot></review-comment-composer>
      <review-comment-composer class="second" allow-spot></review-comment-composer>
    </review-session>`);
    const layer = session.querySelector('review-annotation-layer')!;
    const [first, second] = [...session.querySelectorAll('review-comment-composer')];
    await Promise.all([layer.updateComplete, first.updateComplete, second.updateComplete]);
    spotButton(first).click();
    spotButton(second).click();
    await Promise.all([first.updateComplete, second.updateComplete, layer.updateComplete]);
    expect(spotButton(first).getAttribute('aria-pressed'), 'the second took the wait over').to.equal('false');
    expect(spotButton(second).getAttribute('aria-pressed')).to.equal('true');

    click(layer, 0.3, 0.6);
    await until(() => second.spot !== null, 'spot in the second composer');
    expect(second.spot).to.deep.equal({ x: 30, y: 60 });
    expect(first.spot).to.equal(null);
    expect(session.store.draft.state.spotFor, 'the wait ended with the pick').to.equal(null);
    await second.updateComplete;
    expect(spotButton(second).getAttribute('aria-pressed')).to.equal('false');
    expect(second.shadowRoot!.textContent).to.contain('Spot at 30 %, 60 %');

    // A composer removed while it waits leaves no wait behind: the picture stops taking picks.
    spotButton(first).click();
    expect(session.store.draft.state.spotFor).to.not.equal(null);
    first.remove();
    expect(session.store.draft.state.spotFor).to.equal(null);
    await layer.updateComplete;
    expect(layer.shadowRoot!.querySelector('.surface')!.classList.contains('spot')).to.be.false;
  });
});
