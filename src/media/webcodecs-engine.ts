/**
 * A frame engine that decodes frames itself: mediabunny reads the container's sample table (MP4, MOV, WebM,
 * Matroska), WebCodecs `VideoDecoder` decodes, a `FrameCache` holds the decoded frames around the playhead
 * within a memory budget, and the frame asked for is drawn to a canvas. Independent of `<review-player>`
 * (issue 19: the player adopts it behind its own API later).
 *
 * - Frame `n` is the n-th sample in presentation order (not a time), frame count and rate come from the
 *   sample table.
 * - A seek decodes from the frame's keyframe (GOP-aware); if the decoder is already running through that GOP
 *   towards the frame, it continues instead of starting over.
 * - Frames decoded on the way are kept (within the budget), and once the asked frame is shown the engine
 *   keeps decoding `ahead` frames after the playhead and `behind` frames before it (the previous GOP when
 *   the playhead is near a keyframe), so steps either way are served from the cache.
 * - A seek superseded by a later seek or step resolves, with the later one, on the frame the later one shows
 *   (the player's coalescing rule); `frameAt(n)` is never superseded.
 *
 * Runs on the main thread today. `FrameEngine` is the interface a worker-backed engine implements too: the
 * demux and decode move to a worker unchanged, and frames come back as transferred `VideoFrame`s.
 */
import { EncodedPacketSink, Input, MATROSKA, MP4, QTFF, UrlSource, BlobSource, WEBM } from 'mediabunny';
import type { EncodedPacket, InputVideoTrack } from 'mediabunny';
import type { FrameRate } from '../contract/types.js';
import { DEFAULT_BUDGET_BYTES, FrameCache } from './frame-cache.js';
import { SampleTable, toMicroseconds, type SampleInfo } from './sample-table.js';

/** The frame on show after a seek or step. */
export interface ShownFrame {
  /** Presentation index of the frame shown. */
  frame: number;
  /** Its timestamp in the container, in seconds. */
  timestamp: number;
}

export interface EngineStats {
  /** Frames in the cache and the bytes they hold. */
  cachedFrames: number;
  cachedBytes: number;
  budgetBytes: number;
  /** Frames the decoder produced, and how many of them the engine closed. Open = decoded − closed. */
  decodedFrames: number;
  closedFrames: number;
  openFrames: number;
  /** Samples fed to the decoder, and how often decoding restarted at a keyframe. */
  decodedSamples: number;
  restarts: number;
}

/** Options of one seek. */
export interface SeekOptions {
  /**
   * Scrubbing: frames decoded on the way to the target, between the frame shown and the target, are drawn as
   * they come out of the decoder, and each is passed here (the picture then runs towards the pointer instead
   * of waiting for the exact frame). The promise still resolves with the target.
   */
  onTheWay?: (frame: number) => void;
}

/** What a player needs of a frame engine; a worker-backed engine implements the same. */
export interface FrameEngine {
  readonly frameCount: number;
  readonly rate: FrameRate;
  readonly width: number;
  readonly height: number;
  readonly codec: string;
  /** The frame last shown (drawn), −1 before the first seek. */
  readonly currentFrame: number;
  seekToFrame(frame: number, options?: SeekOptions): Promise<ShownFrame>;
  step(delta: number): Promise<ShownFrame>;
  /** A copy of frame `n` that the caller owns (and must close). */
  frameAt(frame: number): Promise<VideoFrame>;
  attachCanvas(canvas: HTMLCanvasElement | OffscreenCanvas | null): void;
  setBudget(bytes: number): void;
  stats(): EngineStats;
  close(): void;
}

export interface EngineOptions {
  /** Memory for decoded frames, bytes (default 256 MiB). */
  budgetBytes?: number;
  /** Frames to decode ahead of / behind the playhead when idle (defaults 24 / 24, capped by the budget). */
  ahead?: number;
  behind?: number;
  /** Where shown frames are drawn; sized to the video's display size. */
  canvas?: HTMLCanvasElement | OffscreenCanvas;
  /** Called once when decoding fails mid-clip (a caller falls back to `<video>`). */
  onError?: (error: Error) => void;
  /** Passed to fetch for URL sources (credentials, headers). */
  requestInit?: Omit<RequestInit, 'signal'>;
}

