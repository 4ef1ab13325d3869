import { expect } from '@open-wc/testing';
import { SampleTable, snapRate } from '../../src/media/sample-table.js';
import { FrameCache } from '../../src/media/frame-cache.js';

/** Samples in decode order: [presentation slot, key?] at 24 fps. */
const table = (order: Array<[number, boolean]>, offset = 0) =>
  new SampleTable(order.map(([slot, key]) => ({ timestamp: (slot + offset) / 24, duration: 1 / 24, key })));

describe('SampleTable', () => {
  it('numbers frames in presentation order and maps decoded timestamps back to them', () => {
    // I0 P3 B1 B2 | I4 P7 B5 B6
    const t = table([
      [0, true],
      [3, false],
      [1, false],
      [2, false],
      [4, true],
      [7, false],
      [5, false],
      [6, false],
    ]);
    expect(t.frameCount).to.equal(8);
    expect(Array.from(t.sampleOfFrame)).to.deep.equal([0, 2, 3, 1, 4, 6, 7, 5]);
    expect(t.frameAtUs(Math.round((5 / 24) * 1e6))).to.equal(5);
    expect(t.frameAtUs(123)).to.equal(-1);
    expect([0, 1, 3, 4, 6, 7].map((f) => t.startSampleFor(f))).to.deep.equal([0, 0, 0, 4, 4, 4]);
    expect(t.keyFrames()).to.deep.equal([0, 4]);
    expect(t.rate).to.deep.equal({ num: 24, den: 1, dropFrame: false });
  });

  it('starts a leading picture of an open GOP at the keyframe before', () => {
    // I0 P2 B1 | I4 B3 (B3 is shown before I4 and may reference the first GOP)
    const t = table([
      [0, true],
      [2, false],
      [1, false],
      [4, true],
      [3, false],
    ]);
    expect(t.startSampleFor(3)).to.equal(0);
    expect(t.startSampleFor(4)).to.equal(3);
  });

  it('does not present samples that end before time 0 (an edit list pre-roll)', () => {
    const t = table([
      [-2, true],
      [-1, false],
      [0, false],
      [1, false],
    ]);
    expect(t.frameCount).to.equal(2);
    expect(t.frameOfSample[0]).to.equal(-1);
    expect(t.startSampleFor(0)).to.equal(0);
  });

  it('snaps measured rates to exact rationals', () => {
    expect(snapRate(24.0004)).to.deep.equal({ num: 24, den: 1, dropFrame: false });
    expect(snapRate(23.978)).to.deep.equal({ num: 24000, den: 1001, dropFrame: false });
    expect(snapRate(29.9701)).to.deep.equal({ num: 30000, den: 1001, dropFrame: true });
    expect(snapRate(59.94)).to.deep.equal({ num: 60000, den: 1001, dropFrame: true });
    expect(snapRate(12.5)).to.deep.equal({ num: 12500, den: 1000, dropFrame: false });
  });
});

describe('FrameCache', () => {
  const fake = () => {
    const f = { closed: false, codedWidth: 10, codedHeight: 10, close: () => void (f.closed = true) };
    return f;
  };
  type Fake = ReturnType<typeof fake>;

  it('holds at most its budget, evicting (closing) the frames farthest from the focus', () => {
    const cache = new FrameCache<Fake>(150 * 4); // four 10×10 4:2:0 frames
    const frames = Array.from({ length: 8 }, fake);
    cache.focus = 2;
    frames.forEach((f, i) => cache.put(i, f));
    expect(cache.indices()).to.deep.equal([0, 1, 2, 3]);
    expect(frames.map((f) => f.closed)).to.deep.equal([false, false, false, false, true, true, true, true]);
    expect(cache.closed).to.equal(4);
    cache.focus = 6;
    const near = fake();
    expect(cache.put(6, near)).to.be.true;
    expect(frames[0].closed).to.be.true;
    cache.budget = 150;
    expect(cache.indices()).to.deep.equal([6]);
    cache.clear();
    expect(near.closed).to.be.true;
    expect(cache.bytes).to.equal(0);
  });

  it('keeps the window before nearer frames outside it, and always keeps a pinned frame', () => {
    const cache = new FrameCache<Fake>(150 * 2);
    cache.focus = 10;
    cache.ahead = 5;
    cache.behind = 0;
    cache.put(14, fake());
    cache.put(9, fake()); // outside the window (behind = 0): ranked after 14
    const far = fake();
    cache.put(15, far);
    expect(cache.indices()).to.deep.equal([14, 15]);
    const pinned = fake();
    expect(cache.put(90, pinned, true)).to.be.true;
    expect(cache.has(90)).to.be.true;
    expect(pinned.closed).to.be.false;
    const dup = fake();
    cache.put(90, dup);
    expect(dup.closed).to.be.true;
  });
});
