/**
 * The player's frame model, pure and DOM-free: rational frame rates, time ↔ frame, and the display of a
 * frame as a frame number, SMPTE timecode (drop-frame for 29.97/59.94) or seconds (README.md, "Frame accuracy").
 *
 * Frames are 0-based media frame indices everywhere (the unit of a comment's `start`). Frame `n` spans
 * `[n / fps, (n + 1) / fps)`; the player seeks to its middle so container rounding can never land on a
 * neighbour.
 */
import type { FrameRate } from '../contract/types.js';
import { supportsDropFrame, toTimecode } from '../contract/timecode.js';

// The timecode math lives in the contract, where the exports of src/backend use it too.
export { parseTimecode, supportsDropFrame, toTimecode } from '../contract/timecode.js';

export type { FrameRate } from '../contract/types.js';

/** How a frame is shown: a frame number, SMPTE timecode or seconds. */
export type TimeFormat = 'frames' | 'timecode' | 'seconds';

/** NTSC rates written as decimals, mapped to their exact rationals. */
const NTSC: Record<string, [number, number]> = {
  '23.976': [24000, 1001],
  '23.98': [24000, 1001],
  '29.97': [30000, 1001],
  '47.952': [48000, 1001],
  '59.94': [60000, 1001],
  '119.88': [120000, 1001],
};

/**
 * Parses `24`, `23.976`, `29.97`, `24000/1001`, `30000/1001` or a number into a rational frame rate.
 * Decimal NTSC rates become their x000/1001 rational. `dropFrame` defaults to true where SMPTE defines
 * drop-frame (29.97, 59.94), as broadcast does. Returns null when the input is not a positive rate.
 */
export function parseFrameRate(input: string | number | null | undefined, dropFrame?: boolean): FrameRate | null {
  if (input === null || input === undefined) return null;
  const text = String(input).trim();
  const ratio = /^(\d+(?:\.\d+)?)\s*[/:]\s*(\d+(?:\.\d+)?)$/.exec(text);
  if (ratio) return rational(Number(ratio[1]), Number(ratio[2]), dropFrame);
  return /^\d+(?:\.\d+)?$/.test(text) ? frameRateFromFps(Number(text), dropFrame) : null;
}

/**
 * A decimal fps as a rational frame rate (23.976 → 24000/1001, 29.97 → 30000/1001 drop-frame, 25 → 25/1):
 * `parseFrameRate` of a number, and what `<review-session>` uses for a `review-ready` without a
 * `frameRate`. Public under this name since 0.1.0. Null when `fps` is not a positive rate.
 */
export function frameRateFromFps(fps: number, dropFrame?: boolean): FrameRate | null {
  const known = NTSC[String(fps)];
  if (known) return rational(known[0], known[1], dropFrame);
  // A near-NTSC decimal such as 23.976023 (what some probes print) is still 24000/1001.
  const ntsc = Math.round(fps * 1.001);
  return !Number.isInteger(fps) && Math.abs(fps - (ntsc * 1000) / 1001) < 0.001
    ? rational(ntsc * 1000, 1001, dropFrame)
    : rational(fps, 1, dropFrame);
}

function rational(num: number, den: number, dropFrame: boolean | undefined): FrameRate | null {
  if (!(num > 0) || !(den > 0) || !Number.isFinite(num / den)) return null;
  const rate = { num, den };
  return { ...rate, dropFrame: dropFrame ?? supportsDropFrame(rate) };
}

/** Frames per second as a number (24000/1001 → 23.976…). */
export function fpsOf(rate: Pick<FrameRate, 'num' | 'den'>): number {
  return rate.num / rate.den;
}

/** The media time to seek to for frame `n`: the middle of the frame, `(n + 0.5) / fps`. */
export function frameToSeekTime(frame: number, rate: Pick<FrameRate, 'num' | 'den'>): number {
  return ((frame + 0.5) * rate.den) / rate.num;
}

/** When frame `n` starts, `n / fps`. */
export function frameStartTime(frame: number, rate: Pick<FrameRate, 'num' | 'den'>): number {
  return (frame * rate.den) / rate.num;
}

/**
 * The frame whose span contains media time `t` (e.g. `currentTime`). A micro-epsilon absorbs float
 * error so `frameStartTime(n)` maps back to `n`.
 */
export function frameAtTime(t: number, rate: Pick<FrameRate, 'num' | 'den'>): number {
  return Math.max(0, Math.floor((t * rate.num) / rate.den + 1e-6));
}

/**
 * The frame a presented picture belongs to, from its presentation timestamp (`requestVideoFrameCallback`'s
 * `mediaTime`). A PTS is a frame's *start*, but containers round it (WebM to 1 ms: frame 2 at 24 fps is
 * stored as 0.083 s, just before 2/24) and WebM's first frame may start a few ms late, so the nearest
 * frame start is the right answer, not the floor.
 */
export function frameAtPresentationTime(mediaTime: number, rate: Pick<FrameRate, 'num' | 'den'>): number {
  return Math.max(0, Math.round((mediaTime * rate.num) / rate.den));
}

/** Clamps a frame index into `[0, frameCount - 1]` (0 while the count is unknown). */
export function clampFrame(frame: number, frameCount: number): number {
  if (!Number.isFinite(frame)) return 0;
  return Math.min(Math.max(0, Math.round(frame)), Math.max(0, frameCount - 1));
}

export interface FormatFrameOptions {
  /** `frames` (default), `timecode` or `seconds`. */
  format?: TimeFormat;
  /** Needed for `timecode` and `seconds`; a string such as `23.976` is parsed. Default 24. */
  frameRate?: FrameRate | string | number | null;
  /**
   * Added to the frame number shown by the `frames` format (a plate starting at 1001). Timecode and
   * seconds show media time, which an offset in frame *numbering* does not move.
   */
  frameOffset?: number;
  /**
   * The timecode of frame 0, in frames (`parseTimecode('01:00:00:00', rate)`): editorial timecode starts
   * where the source's does, so the `timecode` format adds it. Default 0 (00:00:00:00).
   */
  timecodeStart?: number;
}

/**
 * Formats a 0-based media frame for display in the player's time format. The comment thread uses it so a
 * comment's frame reads exactly like the player's counter.
 *
 * `formatFrame(1800, {format: 'timecode', frameRate: '29.97'})` → `00:01:00;02`;
 * `formatFrame(0, {frameOffset: 1001})` → `1001`; `formatFrame(36, {format: 'seconds', frameRate: 24})` → `1.500s`.
 */
export function formatFrame(frame: number, options: FormatFrameOptions = {}): string {
  const format = options.format ?? 'frames';
  if (format === 'frames') return String(Math.floor(frame) + (options.frameOffset ?? 0));
  const rate =
    typeof options.frameRate === 'object' && options.frameRate !== null
      ? options.frameRate
      : (parseFrameRate(options.frameRate ?? 24) ?? { num: 24, den: 1, dropFrame: false });
  if (format === 'timecode') return toTimecode(frame + (options.timecodeStart ?? 0), rate);
  return `${frameStartTime(frame, rate).toFixed(3)}s`;
}
