/**
 * Pure geometry of annotation drawings: no DOM, no element. Shapes are stored with coordinates normalised
 * to 0..1 of the frame (`customFields.drawing`, `Drawing` in src/contract/types.ts), so a drawing stays
 * locked to the picture at any player size, zoom, pan or full screen; everything here converts between that
 * space and the on-screen "frame rect" (where the picture is drawn, in CSS pixels of the layer).
 */
import type { Drawing, DrawingShape } from '../contract/types.js';

export type ShapeType = DrawingShape['type'];
export type Point = [number, number];

/** Where the picture is on screen (or on a snapshot canvas), in that surface's pixels. */
export interface FrameRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export const SHAPE_TYPES: readonly ShapeType[] = ['pen', 'line', 'arrow', 'rect', 'ellipse', 'text'];

/**
 * `DrawingShape.width` is in pixels of a frame this many pixels high; it scales with the picture, so a
 * stroke keeps its thickness relative to the image under zoom, in full screen and in a snapshot.
 */
export const STROKE_REFERENCE_HEIGHT = 720;
/** Text height as a multiple of the stroke width (width 3 gives 18 px text on a 720 px frame). */
export const TEXT_SIZE_FACTOR = 6;

/** Limits of what is accepted from the API: a drawing is untrusted input. */
export const DRAWING_LIMITS = {
  shapes: 500,
  pointsPerShape: 10_000,
  textLength: 500,
  minWidth: 0.5,
  maxWidth: 64,
} as const;

// 5 decimals: 1/100 000 of the frame, finer than a pixel of an 8K picture; keeps the JSON short.
const PRECISION = 1e5;

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
const round = (v: number) => Math.round(v * PRECISION) / PRECISION;

/**
 * The rect of a `mediaWidth × mediaHeight` picture shown with `object-fit: contain` in a `boxWidth ×
 * boxHeight` box (letter- or pillar-boxed, centred). A zero media size fills the box.
 */
export function containRect(boxWidth: number, boxHeight: number, mediaWidth: number, mediaHeight: number): FrameRect {
  if (!(mediaWidth > 0 && mediaHeight > 0) || !(boxWidth > 0 && boxHeight > 0)) {
    return { left: 0, top: 0, width: Math.max(0, boxWidth), height: Math.max(0, boxHeight) };
  }
  const scale = Math.min(boxWidth / mediaWidth, boxHeight / mediaHeight);
  const width = mediaWidth * scale;
  const height = mediaHeight * scale;
  return { left: (boxWidth - width) / 2, top: (boxHeight - height) / 2, width, height };
}

/**
 * The frame rect after a zoom by `scale` about the box centre and a pan by (`panX`, `panY`) CSS pixels —
 * the transform a player applies to its picture.
 */
export function zoomRect(rect: FrameRect, boxWidth: number, boxHeight: number, scale: number, panX = 0, panY = 0): FrameRect {
  const cx = boxWidth / 2;
  const cy = boxHeight / 2;
  return {
    left: cx + (rect.left - cx) * scale + panX,
    top: cy + (rect.top - cy) * scale + panY,
    width: rect.width * scale,
    height: rect.height * scale,
  };
}

/** Screen point → normalised frame point, clamped to the frame (a stroke that leaves the picture sticks to its edge). */
export function normalise(x: number, y: number, rect: FrameRect): Point {
  if (!(rect.width > 0 && rect.height > 0)) return [0, 0];
  return [clamp01((x - rect.left) / rect.width), clamp01((y - rect.top) / rect.height)];
}

/** Normalised frame point → screen point. */
export function denormalise(point: readonly [number, number], rect: FrameRect): Point {
  return [rect.left + point[0] * rect.width, rect.top + point[1] * rect.height];
}

/** On-screen stroke width of a shape drawn in `rect` (never thinner than one pixel). */
export function strokePixels(width: number, rect: FrameRect): number {
  return Math.max(1, (width * rect.height) / STROKE_REFERENCE_HEIGHT);
}

/** On-screen text height of a text shape. */
export function textPixels(width: number, rect: FrameRect): number {
  return Math.max(10, strokePixels(width, rect) * TEXT_SIZE_FACTOR);
}

/**
 * Whether a new freehand sample is worth keeping: it must be at least `minPixels` away (on screen) from the
 * last kept one. Drops the dense jitter of coalesced events without losing the shape.
 */
export function farEnough(
  last: readonly [number, number] | undefined,
  next: readonly [number, number],
  rect: FrameRect,
  minPixels: number,
): boolean {
  if (!last) return true;
  const dx = (next[0] - last[0]) * rect.width;
  const dy = (next[1] - last[1]) * rect.height;
  return dx * dx + dy * dy >= minPixels * minPixels;
}

/** Radial decimation of a whole stroke (see `farEnough`); the last point is always kept. */
export function decimate(points: readonly Point[], rect: FrameRect, minPixels: number): Point[] {
  const out: Point[] = [];
  for (const p of points) if (farEnough(out[out.length - 1], p, rect, minPixels)) out.push(p);
  const last = points[points.length - 1];
  if (last && out[out.length - 1] !== last) out.push(last);
  return out;
}