/** The media cannot be decoded here (no WebCodecs, an unsupported codec, no video track). */
export class EngineUnsupportedError extends Error {
  override name = 'EngineUnsupportedError';
  constructor(
    message: string,
    readonly codec: string | null,
  ) {
    super(message);
  }
}

/** True when this browser's WebCodecs can decode the codec string or decoder config. Never throws. */
export async function isSupported(codec: string | VideoDecoderConfig): Promise<boolean> {
  if (typeof VideoDecoder === 'undefined') return false;
  const config: VideoDecoderConfig = typeof codec === 'string' ? { codec } : codec;
  try {
    return (await VideoDecoder.isConfigSupported(config)).supported === true;
  } catch {
    return false;
  }
}

interface Run {
  /** Decode index of the keyframe this run started at, and of the next sample to feed. */
  start: number;
  next: number;
  packets: AsyncGenerator<EncodedPacket, void, unknown>;
  /** Flushed: the decoder needs a keyframe before anything more. */
  ended: boolean;
}

interface Waiter<T> {
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

/** Decoder queue depth beyond which feeding waits (keeps the decoder busy without running far ahead). */
const MAX_QUEUE = 3;

export class WebCodecsEngine implements FrameEngine {
  /** Opens `src` (a URL or a Blob): reads the sample table and checks the codec. Rejects with
   * `EngineUnsupportedError` when this browser cannot decode it, before any decoding. */
  static async open(src: string | URL | Blob, options: EngineOptions = {}): Promise<WebCodecsEngine> {
    if (typeof VideoDecoder === 'undefined' || typeof EncodedVideoChunk === 'undefined') {
      throw new EngineUnsupportedError('WebCodecs VideoDecoder is not available (needs a secure context)', null);
    }
    const source = src instanceof Blob ? new BlobSource(src) : new UrlSource(src, { requestInit: options.requestInit });
    const input = new Input({ source, formats: [MP4, QTFF, WEBM, MATROSKA] });
    try {
      const track = await input.getPrimaryVideoTrack();
      if (!track) throw new EngineUnsupportedError('the media has no video track', null);
      const config = await track.getDecoderConfig();
      if (!config) throw new EngineUnsupportedError(`codec ${track.codec ?? 'unknown'} has no WebCodecs decoder config`, track.codec);
      if (!(await isSupported(config))) {
        throw new EngineUnsupportedError(`this browser cannot decode ${config.codec}`, config.codec);
      }
      const sink = new EncodedPacketSink(track);
      const samples: SampleInfo[] = [];
      for await (const p of sink.packets(undefined, undefined, { metadataOnly: true })) {
        samples.push({ timestamp: p.timestamp, duration: p.duration, key: p.type === 'key' });
      }
      const table = new SampleTable(samples);
      if (table.frameCount === 0) throw new EngineUnsupportedError('the video track has no frames', config.codec);
      return new WebCodecsEngine(input, track, sink, config, table, options);
    } catch (error) {
      input.dispose();
      throw error;
    }
  }

  readonly frameCount: number;
  readonly rate: FrameRate;
  readonly width: number;
  readonly height: number;
  readonly codec: string;
  readonly table: SampleTable;

  private readonly cache: FrameCache;
  private decoder: VideoDecoder | null = null;
  private run: Run | null = null;
  /** Frames fed to the decoder and not output yet. */
  private readonly pending = new Set<number>();
  private canvas: HTMLCanvasElement | OffscreenCanvas | null = null;
  private ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null = null;

  private shown = -1;
  /** The frame the latest seek/step wants (the playhead), and the seeks waiting for it. */
  private target = -1;
  private seekWaiters: Waiter<ShownFrame>[] = [];
  /** The latest seek's `onTheWay` (a scrub), or null. */
  private onTheWay: ((frame: number) => void) | null = null;
  private readonly frameWaiters = new Map<number, Waiter<VideoFrame>[]>();
  private direction = 1;
  /** Prefetch goals that needed a restart at a keyframe: tried once per playhead. */
  private readonly tried = new Set<number>();
  private readonly aheadWanted: number;
  private readonly behindWanted: number;

