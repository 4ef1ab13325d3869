import { clampFrame, frameAtPresentationTime, frameAtTime, frameToSeekTime, type FrameRate } from './frame-math.js';

interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface InflightSeek {
  frame: number;
  /** performance.now() when currentTime was set: pictures presented before it are stale. */
  issuedAt: number;
  /** The `seeked` event of this seek arrived. */
  seeked: boolean;
  /** A picture was presented (rVFC) after the seek: what the seek put on screen is known. */
  presented: boolean;
}

/** Where inside the frame a retry seeks when a seek showed a neighbour (fractions of a frame). */
const RETRY_POSITIONS = [0.5, 0.35, 0.65, 0.2, 0.8];
/** After `seeked`, how long to wait for a presented picture before re-checking (ms). */
const PRESENT_GRACE_MS = 400;

/**
 * Keeps a `<video>`'s on-screen frame and the frame the player names in agreement (README.md, "Frame
 * accuracy").
 *
 * - The shown frame comes only from `requestVideoFrameCallback` (`mediaTime` → frame), never from
 *   `currentTime` or `timeupdate`, so during playback the counter follows the presented pictures.
 * - Seeks go to the middle of the frame. A seek is done when `seeked` fired *and* a picture was presented
 *   after it; a seek that showed a neighbour is retried at other points inside the frame.
 * - Only one seek is in flight at a time. Requests coalesce: the last request wins, and every caller's
 *   promise resolves once that final target is the frame on screen (none is dropped or rejected for
 *   being superseded). Relative steps accumulate on the pending target, so a burst of five "+1" steps
 *   lands five frames on.
 * - A seek while playing pauses, shows the target, resolves, then resumes (unless `pause()` came between).
 */
export class VideoFrameSync {
  readonly #video: HTMLVideoElement;
  readonly #rate: FrameRate;
  readonly #frameCount: () => number;
  readonly #onFrame: (frame: number) => void;
  #shown = -1;
  #target: number | null = null;
  #attempt = 0;
  #waiters: Waiter[] = [];
  #inflight: InflightSeek | null = null;
  #resumeAfterSeek = false;
  /** Seek even if the frame looks aligned: right after a pause the compositor may be a frame ahead of rVFC. */
  #force = false;
  #rvfc = 0;
  #graceTimer: ReturnType<typeof setTimeout> | undefined;
  #raf: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(video: HTMLVideoElement, rate: FrameRate, frameCount: () => number, onFrame: (frame: number) => void) {
    this.#video = video;
    this.#rate = rate;
    this.#frameCount = frameCount;
    this.#onFrame = onFrame;
    video.addEventListener('seeked', this.#onSeeked);
    this.#rvfc = video.requestVideoFrameCallback(this.#onVideoFrame);
  }

  /** The frame on screen (last presented picture); -1 before the first one. */
  get shownFrame(): number {
    return this.#shown;
  }

  /** The frame a pending seek is heading for, or null when none is pending. */
  get pendingTarget(): number | null {
    return this.#target;
  }

  /** True while a seek is pending, or playback will resume after one. */
  get playing(): boolean {
    return !this.#video.paused || this.#resumeAfterSeek;
  }

