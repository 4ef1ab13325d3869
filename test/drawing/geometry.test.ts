import { expect } from '@open-wc/testing';
import type { DrawingShape } from '../../src/contract/types.js';
import {
  containRect,
  decimate,
  denormalise,
  hitTest,
  normalise,
  parseDrawing,
  serialiseDrawing,
  traceSmooth,
  translateShape,
  zoomRect,
  DRAWING_LIMITS,
  type Point,
} from '../../src/drawing/geometry.js';

const shapes: DrawingShape[] = [
  {
    type: 'pen',
    color: '#ff3b30',
    width: 4,
    points: [
      [0.1, 0.1],
      [0.2, 0.15],
      [0.3, 0.3],
    ],
  },
  {
    type: 'line',
    color: '#34c759',
    width: 2,
    points: [
      [0.5, 0.5],
      [0.9, 0.5],
    ],
  },
  {
    type: 'arrow',
    color: '#0a84ff',
    width: 3,
    points: [
      [0.1, 0.9],
      [0.3, 0.6],
    ],
  },
  {
    type: 'rect',
    color: '#ffcc00',
    width: 5,
    points: [
      [0.6, 0.1],
      [0.8, 0.3],
    ],
  },
  {
    type: 'ellipse',
    color: 'rgb(255, 0, 255)',
    width: 3,
    points: [
      [0.3, 0.3],
      [0.6, 0.7],
    ],
  },
  { type: 'text', color: '#ffffff', width: 3, points: [[0.4, 0.8]], text: 'too dark here' },
];

