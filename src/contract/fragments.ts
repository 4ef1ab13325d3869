/**
 * Media-fragment helpers for the `spatial` and `uiLocation` fields of a comment: the spatial dimension of
 * the W3C Media Fragments URI, percent form only: `xywh=percent:x,y,w,h` (0..100 of the frame).
 * A point (the "dot" of `spatial`) is a rectangle of width and height 0.
 */

export interface PercentRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const XYWH = /^#?xywh=percent:\s*([-+\d.eE]+)\s*,\s*([-+\d.eE]+)\s*,\s*([-+\d.eE]+)\s*,\s*([-+\d.eE]+)\s*$/;

const clamp = (v: number) => Math.min(100, Math.max(0, v));
// Two decimals are finer than a pixel of a 4K frame and keep the strings short.
const round = (v: number) => Math.round(v * 100) / 100;

/** Clamps a rectangle into the frame: every value 0..100 and `x + w`, `y + h` at most 100. */
export function clampRect(rect: PercentRect): PercentRect {
  const x = clamp(rect.x);
  const y = clamp(rect.y);
  return { x, y, w: Math.min(clamp(rect.w), 100 - x), h: Math.min(clamp(rect.h), 100 - y) };
}

/** Parses `xywh=percent:x,y,w,h` (a leading `#` is allowed); null for anything else. Values are clamped. */
export function parseXywh(fragment: string | null | undefined): PercentRect | null {
  const raw = parseRaw(fragment);
  return raw && clampRect(raw);
}

function parseRaw(fragment: string | null | undefined): PercentRect | null {
  if (!fragment) return null;
  const m = XYWH.exec(fragment.trim());
  if (!m) return null;
  const [x, y, w, h] = m.slice(1, 5).map(Number);
  if (![x, y, w, h].every(Number.isFinite)) return null;
  return { x, y, w, h };
}

/** Formats a rectangle (clamped, rounded to 0.01 %) as `xywh=percent:x,y,w,h`. */
export function formatXywh(rect: PercentRect): string {
  const r = clampRect(rect);
  return `xywh=percent:${round(r.x)},${round(r.y)},${round(r.w)},${round(r.h)}`;
}

/** A point on the frame, e.g. from a click: `xywh=percent:x,y,0,0`. */
export function pointFragment(x: number, y: number): string {
  return formatXywh({ x, y, w: 0, h: 0 });
}

/**
 * Strict validation of input (what a backend accepts): well-formed and already inside the frame, with
 * 0.01 of tolerance for rounding. `parseXywh` is lenient and clamps instead.
 */
export function isXywh(fragment: string): boolean {
  const r = parseRaw(fragment);
  const ok = (v: number) => v >= 0 && v <= 100;
  return !!r && ok(r.x) && ok(r.y) && ok(r.w) && ok(r.h) && r.x + r.w <= 100.01 && r.y + r.h <= 100.01;
}
