/**
 * A video track's sample table, pure and DOM-free: which sample is frame `n` (presentation order), where
 * decoding must start to get it (its keyframe, GOP-aware), and the frame rate the samples imply.
 *
 * Frame identity comes from the container, not from time: frame `n` is the n-th presented sample, so files
 * with odd or variable timestamps are exact too. Samples are given in decode order (as the demuxer reads
 * them); a sample that ends before time 0 (an edit list hiding a pre-roll) is decoded but never presented.
 */
import type { FrameRate } from '../contract/types.js';

/** One sample as the demuxer reports it, in decode order. Times in seconds. */
export interface SampleInfo {
  timestamp: number;
  duration: number;
  key: boolean;
}

/** Microseconds, as WebCodecs chunks and frames carry them. Chunks and the table use this same rounding. */
export const toMicroseconds = (seconds: number): number => Math.round(seconds * 1e6);

export class SampleTable {
  /** Number of presented frames. */
  readonly frameCount: number;
  /** Number of samples (presented or not), in decode order. */
  readonly sampleCount: number;
  /** The frame rate implied by the presentation timestamps (snapped to an exact rational when close). */
  readonly rate: FrameRate;
  /** Presentation end of the last frame, in seconds. */
  readonly duration: number;

  /** decode index → frame (presentation) index, −1 for a sample never presented. */
  readonly frameOfSample: Int32Array;
  /** frame index → decode index. */
  readonly sampleOfFrame: Int32Array;
  /** decode index → timestamp, seconds as the demuxer gave it, and rounded to µs. */
  readonly timestamp: Float64Array;
  readonly timestampUs: Float64Array;
  /** decode index → duration, µs. */
  readonly durationUs: Float64Array;
  /** decode index → 1 for a keyframe. */
  readonly key: Uint8Array;
  /** decode index → decode index of the last keyframe at or before it (−1 when none). */
  private readonly keyAtOrBefore: Int32Array;
  private readonly sampleByUs = new Map<number, number>();

  constructor(samples: readonly SampleInfo[]) {
    const n = samples.length;
    this.sampleCount = n;
    this.timestamp = new Float64Array(n);
    this.timestampUs = new Float64Array(n);
    this.durationUs = new Float64Array(n);
    this.key = new Uint8Array(n);
    this.keyAtOrBefore = new Int32Array(n);
    this.frameOfSample = new Int32Array(n).fill(-1);
    let lastKey = -1;
    const shown: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = samples[i];
      this.timestamp[i] = s.timestamp;
      this.timestampUs[i] = toMicroseconds(s.timestamp);
      this.durationUs[i] = toMicroseconds(s.duration);
      this.key[i] = s.key ? 1 : 0;
      if (s.key) lastKey = i;
      this.keyAtOrBefore[i] = lastKey;
      this.sampleByUs.set(this.timestampUs[i], i);
      if (s.timestamp + s.duration > 0) shown.push(i);
    }
    shown.sort((a, b) => this.timestampUs[a] - this.timestampUs[b] || a - b);
    this.frameCount = shown.length;
    this.sampleOfFrame = Int32Array.from(shown);
    shown.forEach((sample, frame) => (this.frameOfSample[sample] = frame));
    const first = shown.length ? this.timestampUs[shown[0]] : 0;
    const lastSample = shown.length ? shown[shown.length - 1] : -1;
    const end = lastSample >= 0 ? this.timestampUs[lastSample] + this.durationUs[lastSample] : 0;
    this.duration = end / 1e6;
    let fps: number;
    if (shown.length >= 2) fps = ((shown.length - 1) * 1e6) / (this.timestampUs[lastSample] - first);
    else fps = lastSample >= 0 && this.durationUs[lastSample] > 0 ? 1e6 / this.durationUs[lastSample] : 24;
    this.rate = snapRate(fps);
  }

  /** The sample (decode index) whose timestamp is `us`, or −1. Decoded frames are matched back this way. */
  sampleAtUs(us: number): number {
    return this.sampleByUs.get(us) ?? -1;
  }

  /** The frame whose sample has timestamp `us` (a decoded `VideoFrame.timestamp`), or −1. */
  frameAtUs(us: number): number {
    const s = this.sampleAtUs(us);
    return s < 0 ? -1 : this.frameOfSample[s];
  }

  /**
   * Where decoding must start (a keyframe's decode index) to get frame `frame`: the last keyframe in decode
   * order at or before the frame's sample; if that keyframe is presented after the frame (a leading picture
   * of an open GOP), the keyframe before it.
   */
  startSampleFor(frame: number): number {
    const sample = this.sampleOfFrame[frame];
    let k = this.keyAtOrBefore[sample];
    while (k > 0 && this.frameOfSample[k] > frame) {
      const before = this.keyAtOrBefore[k - 1];
      if (before < 0) break;
      k = before;
    }
    return k < 0 ? 0 : k;
  }

  /** Keyframes' frame indices, in presentation order (for a timeline or a test). */
  keyFrames(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.sampleCount; i++) if (this.key[i] && this.frameOfSample[i] >= 0) out.push(this.frameOfSample[i]);
    return out.sort((a, b) => a - b);
  }
}

/**
 * A measured rate as an exact rational where it is close to one: integers (24, 25, 30…) and the NTSC
 * x000/1001 rates. Containers store times in ticks (WebM in ms), so the average interval is never exact.
 */
export function snapRate(fps: number): FrameRate {
  const whole = Math.round(fps);
  if (Math.abs(fps - whole) < 0.005 * Math.max(1, whole / 24)) return { num: whole, den: 1, dropFrame: false };
  const ntsc = Math.round(fps * 1.001);
  if (Math.abs(fps - (ntsc * 1000) / 1001) < 0.005 * Math.max(1, ntsc / 24)) {
    return { num: ntsc * 1000, den: 1001, dropFrame: ntsc === 30 || ntsc === 60 };
  }
  return { num: Math.round(fps * 1000), den: 1000, dropFrame: false };
}
