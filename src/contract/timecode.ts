/**
 * SMPTE timecode ↔ frame count, pure and shared: the player shows it (src/media/frame-math.ts re-exports it)
 * and the NLE exports write it (src/backend/export-formats.ts). Frames are 0-based counts at the clip's
 * rational rate; a timecode labels a frame with the nominal rate (24 for 23.976, 30 for 29.97). Drop-frame
 * (29.97/59.94 with `dropFrame`) skips labels 0 and 1 (0–3 at 59.94) at the start of every minute except
 * each tenth, and separates the frames with `;` (SMPTE ST 12-1). README.md, "Frame accuracy".
 */
import type { FrameRate } from './types.js';

/** True for the rates SMPTE drop-frame timecode exists for (30000/1001, 60000/1001). */
export function supportsDropFrame(rate: Pick<FrameRate, 'num' | 'den'>): boolean {
  return rate.den === 1001 && (rate.num === 30000 || rate.num === 60000);
}

/** Whether `rate` is written in drop-frame timecode: it asks for it and drop-frame exists at it. */
export function isDropFrame(rate: FrameRate): boolean {
  return rate.dropFrame && supportsDropFrame(rate);
}

/** The frames per second a timecode counts: 24 for 23.976, 30 for 29.97, 25 for 25. */
export function nominalFps(rate: Pick<FrameRate, 'num' | 'den'>): number {
  return Math.round(rate.num / rate.den);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * SMPTE timecode of a 0-based frame count. Non-drop uses the nominal rate and `:` separators; drop-frame
 * separates frames with `;`. Frame 1800 at 29.97 DF is `00:01:00;02`. Negative frames get a leading `-`.
 */
export function toTimecode(frame: number, rate: FrameRate): string {
  if (frame < 0) return `-${toTimecode(-frame, rate)}`;
  const nominal = nominalFps(rate);
  const drop = isDropFrame(rate);
  let label = Math.floor(frame);
  if (drop) {
    const dropPerMinute = Math.round(nominal / 15); // 2 at 30, 4 at 60
    const per10Min = nominal * 600 - dropPerMinute * 9;
    const perMinute = nominal * 60 - dropPerMinute;
    const tens = Math.floor(label / per10Min);
    const rest = label % per10Min;
    label += dropPerMinute * 9 * tens;
    if (rest > dropPerMinute) label += dropPerMinute * Math.floor((rest - dropPerMinute) / perMinute);
  }
  const ff = label % nominal;
  const totalSeconds = Math.floor(label / nominal);
  const ss = totalSeconds % 60;
  const mm = Math.floor(totalSeconds / 60) % 60;
  const hh = Math.floor(totalSeconds / 3600);
  return `${pad(hh)}:${pad(mm)}:${pad(ss)}${drop ? ';' : ':'}${pad(ff, String(nominal - 1).length)}`;
}

/**
 * The frame count a timecode names, inverse of `toTimecode` (`01:00:00:00` at 25 → 90000; `01:00:00;00` at
 * 29.97 DF → 107892). Accepts `:`, `;` or `.` before the frames. Null when malformed.
 */
export function parseTimecode(text: string, rate: FrameRate): number | null {
  const m = /^(\d+):(\d{2}):(\d{2})[:;.](\d+)$/.exec(text.trim());
  if (!m) return null;
  const [hh, mm, ss, ff] = m.slice(1).map(Number);
  const nominal = nominalFps(rate);
  if (mm > 59 || ss > 59 || ff >= nominal) return null;
  const totalMinutes = hh * 60 + mm;
  let frame = (totalMinutes * 60 + ss) * nominal + ff;
  if (isDropFrame(rate)) {
    const dropPerMinute = Math.round(nominal / 15);
    frame -= dropPerMinute * (totalMinutes - Math.floor(totalMinutes / 10));
  }
  return frame;
}
