/**
 * The picture in the timeline's hover label (docs/architecture.md, "The frame engine"): the exact frame under
 * the pointer, decoded by an engine of its own so that hovering never moves the playhead's decoding window.
 * Part of the engine's lazy chunk; a player on the `<video>` shows the frame's number only.
 */
import { WebCodecsEngine, type FrameEngine } from '../../media/webcodecs-engine.js';

/** A few small frames: previews decode one at a time and show each once. */
const PREVIEW_BUDGET_BYTES = 16 * 2 ** 20;

export class HoverPreview {
  #engine: Promise<FrameEngine> | null = null;
  #wanted: { frame: number; canvas: HTMLCanvasElement } | null = null;
  #busy = false;
  #closed = false;
  /** The frame drawn last, on which canvas (a repeated hover draws nothing). */
  #drawn: { frame: number; canvas: HTMLCanvasElement } | null = null;

  constructor(private readonly url: string) {}

  /**
   * Draws frame `frame` into `canvas` (scaled to the canvas's size): one decode at a time, then the latest
   * frame asked for, like scrubbing. Failures leave the canvas as it is (the label still names the frame).
   */
  show(frame: number, canvas: HTMLCanvasElement): void {
    if (this.#closed) return;
    if (this.#drawn?.frame === frame && this.#drawn.canvas === canvas) return;
    this.#wanted = { frame, canvas };
    if (this.#busy) return;
    this.#busy = true;
    void this.#drain();
  }

  async #drain(): Promise<void> {
    try {
      for (let wanted = this.#wanted; wanted && !this.#closed; wanted = this.#wanted) {
        this.#wanted = null;
        const engine = await (this.#engine ??= WebCodecsEngine.open(new URL(this.url, document.baseURI), {
          budgetBytes: PREVIEW_BUDGET_BYTES,
          ahead: 0,
          behind: 0,
        }));
        if (this.#closed) break;
        const picture = await engine.frameAt(wanted.frame);
        try {
          const ctx = wanted.canvas.getContext('2d', { alpha: false });
          ctx?.drawImage(picture, 0, 0, wanted.canvas.width, wanted.canvas.height);
          this.#drawn = wanted;
        } finally {
          picture.close();
        }
      }
    } catch {
      // No preview picture (the engine could not open or decode): the label keeps the frame number.
      this.#wanted = null;
    } finally {
      this.#busy = false;
    }
  }

  /** Releases the preview's decoder and frames (the pointer left, the clip changed). */
  close(): void {
    this.#closed = true;
    this.#wanted = null;
    void this.#engine?.then((engine) => engine.close()).catch(() => undefined);
    this.#engine = null;
  }
}
