/**
 * Paints drawings on a 2D canvas context. Shared by the live layer and the PNG snapshot, so what is
 * downloaded is exactly what was on screen, only at the media's native size.
 */
import type { DrawingShape } from '../contract/types.js';
import { arrowHead, denormalise, shapeBounds, strokePixels, textPixels, traceSmooth, type FrameRect, type Point } from './geometry.js';

export const TEXT_FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/** Paints one shape (coordinates normalised, `rect` = where the frame is on this canvas). */
export function paintShape(ctx: CanvasRenderingContext2D, shape: DrawingShape, rect: FrameRect): void {
  const px = strokePixels(shape.width, rect);
  ctx.strokeStyle = shape.color;
  ctx.fillStyle = shape.color;
  ctx.lineWidth = px;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const pts = shape.points.map((p) => denormalise(p, rect));
  ctx.beginPath();
  switch (shape.type) {
    case 'pen':
      traceSmooth(ctx, shape.points, rect);
      ctx.stroke();
      return;
    case 'line':
    case 'arrow': {
      const [a, b] = pts;
      ctx.moveTo(a[0], a[1]);
      ctx.lineTo(b[0], b[1]);
      if (shape.type === 'arrow') {
        const [l, r] = arrowHead(a, b, px);
        ctx.moveTo(l[0], l[1]);
        ctx.lineTo(b[0], b[1]);
        ctx.lineTo(r[0], r[1]);
      }
      ctx.stroke();
      return;
    }
    case 'rect': {
      const [a, b] = pts;
      ctx.rect(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1]));
      ctx.stroke();
      return;
    }
    case 'ellipse': {
      const [a, b] = pts;
      ctx.ellipse((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, Math.abs(b[0] - a[0]) / 2, Math.abs(b[1] - a[1]) / 2, 0, 0, Math.PI * 2);
      ctx.stroke();
      return;
    }
    case 'text': {
      const size = textPixels(shape.width, rect);
      ctx.font = `600 ${size}px ${TEXT_FONT}`;
      ctx.textBaseline = 'top';
      // A dark halo keeps light text readable on a light picture (and vice versa for dark colours).
      ctx.lineWidth = Math.max(2, size / 6);
      ctx.strokeStyle = 'rgba(0,0,0,0.6)';
      ctx.strokeText(shape.text ?? '', pts[0][0], pts[0][1]);
      ctx.fillText(shape.text ?? '', pts[0][0], pts[0][1]);
      return;
    }
  }
}

/** Paints shapes at `alpha` opacity (ghosts of neighbouring frames are faded). */
export function paintShapes(ctx: CanvasRenderingContext2D, shapes: readonly DrawingShape[], rect: FrameRect, alpha = 1): void {
  ctx.save();
  ctx.globalAlpha = alpha;
  for (const s of shapes) paintShape(ctx, s, rect);
  ctx.restore();
}

/** Dashed outline around the selected shape. */
export function paintSelection(ctx: CanvasRenderingContext2D, shape: DrawingShape, rect: FrameRect, color: string): void {
  const b = shapeBounds(shape, rect);
  const pad = strokePixels(shape.width, rect) / 2 + 4;
  ctx.save();
  ctx.setLineDash([6, 4]);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = color;
  ctx.strokeRect(b.left - pad, b.top - pad, b.width + 2 * pad, b.height + 2 * pad);
  ctx.restore();
}

/**
 * Paints the newest segment of a live freehand stroke only — O(1) per pointer sample, whatever the
 * stroke's length. With samples s[n-2], s[n-1], s[n], it draws the quadratic from mid(s[n-2], s[n-1]) to
 * mid(s[n-1], s[n]) around s[n-1], the same curve `traceSmooth` draws for the finished stroke.
 */
export function paintPenTail(ctx: CanvasRenderingContext2D, shape: DrawingShape, rect: FrameRect): void {
  const n = shape.points.length;
  ctx.strokeStyle = shape.color;
  ctx.lineWidth = strokePixels(shape.width, rect);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.beginPath();
  if (n <= 2) {
    const a = denormalise(shape.points[0], rect);
    const b = denormalise(shape.points[n - 1], rect);
    ctx.moveTo(a[0], a[1]);
    ctx.lineTo(n === 1 ? a[0] : (a[0] + b[0]) / 2, n === 1 ? a[1] : (a[1] + b[1]) / 2);
  } else {
    const [p0, p1, p2] = [shape.points[n - 3], shape.points[n - 2], shape.points[n - 1]].map((p) => denormalise(p, rect));
    const from: Point = n === 3 ? p0 : [(p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2];
    // The first curve starts at s[0], as traceSmooth does; n === 3 restarts there over the initial half-line.
    ctx.moveTo(from[0], from[1]);
    ctx.quadraticCurveTo(p1[0], p1[1], (p1[0] + p2[0]) / 2, (p1[1] + p2[1]) / 2);
  }
  ctx.stroke();
}

/** A comment's spot (a point `spatial`): a ring with a dark halo, visible on any picture. */
export function paintSpot(ctx: CanvasRenderingContext2D, point: readonly [number, number], rect: FrameRect): void {
  const [x, y] = denormalise(point, rect);
  const r = Math.max(6, rect.height / 60);
  ctx.save();
  ctx.beginPath();
  ctx.arc(x, y, r, 0, Math.PI * 2);
  ctx.lineWidth = 4;
  ctx.strokeStyle = 'rgba(0,0,0,0.6)';
  ctx.stroke();
  ctx.lineWidth = 2;
  ctx.strokeStyle = '#ffcc00';
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(x, y, 1.5, 0, Math.PI * 2);
  ctx.fillStyle = '#ffcc00';
  ctx.fill();
  ctx.restore();
}