  /** A requested frame that keeps needing restarts (a decoder that drops it): fail instead of looping. */
  private stuck = { frame: -1, count: 0 };
  private pumping = false;
  private wake: (() => void) | null = null;
  private closed = false;
  private failure: Error | null = null;
  private decoded = 0;
  private closedHere = 0;
  private fed = 0;
  private restarts = 0;

  private constructor(
    private readonly input: Input,
    track: InputVideoTrack,
    private readonly sink: EncodedPacketSink,
    private readonly config: VideoDecoderConfig,
    table: SampleTable,
    private readonly options: EngineOptions,
  ) {
    this.table = table;
    this.frameCount = table.frameCount;
    this.rate = table.rate;
    this.width = track.displayWidth;
    this.height = track.displayHeight;
    this.codec = config.codec;
    this.cache = new FrameCache(options.budgetBytes ?? DEFAULT_BUDGET_BYTES);
    this.aheadWanted = options.ahead ?? 24;
    this.behindWanted = options.behind ?? 24;
    this.sizeWindow(this.estimateFrameBytes());
    if (options.canvas) this.attachCanvas(options.canvas);
  }

  get currentFrame(): number {
    return this.shown;
  }

  /** Draws shown frames into `canvas` (resized to the video's display size); null detaches. */
  attachCanvas(canvas: HTMLCanvasElement | OffscreenCanvas | null): void {
    this.canvas = canvas;
    this.ctx = null;
    if (!canvas) return;
    canvas.width = this.width;
    canvas.height = this.height;
    this.ctx = canvas.getContext('2d', { alpha: false }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
    const frame = this.cache.get(this.shown);
    if (frame) this.draw(frame);
  }

  /** A new memory budget: shrinking closes the frames farthest from the playhead at once. */
  setBudget(bytes: number): void {
    this.cache.budget = bytes;
    this.sizeWindow(this.estimateFrameBytes());
  }

  stats(): EngineStats {
    const closedFrames = this.cache.closed + this.closedHere;
    return {
      cachedFrames: this.cache.size,
      cachedBytes: this.cache.bytes,
      budgetBytes: this.cache.budget,
      decodedFrames: this.decoded,
      closedFrames,
      openFrames: this.decoded - closedFrames,
      decodedSamples: this.fed,
      restarts: this.restarts,
    };
  }

  /** Frame indices held in the cache (ascending). */
  cachedFrames(): number[] {
    return this.cache.indices();
  }

  /**
   * Shows frame `n` (clamped): resolves once it is drawn, with exactly that frame, or — if a later seek or
   * step came first — with the frame that later request shows.
   */
  seekToFrame(frame: number, options: SeekOptions = {}): Promise<ShownFrame> {
    if (this.failure || this.closed) return Promise.reject(this.failure ?? new DOMException('engine closed', 'AbortError'));
    const n = this.clamp(frame);
    this.onTheWay = options.onTheWay ?? null;
    if (n !== this.target) {
      this.direction = n < this.target ? -1 : 1;
      this.tried.clear();
    }
    this.target = n;
    this.cache.focus = n;
    const promise = new Promise<ShownFrame>((resolve, reject) => this.seekWaiters.push({ resolve, reject }));
    // A cached frame is shown at the end of this task's synchronous code, so that a burst issued together
    // resolves on its last request (the player's rule) and draws once.
    if (this.cache.has(n)) queueMicrotask(() => this.target === n && this.show(n));
    this.kick();
    return promise;
  }

  /** Moves `delta` frames from the frame wanted last (so a burst of steps accumulates), clamped. */
  step(delta: number): Promise<ShownFrame> {
    const from = this.target >= 0 ? this.target : Math.max(0, this.shown);
    return this.seekToFrame(from + Math.trunc(delta));
  }

  frameAt(frame: number): Promise<VideoFrame> {
    if (this.failure || this.closed) return Promise.reject(this.failure ?? new DOMException('engine closed', 'AbortError'));
    const n = this.clamp(frame);
    const cached = this.cache.get(n);
    if (cached) return Promise.resolve(cached.clone());
    return new Promise<VideoFrame>((resolve, reject) => {
      const list = this.frameWaiters.get(n) ?? [];
      list.push({ resolve, reject });
      this.frameWaiters.set(n, list);
      this.kick();
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.rejectAll(new DOMException('engine closed', 'AbortError'));
    this.stopRun();
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = null;
    this.cache.clear();
    this.wake?.();
    this.input.dispose();
  }

  // ---- decoding ----------------------------------------------------------------------------------------

  private clamp(frame: number): number {
    return Math.max(0, Math.min(this.frameCount - 1, Math.round(frame)));
  }

  private estimateFrameBytes(): number {
    return this.width * this.height * 1.5;
  }

  /** The prefetch window, capped so that it fits in the budget with room to spare. */
  private sizeWindow(bytesPerFrame: number): void {
    const capacity = bytesPerFrame > 0 ? Math.floor(this.cache.budget / bytesPerFrame) : Infinity;
    this.cache.ahead = Math.max(0, Math.min(this.aheadWanted, Math.floor(capacity * 0.55)));
    this.cache.behind = Math.max(0, Math.min(this.behindWanted, Math.floor(capacity * 0.35)));
  }

  /** Starts the decode loop if it is not running, or wakes it if it waits for output. */
  private kick(): void {
    this.wake?.();
    if (this.pumping || this.closed || this.failure) return;
    this.pumping = true;
    void this.pump()
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.pumping = false;
        // A request that came between the loop's last look and here would otherwise wait forever.
        if (this.goal()) this.kick();
      });
  }

  /** The frame to work towards: the playhead, then frames asked for, then the window around the playhead. */
  private goal(): { frame: number; prefetch: boolean } | null {
    if (this.seekWaiters.length && !this.cache.has(this.target)) return { frame: this.target, prefetch: false };
    for (const n of this.frameWaiters.keys()) return { frame: n, prefetch: false };
    if (this.target < 0) return null;
    const ahead = () => {
      for (let i = 1; i <= this.cache.ahead; i++) {
        const f = this.target + i;
        if (f >= this.frameCount) break;
        if (!this.cache.has(f) && !this.tried.has(f)) return f;
      }
      return -1;
    };
    const behind = () => {
      for (let i = 1; i <= this.cache.behind; i++) {
        const f = this.target - i;
        if (f < 0) break;
        if (!this.cache.has(f) && !this.tried.has(f)) return f;
      }
      return -1;
    };
    const [first, second] = this.direction < 0 ? [behind, ahead] : [ahead, behind];
    const f = first() >= 0 ? first() : second();
    return f >= 0 ? { frame: f, prefetch: true } : null;
  }

  private async pump(): Promise<void> {
    for (;;) {
      if (this.closed || this.failure) return;
      const goal = this.goal();
      if (!goal) return;
      await this.advance(goal.frame, goal.prefetch);
    }
  }

  /** One step towards having frame `frame` decoded: (re)start at its keyframe, feed a sample, or flush. */
  private async advance(frame: number, prefetch: boolean): Promise<void> {
    const t = this.table;
    const sample = t.sampleOfFrame[frame];
    const start = t.startSampleFor(frame);
    const run = this.run;
    const continues =
      run !== null && !run.ended && (this.pending.has(frame) || (run.start <= start && start <= run.next && sample >= run.next));
    if (!continues) {
      if (prefetch) this.tried.add(frame);
      else if (this.stuck.frame === frame && ++this.stuck.count > 2) {
        throw new Error(`frame ${frame} did not come out of the decoder after decoding its GOP twice`);
      } else if (this.stuck.frame !== frame) this.stuck = { frame, count: 1 };
      await this.restart(start);
      return;
    }
    const decoder = this.decoder!;
    if (decoder.decodeQueueSize >= MAX_QUEUE) {
      await this.nextDecoderEvent();
      return;
    }
    if (run.next >= t.sampleCount) {
      // Everything is fed: the frames the decoder still holds for reordering come out on flush.
      run.ended = true;
      await decoder.flush();
      // Whatever was pending and did not come out will not: forget it so the goal restarts.
      this.pending.clear();
      return;
    }
    const result = await run.packets.next();
    if (this.run !== run || this.closed) return;
    if (result.done) {
      run.next = t.sampleCount;
      return;
    }
    const packet = result.value;
    const us = toMicroseconds(packet.timestamp);
    let index = t.sampleAtUs(us);
    if (index < 0) index = run.next;
    run.next = index + 1;
    const shownAs = t.frameOfSample[index];
    if (shownAs >= 0) this.pending.add(shownAs);
    this.fed++;
    decoder.decode(
      new EncodedVideoChunk({
        type: t.key[index] ? 'key' : 'delta',
        timestamp: us,
        duration: t.durationUs[index],
        data: packet.data,
      }),
    );
  }

  private async restart(start: number): Promise<void> {
    this.stopRun();
    this.pending.clear();
    this.restarts++;
    if (!this.decoder || this.decoder.state === 'closed') {
      this.decoder = new VideoDecoder({
        output: (frame) => this.onOutput(frame),
        error: (error) => this.fail(error),
      });
      this.decoder.addEventListener('dequeue', () => this.wake?.());
    } else if (this.decoder.state === 'configured') {
      this.decoder.reset();
    }
    this.decoder.configure({ ...this.config, optimizeForLatency: true });
    const t = this.table;
    // The packet of keyframe `start`: the last packet presented at or before its timestamp is itself.
    const key = await this.sink.getPacket(t.timestamp[start]);
    if (this.closed) return;
    if (!key) throw new Error(`no packet at sample ${start}`);
    this.run = { start, next: start, packets: this.sink.packets(key), ended: false };
  }

  private stopRun(): void {
    const run = this.run;
    this.run = null;
    if (run) void run.packets.return(undefined).catch(() => {});
  }

  /** Resolves on the decoder's next output or dequeue (or a new request). */
  private nextDecoderEvent(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, 100);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private onOutput(frame: VideoFrame): void {
    this.decoded++;
    if (this.closed) {
      frame.close();
      this.closedHere++;
      return;
    }
    const n = this.table.frameAtUs(frame.timestamp);
    if (n < 0) {
      frame.close();
      this.closedHere++;
      return;
    }
    this.pending.delete(n);
    const wanted = n === this.target || this.frameWaiters.has(n);
    this.cache.put(n, frame, wanted);
    const waiters = this.frameWaiters.get(n);
    if (waiters) {
      this.frameWaiters.delete(n);
      const held = this.cache.get(n)!;
      for (const w of waiters) w.resolve(held.clone());
    }
    if (n === this.target && this.seekWaiters.length) this.show(n);
    else if (this.onTheWay && this.seekWaiters.length && this.isOnTheWay(n)) this.showOnTheWay(n);
    this.wake?.();
  }

  /** Frame `n` lies strictly between the frame shown and the target (a scrub's picture moves towards it). */
  private isOnTheWay(n: number): boolean {
    const { shown, target } = this;
    return shown >= 0 && Math.abs(n - target) < Math.abs(shown - target) && Math.sign(target - n) === Math.sign(target - shown);
  }

  /** Draws frame `n` on the way to the target (a scrub); the seek still waits for the target. */
  private showOnTheWay(n: number): void {
    const frame = this.cache.get(n);
    if (!frame) return;
    this.draw(frame);
    this.shown = n;
    this.onTheWay?.(n);
  }

  /** Draws frame `n` from the cache and resolves every waiting seek with it. */
  private show(n: number): void {
    const frame = this.cache.get(n);
    if (!frame) return;
    this.draw(frame);
    this.shown = n;
    const waiters = this.seekWaiters;
    this.seekWaiters = [];
    const result: ShownFrame = { frame: n, timestamp: this.table.timestamp[this.table.sampleOfFrame[n]] };
    for (const w of waiters) w.resolve(result);
  }

  private draw(frame: VideoFrame): void {
    if (!this.ctx || !this.canvas) return;
    this.ctx.drawImage(frame, 0, 0, this.canvas.width, this.canvas.height);
  }

  private fail(error: unknown): void {
    if (this.failure || this.closed) return;
    this.failure = error instanceof Error ? error : new Error(String(error));
    this.rejectAll(this.failure);
    this.stopRun();
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.options.onError?.(this.failure);
  }

  private rejectAll(error: unknown): void {
    const seeks = this.seekWaiters;
    this.seekWaiters = [];
    for (const w of seeks) w.reject(error);
    for (const list of this.frameWaiters.values()) for (const w of list) w.reject(error);
    this.frameWaiters.clear();
  }
}