/** The subset of CanvasRenderingContext2D / Path2D that path tracing needs. */
export interface PathSink {
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  quadraticCurveTo(cpx: number, cpy: number, x: number, y: number): void;
}

/**
 * Traces a smoothed freehand stroke: quadratic Bézier curves through the midpoints of consecutive samples,
 * each sample being the control point. The curve is C1-continuous and passes through the first and last
 * samples. Segment `i` depends only on samples `i-1..i+1`, so a live stroke can be drawn incrementally.
 */
export function traceSmooth(sink: PathSink, points: readonly Point[], rect: FrameRect): void {
  const s = points.map((p) => denormalise(p, rect));
  if (s.length === 0) return;
  sink.moveTo(s[0][0], s[0][1]);
  if (s.length === 1) {
    sink.lineTo(s[0][0], s[0][1]);
    return;
  }
  if (s.length === 2) {
    sink.lineTo(s[1][0], s[1][1]);
    return;
  }
  for (let i = 1; i < s.length - 1; i++) {
    const mx = (s[i][0] + s[i + 1][0]) / 2;
    const my = (s[i][1] + s[i + 1][1]) / 2;
    sink.quadraticCurveTo(s[i][0], s[i][1], mx, my);
  }
  const last = s[s.length - 1];
  sink.lineTo(last[0], last[1]);
}

/** The two barbs of an arrow head at `to`, in screen pixels, sized from the stroke width. */
export function arrowHead(from: Point, to: Point, strokePx: number): [Point, Point] {
  const angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
  const length = Math.max(10, strokePx * 4);
  const spread = Math.PI / 7;
  return [
    [to[0] - length * Math.cos(angle - spread), to[1] - length * Math.sin(angle - spread)],
    [to[0] - length * Math.cos(angle + spread), to[1] - length * Math.sin(angle + spread)],
  ];
}

/** Distance from point `p` to segment `a`–`b`. */
export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Screen bounding box of a shape in `rect` (text: an estimate from its length and size). */
export function shapeBounds(shape: DrawingShape, rect: FrameRect): FrameRect {
  const pts = shape.points.map((p) => denormalise(p, rect));
  if (shape.type === 'text') {
    const size = textPixels(shape.width, rect);
    const [x, y] = pts[0] ?? [rect.left, rect.top];
    // 0.6 em per character is the average advance of a sans-serif font; good enough to hit and outline.
    return { left: x, top: y, width: Math.max(size, (shape.text ?? '').length * size * 0.6), height: size * 1.2 };
  }
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const [x, y] of pts) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  if (pts.length === 0) return { left: rect.left, top: rect.top, width: 0, height: 0 };
  return { left: minX, top: minY, width: maxX - minX, height: maxY - minY };
}

/**
 * Screen distance from a point to a shape's drawn outline (0 inside a text box). Used by the select tool;
 * outlines, not areas, so a small shape inside a big ellipse can still be picked.
 */
export function distanceToShape(shape: DrawingShape, x: number, y: number, rect: FrameRect): number {
  const p: Point = [x, y];
  const pts = shape.points.map((q) => denormalise(q, rect));
  switch (shape.type) {
    case 'pen':
    case 'line':
    case 'arrow': {
      if (pts.length === 1) return Math.hypot(x - pts[0][0], y - pts[0][1]);
      let d = Infinity;
      for (let i = 1; i < pts.length; i++) d = Math.min(d, distanceToSegment(p, pts[i - 1], pts[i]));
      return d;
    }
    case 'rect': {
      const [[x0, y0], [x1, y1]] = pts;
      const corners: Point[] = [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
      ];
      let d = Infinity;
      for (let i = 0; i < 4; i++) d = Math.min(d, distanceToSegment(p, corners[i], corners[(i + 1) % 4]));
      return d;
    }
    case 'ellipse': {
      const [[x0, y0], [x1, y1]] = pts;
      const cx = (x0 + x1) / 2,
        cy = (y0 + y1) / 2;
      const rx = Math.abs(x1 - x0) / 2,
        ry = Math.abs(y1 - y0) / 2;
      if (rx < 0.5 || ry < 0.5) return distanceToSegment(p, pts[0], pts[1]);
      // Distance along the ray from the centre: exact on circles, close enough on ellipses for picking.
      const nx = (x - cx) / rx,
        ny = (y - cy) / ry;
      const r = Math.hypot(nx, ny);
      if (r === 0) return Math.min(rx, ry);
      const ex = cx + (nx / r) * rx,
        ey = cy + (ny / r) * ry;
      return Math.hypot(x - ex, y - ey);
    }
    case 'text': {
      const b = shapeBounds(shape, rect);
      const dx = Math.max(b.left - x, 0, x - (b.left + b.width));
      const dy = Math.max(b.top - y, 0, y - (b.top + b.height));
      return Math.hypot(dx, dy);
    }
  }
}

