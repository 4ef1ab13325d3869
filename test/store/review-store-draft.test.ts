import { expect } from '@open-wc/testing';
import { ReviewStore, type DraftState } from '../../src/store/review-store.js';
import type { ClipAnnotation, Drawing } from '../../src/contract/types.js';

const drawing: Drawing = {
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
};
const created = (d: unknown) => ({ customFields: d === undefined ? {} : { drawing: d } }) as Pick<ClipAnnotation, 'customFields'>;

function record(store: ReviewStore): DraftState[] {
  const seen: DraftState[] = [];
  store.draft.subscribe((d) => seen.push(d));
  return seen;
}

describe('ReviewStore draft', () => {
  it('waits for a spot for one requester at a time and hands the pick to it, once', () => {
    const store = new ReviewStore();
    const seen = record(store);
    expect(store.draft.state).to.deep.equal({ spotFor: null, spot: null, drawing: null });
    expect(store.pickSpot(10, 10), 'nobody waits: no pick').to.be.false;
    store.waitForSpot('new');
    store.waitForSpot('reply');
    expect(store.draft.state.spotFor, 'the last to ask takes over').to.equal('reply');
    store.cancelSpot('new');
    expect(store.draft.state.spotFor, "another's cancel leaves the wait").to.equal('reply');
    expect(store.pickSpot(120, -3)).to.be.true;
    expect(store.draft.state.spotFor).to.equal(null);
    expect(store.draft.state.spot).to.deep.equal({ x: 100, y: 0, for: 'reply', seq: 1 });
    expect(store.pickSpot(50, 50), 'the wait ended with the pick').to.be.false;
    store.waitForSpot('reply');
    expect(store.pickSpot(Number.NaN, 5), 'not a point').to.be.false;
    store.pickSpot(100, 0);
    expect(store.draft.state.spot, 'the same point again is a new pick').to.deep.equal({ x: 100, y: 0, for: 'reply', seq: 2 });
    store.waitForSpot('host');
    store.cancelSpot();
    expect(store.draft.state.spotFor, 'a cancel without requester ends any wait').to.equal(null);
    // Every change a new object; no-ops publish nothing.
    const before = seen.length;
    store.cancelSpot();
    store.pickSpot(1, 1);
    expect(seen.length).to.equal(before);
    expect(new Set(seen).size).to.equal(seen.length);
  });

  it('holds the drawing on the picture until a comment carrying it is created', () => {
    const store = new ReviewStore();
    const seen = record(store);
    store.setDrawing(drawing);
    store.setDrawing(drawing);
    expect(seen).to.have.length(1);
    store.setDrawing({ shapes: [] });
    expect(store.draft.state.drawing, 'an empty drawing is none').to.equal(null);
    store.setDrawing(drawing);
    store.commentCreated(created(undefined));
    store.commentCreated(created({ shapes: [{ ...drawing.shapes[0], color: '#00ff00' }] }));
    store.commentCreated(created('not a drawing'));
    expect(store.draft.state.drawing, 'other comments leave it').to.equal(drawing);
    // As stored by the server: a copy, keys in another order.
    const { type, color, width, points } = drawing.shapes[0];
    store.commentCreated(created({ shapes: [{ points: structuredClone(points), width, color, type }] }));
    expect(store.draft.state.drawing).to.equal(null);
  });
});