describe('annotation geometry', () => {
  it('serialises a drawing and parses it back unchanged (through JSON, as the API stores it)', () => {
    const stored = JSON.parse(JSON.stringify(serialiseDrawing(shapes)));
    expect(parseDrawing(stored)).to.deep.equal({ shapes });
    expect(serialiseDrawing([])).to.equal(null);
  });

  it('rounds coordinates to 1e-5 of the frame when serialising', () => {
    const d = serialiseDrawing([
      {
        type: 'line',
        color: '#000',
        width: 1,
        points: [
          [1 / 3, 2 / 3],
          [0.5, 0.5],
        ],
      },
    ]);
    expect(d!.shapes[0].points[0]).to.deep.equal([0.33333, 0.66667]);
  });

  it('validates untrusted drawings: drops bad shapes, clamps coordinates and width, keeps the good ones', () => {
    const parsed = parseDrawing({
      shapes: [
        {
          type: 'script',
          color: '#fff',
          width: 2,
          points: [
            [0, 0],
            [1, 1],
          ],
        },
        {
          type: 'line',
          color: 'red;background:url(x)',
          width: 2,
          points: [
            [0, 0],
            [1, 1],
          ],
        },
        { type: 'line', color: '#fff', width: 2, points: [[0, 0]] },
        {
          type: 'rect',
          color: '#fff',
          width: 2,
          points: [
            [0, 0],
            [NaN, 1],
          ],
        },
        {
          type: 'rect',
          color: '#fff',
          width: 2,
          points: [
            [0, 0],
            ['1', 1],
          ],
        },
        { type: 'text', color: '#fff', width: 2, points: [[0.5, 0.5]], text: '   ' },
        {
          type: 'line',
          color: '#fff',
          width: 999,
          points: [
            [-0.5, 0.2],
            [1.5, 0.2],
          ],
          extra: 'dropped',
        },
        { type: 'text', color: 'white', width: 3, points: [[0.5, 0.5]], text: 'x'.repeat(900) },
      ],
    });
    expect(parsed!.shapes).to.have.length(2);
    expect(parsed!.shapes[0]).to.deep.equal({
      type: 'line',
      color: '#fff',
      width: DRAWING_LIMITS.maxWidth,
      points: [
        [0, 0.2],
        [1, 0.2],
      ],
    });
    expect(parsed!.shapes[1].text).to.have.length(DRAWING_LIMITS.textLength);
    expect(parseDrawing(null)).to.equal(null);
    expect(parseDrawing({ shapes: 'nope' })).to.equal(null);
    expect(parseDrawing({ shapes: [{ type: 'pen' }] })).to.equal(null);
  });

  it('caps the number of shapes taken from the API', () => {
    const many = Array.from({ length: DRAWING_LIMITS.shapes + 50 }, () => shapes[1]);
    expect(parseDrawing({ shapes: many })!.shapes).to.have.length(DRAWING_LIMITS.shapes);
  });

  it('normalises to the letterboxed frame and back', () => {
    // A 16:9 picture in a 4:3 box: bars above and below.
    const rect = containRect(800, 600, 1920, 1080);
    expect(rect).to.deep.equal({ left: 0, top: 75, width: 800, height: 450 });
    expect(normalise(400, 300, rect)).to.deep.equal([0.5, 0.5]);
    expect(normalise(-20, 10, rect)).to.deep.equal([0, 0]); // outside the picture: clamped to its edge
    expect(denormalise([0.25, 1], rect)).to.deep.equal([200, 525]);
  });

  it('keeps a point on the same spot of the picture under zoom and pan', () => {
    const fit = containRect(640, 360, 1920, 1080);
    const p: Point = normalise(160, 90, fit); // a quarter in
    const zoomed = zoomRect(fit, 640, 360, 2, 30, -10);
    const [x, y] = denormalise(p, zoomed);
    // Centre (320,180); the point was 160,90 from it: doubled, then panned.
    expect([x, y]).to.deep.equal([320 - 320 + 30, 180 - 180 - 10]);
    expect(normalise(x, y, zoomed)).to.deep.equal(p);
  });

  it('decimates dense samples but keeps both ends', () => {
    const rect = { left: 0, top: 0, width: 100, height: 100 };
    const pts: Point[] = Array.from({ length: 101 }, (_, i) => [i / 1000, 0] as Point); // 0.1 px apart
    const out = decimate(pts, rect, 1.5);
    expect(out[0]).to.deep.equal([0, 0]);
    expect(out[out.length - 1]).to.deep.equal([0.1, 0]);
    expect(out.length).to.be.within(6, 9);
  });

  it('smooths a stroke with curves that start and end on the samples', () => {
    const calls: string[] = [];
    const sink = {
      moveTo: (x: number, y: number) => calls.push(`M${x},${y}`),
      lineTo: (x: number, y: number) => calls.push(`L${x},${y}`),
      quadraticCurveTo: (cx: number, cy: number, x: number, y: number) => calls.push(`Q${cx},${cy},${x},${y}`),
    };
    const rect = { left: 0, top: 0, width: 100, height: 100 };
    traceSmooth(
      sink,
      [
        [0, 0],
        [0.5, 0],
        [0.5, 0.5],
        [1, 0.5],
      ],
      rect,
    );
    expect(calls).to.deep.equal(['M0,0', 'Q50,0,50,25', 'Q50,50,75,50', 'L100,50']);
  });

  it('hit-tests outlines, top-most first, and misses empty space', () => {
    const rect = { left: 0, top: 0, width: 1000, height: 1000 };
    expect(hitTest(shapes, 700, 100, rect)).to.equal(3); // top edge of the rect
    expect(hitTest(shapes, 700, 200, rect)).to.equal(-1); // inside the rect, far from its outline
    expect(hitTest(shapes, 450, 300, rect)).to.equal(4); // top of the ellipse
    expect(hitTest(shapes, 700, 502, rect)).to.equal(1); // near the line
    expect(hitTest(shapes, 200, 150, rect)).to.equal(0); // on the pen stroke
    expect(hitTest(shapes, 420, 810, rect)).to.equal(5); // inside the text box
    expect(hitTest(shapes, 950, 950, rect)).to.equal(-1);
  });

  it('moves a shape but keeps it inside the frame', () => {
    const moved = translateShape(shapes[3], 0.5, 0);
    expect(moved.points).to.deep.equal([
      [0.8, 0.1],
      [1, 0.3],
    ]);
  });
});
