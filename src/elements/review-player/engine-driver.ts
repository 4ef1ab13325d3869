/**
 * How `<review-player>` shows paused frames with the WebCodecs engine (docs/architecture.md, "The frame
 * engine"). Loaded on first use with the engine and mediabunny (a lazy chunk), so the player's first load
 * carries only the calls into it.
 *
 * - Paused, the engine has the frame: seeks and steps go to `engine.seekToFrame`, and its canvas (over the
 *   `<video>`, in the same frame box) is shown once the engine resolves.
 * - Playing, the `<video>` has it: `beforePlay` seeks the video to the engine's frame, then hides the canvas;
 *   `pause` waits for the video's frame to be exact, then the engine takes it over.
 * - A failure (open, decoder) closes the engine and the `<video>` goes on at the same frame.
 */
import type { VideoFrameSync } from '../../media/frame-sync.js';
import { WebCodecsEngine, type FrameEngine } from '../../media/webcodecs-engine.js';
import { HoverPreview } from './hover-preview.js';

/** The player's state the driver reads, as it is now. */
export interface PlayerNow {
  sync: VideoFrameSync | null;
  /** The frame the player names (`currentFrame`). */
  shown: number;
  frameCount: number;
  canvas: HTMLCanvasElement | null;
}

/** What the driver asks of its player. */
export interface EngineHost {
  /** The cache budget the player wants now (its `frame-cache-mb`; a few frames in a hidden tab). */
  budget(engine: FrameEngine): number;
  /** The frame on screen changed: the player names it and reports it. */
  setShown(frame: number): void;
  /** The canvas was shown or hidden (the picture context changes). */
  changed(): void;
}

export class EngineDriver {
  engine: FrameEngine | null = null;
  /** Why the engine is not used, once it gave up; null otherwise. */
  fallback: string | null = null;
  /** Paused on the engine: seeks and steps go to it. */
  mode = false;
  /** The frame last asked of the engine (steps accumulate on it). */
  target: number | null = null;
  canvasShown = false;
  /** The pause that hands the video's frame to the engine, while it runs. */
  handoff: Promise<void> | null = null;
  #run = 0;
  #attached: FrameEngine | null = null;
  #scrubWanted: number | null = null;
  #scrubBusy = false;
  #preview: HoverPreview | null = null;

  constructor(
    private readonly now: () => PlayerNow,
    private readonly host: EngineHost,
    private readonly url: string,
  ) {}