  /**
   * Shows frame `frame`. Resolves when the last requested frame is on screen (see the class comment).
   * `keepPlaying: false` leaves playback paused afterwards.
   */
  seek(frame: number, options: { keepPlaying?: boolean } = {}): Promise<void> {
    if (this.#disposed) return Promise.reject(new DOMException('The media changed', 'AbortError'));
    const target = clampFrame(frame, this.#frameCount());
    const video = this.#video;
    if (!video.paused) {
      this.#resumeAfterSeek = options.keepPlaying !== false;
      video.pause();
      this.#force = true;
    } else if (options.keepPlaying === false) {
      this.#resumeAfterSeek = false;
    }
    if (target !== this.#target) this.#attempt = 0;
    this.#target = target;
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    this.#pump();
    return done;
  }

  /** Moves `delta` frames from the pending target (or the shown frame); pauses playback. */
  step(delta: number): Promise<void> {
    const base = this.#target ?? Math.max(0, this.#shown);
    return this.seek(base + delta, { keepPlaying: false });
  }

  /** Starts playback, or makes a pending seek resume playback once its frame is shown. */
  play(): Promise<void> {
    if (this.#target !== null) {
      this.#resumeAfterSeek = true;
      return Promise.resolve();
    }
    return this.#video.play();
  }

  /** Pauses and resolves once the picture, `currentTime` and the counter all agree on one frame. */
  pause(): Promise<void> {
    this.#resumeAfterSeek = false;
    this.#video.pause();
    this.#force = true;
    return this.seek(this.#target ?? Math.max(0, this.#shown), { keepPlaying: false });
  }

  dispose(): void {
    this.#disposed = true;
    this.#video.removeEventListener('seeked', this.#onSeeked);
    this.#video.cancelVideoFrameCallback(this.#rvfc);
    clearTimeout(this.#graceTimer);
    clearTimeout(this.#raf);
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.reject(new DOMException('The media changed', 'AbortError'));
  }

  #onVideoFrame = (_now: DOMHighResTimeStamp, meta: VideoFrameCallbackMetadata): void => {
    if (this.#disposed) return;
    this.#rvfc = this.#video.requestVideoFrameCallback(this.#onVideoFrame);
    const frame = Math.min(frameAtPresentationTime(meta.mediaTime, this.#rate), Math.max(0, this.#frameCount() - 1));
    const inflight = this.#inflight;
    // A callback may report a picture presented before the seek was issued (playback just paused);
    // only a picture presented after it tells what the seek shows.
    if (inflight && meta.presentationTime >= inflight.issuedAt && (frame === inflight.frame || inflight.seeked)) {
      inflight.presented = true;
    }
    if (frame !== this.#shown) {
      this.#shown = frame;
      this.#onFrame(frame);
    }
    this.#pump();
  };

  #onSeeked = (): void => {
    const inflight = this.#inflight;
    if (!inflight) return;
    inflight.seeked = true;
    clearTimeout(this.#graceTimer);
    if (!inflight.presented) {
      // A seek to the frame already shown presents nothing new; do not wait forever for a callback.
      this.#graceTimer = setTimeout(() => {
        if (this.#inflight === inflight) {
          inflight.presented = true;
          this.#pump();
        }
      }, PRESENT_GRACE_MS);
    }
    this.#pump();
  };

  #pump(): void {
    const inflight = this.#inflight;
    if (inflight) {
      if (!inflight.seeked) return;
      if (!inflight.presented) {
        // The final target is always confirmed by rVFC. A superseded seek need not be: once it `seeked`,
        // give the compositor a frame's time to show it (scrubbing shows pictures), then move on. A timer,
        // not rAF: rAF never fires in a hidden tab, and the seek must still complete there.
        if (inflight.frame === this.#target) return;
        if (!this.#raf) {
          this.#raf = setTimeout(() => {
            this.#raf = undefined;
            if (this.#inflight === inflight) {
              inflight.presented = true;
              this.#pump();
            }
          }, 16);
        }
        return;
      }
      this.#inflight = null;
    }
    const target = this.#target;
    if (target === null) return;
    const video = this.#video;
    const aligned = this.#shown === target && !video.seeking && frameAtTime(video.currentTime, this.#rate) === target;
    if ((aligned && !this.#force) || this.#attempt >= RETRY_POSITIONS.length) {
      this.#finish();
      return;
    }
    this.#force = false;
    const position = RETRY_POSITIONS[this.#attempt++];
    const time = frameToSeekTime(target + position - 0.5, this.#rate);
    // Chromium presents (and calls rVFC) after any seek that moves currentTime, even within the same
    // frame; a seek to the very same time presents nothing, so there is nothing to wait for.
    this.#inflight = { frame: target, issuedAt: performance.now(), seeked: false, presented: video.currentTime === time };
    video.currentTime = time;
  }

  #finish(): void {
    this.#target = null;
    this.#attempt = 0;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w.resolve();
    if (this.#resumeAfterSeek) {
      // Resume a task later, so whoever awaited the seek sees its frame before playback moves on.
      setTimeout(() => {
        if (!this.#resumeAfterSeek || this.#target !== null || this.#disposed) return;
        this.#resumeAfterSeek = false;
        this.#video.play().catch(() => undefined);
      });
    }
  }
}