/**
 * Index of the top-most shape whose outline is within `tolerance` screen pixels (plus half its stroke)
 * of (`x`, `y`), or -1. Later shapes are drawn on top, so they are tried first.
 */
export function hitTest(shapes: readonly DrawingShape[], x: number, y: number, rect: FrameRect, tolerance = 6): number {
  for (let i = shapes.length - 1; i >= 0; i--) {
    const s = shapes[i];
    if (distanceToShape(s, x, y, rect) <= tolerance + strokePixels(s.width, rect) / 2) return i;
  }
  return -1;
}

/** The shape moved by (`dx`, `dy`) in normalised units, kept inside the frame as a whole. */
export function translateShape(shape: DrawingShape, dx: number, dy: number): DrawingShape {
  const xs = shape.points.map((p) => p[0]);
  const ys = shape.points.map((p) => p[1]);
  const cdx = Math.min(Math.max(dx, -Math.min(...xs)), 1 - Math.max(...xs));
  const cdy = Math.min(Math.max(dy, -Math.min(...ys)), 1 - Math.max(...ys));
  return { ...shape, points: shape.points.map(([x, y]) => [round(x + cdx), round(y + cdy)] as Point) };
}

/** Whether a just-drawn shape has any extent worth keeping (a click with the rect tool draws nothing). */
export function isMeaningful(shape: DrawingShape, rect: FrameRect, minPixels = 2): boolean {
  if (shape.type === 'pen') return shape.points.length > 0;
  if (shape.type === 'text') return !!shape.text?.trim();
  const [a, b] = shape.points.map((p) => denormalise(p, rect));
  return !!a && !!b && Math.hypot(b[0] - a[0], b[1] - a[1]) >= minPixels;
}

// — serialisation and validation —

// Colours are written into a canvas `strokeStyle`, never into markup; still, accept only plain colour
// syntax so a stored drawing cannot carry anything else.
const COLOR = /^(#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|rgba?\(\s*[\d.%\s,/]+\)|[a-z]{3,20})$/i;

export function isColor(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 40 && COLOR.test(value.trim());
}

/** The canonical stored form of one shape: rounded coordinates, only the known fields. */
export function serialiseShape(shape: DrawingShape): DrawingShape {
  const out: DrawingShape = {
    type: shape.type,
    color: shape.color,
    width: Math.round(shape.width * 100) / 100,
    points: shape.points.map(([x, y]) => [round(clamp01(x)), round(clamp01(y))] as Point),
  };
  if (shape.type === 'text') out.text = shape.text ?? '';
  return out;
}

/** The `customFields.drawing` value for a list of shapes; null when there is nothing to store. */
export function serialiseDrawing(shapes: readonly DrawingShape[]): Drawing | null {
  return shapes.length ? { shapes: shapes.map(serialiseShape) } : null;
}

/** How many points a shape of each type must have. */
function pointCountOk(type: ShapeType, n: number): boolean {
  if (type === 'pen') return n >= 1 && n <= DRAWING_LIMITS.pointsPerShape;
  if (type === 'text') return n === 1;
  return n === 2;
}

/**
 * Validates one untrusted shape (from the API, a paste, a story): returns its canonical form, or null when
 * it is not a shape. Coordinates outside 0..1 are clamped; anything else malformed rejects the shape.
 */
export function parseShape(value: unknown): DrawingShape | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  const type = v.type as ShapeType;
  if (!SHAPE_TYPES.includes(type)) return null;
  if (!isColor(v.color)) return null;
  const width = v.width;
  if (typeof width !== 'number' || !Number.isFinite(width)) return null;
  if (!Array.isArray(v.points) || !pointCountOk(type, v.points.length)) return null;
  const points: Point[] = [];
  for (const p of v.points) {
    if (!Array.isArray(p) || p.length !== 2) return null;
    const [x, y] = p as unknown[];
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return null;
    points.push([x, y]);
  }
  let text: string | undefined;
  if (type === 'text') {
    if (typeof v.text !== 'string' || !v.text.trim()) return null;
    text = v.text.slice(0, DRAWING_LIMITS.textLength);
  }
  return serialiseShape({
    type,
    color: (v.color as string).trim(),
    width: Math.min(DRAWING_LIMITS.maxWidth, Math.max(DRAWING_LIMITS.minWidth, width)),
    points,
    text,
  });
}

/**
 * Validates an untrusted `customFields.drawing`: the valid shapes (at most `DRAWING_LIMITS.shapes`), or
 * null when there is no drawing or no valid shape. Invalid shapes are dropped, not fatal, so one bad shape
 * written by another client does not hide the rest.
 */
export function parseDrawing(value: unknown): Drawing | null {
  if (!value || typeof value !== 'object') return null;
  const raw = (value as { shapes?: unknown }).shapes;
  if (!Array.isArray(raw)) return null;
  const shapes: DrawingShape[] = [];
  for (const s of raw.slice(0, DRAWING_LIMITS.shapes)) {
    const shape = parseShape(s);
    if (shape) shapes.push(shape);
  }
  return shapes.length ? { shapes } : null;
}