  /** Opens the engine on the media URL; any failure falls back to the <video>. Never rejects. */
  async open(): Promise<void> {
    const run = ++this.#run;
    try {
      let engine: FrameEngine | null = null;
      engine = await WebCodecsEngine.open(new URL(this.url, document.baseURI), {
        budgetBytes: 256 * 2 ** 20,
        onError: (error) => this.engine === engine && this.fallBack(error),
      });
      if (run !== this.#run) return engine.close();
      this.engine = engine;
      this.setBudget();
    } catch (error) {
      if (run === this.#run) this.fallBack(error);
    }
  }

  /** Paused on the <video>: the engine takes over at the frame shown. */
  async enter(): Promise<void> {
    const sync = this.now().sync;
    if (!this.engine || this.mode || !sync || sync.playing) return;
    this.mode = true;
    await this.seek(this.now().shown).catch(() => undefined);
  }

  /** Waits for a pause being handed to the engine. */
  async idle(): Promise<void> {
    if (this.handoff) await this.handoff;
  }

  pause(): Promise<void> {
    if (this.mode) return Promise.resolve();
    return (this.handoff ??= (async () => {
      try {
        await this.now().sync?.pause();
        await this.enter();
      } finally {
        this.handoff = null;
      }
    })());
  }

  /** Before playing: the <video> goes to the frame the canvas shows, then the canvas goes. */
  async beforePlay(): Promise<void> {
    await this.idle();
    if (!this.mode) return;
    this.mode = false;
    this.target = null;
    await this.backToVideo(true);
  }

  step(delta: number): Promise<void> {
    return this.seek((this.target ?? this.now().shown) + Math.round(delta));
  }

  /**
   * Shows `frame` from the engine; if the engine fails on the way, from the <video> (same promise).
   * `scrubbing`: the frames decoded on the way are shown too (`SeekOptions.onTheWay`).
   */
  async seek(frame: number, scrubbing = false): Promise<void> {
    const engine = this.engine!;
    // clamped as `clampFrame` does (not imported: the player's first-load chunk keeps frame-math to itself)
    const target = Math.max(0, Math.min(this.now().frameCount - 1, Math.round(frame)));
    this.target = target;
    const onTheWay = (on: number) => {
      if (this.engine !== engine || !this.mode) return;
      this.showCanvas(true);
      this.host.setShown(on);
    };
    try {
      const { frame: shown } = await engine.seekToFrame(target, scrubbing ? { onTheWay } : {});
      if (this.engine !== engine || !this.mode) return;
      this.showCanvas(true);
      this.host.setShown(shown);
    } catch (error) {
      const sync = this.now().sync;
      if ((error instanceof DOMException && error.name === 'AbortError') || !sync) throw error;
      // The engine failed (and fell back): the <video> shows the frame instead.
      await sync.seek(target, { keepPlaying: false });
      this.showCanvas(false);
      this.host.setShown(sync.shownFrame);
    }
  }

  /**
   * The frame under the dragged pointer: one seek at a time, then the latest frame asked for, so each seek
   * shows its frame (a seek superseded by every move would show none until the pointer stops); on the way,
   * the frames the decoder passes through are shown as they come.
   */
  scrub(frame: number): void {
    this.#scrubWanted = frame;
    if (this.#scrubBusy) return;
    this.#scrubBusy = true;
    void (async () => {
      for (let f = this.#scrubWanted; f !== null; f = this.#scrubWanted) {
        this.#scrubWanted = null;
        await (this.mode ? this.seek(f, true) : this.now().sync?.seek(f))?.catch(() => undefined);
      }
      this.#scrubBusy = false;
    })();
  }

  /** The timeline's hover label shows frame `frame` in `canvas` (an engine of its own decodes it). */
  preview(frame: number, canvas: HTMLCanvasElement): void {
    if (!this.engine) return;
    (this.#preview ??= new HoverPreview(this.url)).show(frame, canvas);
  }

  /** The pointer left the timeline: the preview's decoder and frames go. */
  endPreview(): void {
    this.#preview?.close();
    this.#preview = null;
  }

  setBudget(): void {
    if (this.engine) this.engine.setBudget(this.host.budget(this.engine));
  }

  /** Closes the engine (its frames released). `hide`: the canvas goes too (else it keeps the last picture). */
  close(hide: boolean): void {
    this.#run++;
    const engine = this.engine;
    this.engine = null;
    this.#attached = null;
    this.mode = false;
    this.target = null;
    this.endPreview();
    engine?.close();
    if (hide) this.showCanvas(false);
  }

  /** Closes the engine and hands the frame back to the <video> (another engine chosen). */
  leave(): Promise<void> {
    this.close(false);
    return this.backToVideo(false);
  }

  /** The engine cannot go on: the <video> shows the frames from here, at the same frame. */
  fallBack(error: unknown): void {
    const reason = error instanceof Error ? error.message : String(error);
    this.close(false);
    this.fallback = reason;
    console.info(`<review-player>: the <video> shows the frames (frame engine off: ${reason})`);
    void this.backToVideo(false);
  }

  /** The canvas showed the frame: the <video> goes to it, then the canvas goes. */
  async backToVideo(strict: boolean): Promise<void> {
    const sync = this.now().sync;
    if (!this.canvasShown || !sync) return;
    const seek = sync.seek(this.now().shown, { keepPlaying: false });
    await (strict ? seek : seek.catch(() => undefined));
    this.showCanvas(false);
    this.host.setShown(sync.shownFrame);
  }

  showCanvas(on: boolean): void {
    const { canvas } = this.now();
    if (on && canvas && this.engine && this.#attached !== this.engine) {
      this.#attached = this.engine;
      this.engine.attachCanvas(canvas);
    }
    if (canvas) canvas.hidden = !on;
    if (on !== this.canvasShown) {
      this.canvasShown = on;
      this.host.changed();
    }
  }
}
