import { html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { ContextSubscription } from '../../store/context-subscription.js';
import { keyed } from 'lit/directives/keyed.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { ClipAnnotation, FrameRate, Id } from '../../contract/types.js';
import { canDownload } from '../../contract/rights.js';
import { safeUrl } from '../../internal/safe-url.js';
import { ReviewElement } from '../../internal/review-element.js';
import type { ReviewCustomEvent } from '../../events.js';
import { ContextProvider } from '@lit/context';
import { NO_PICTURE, navigationContext, pictureContext, sessionContext, type SessionState, type TimeFormat } from '../../store/context.js';
import type { CommentsState } from '../../store/comments-store.js';
import { commentsSourceContext } from '../../store/comments-source.js';
import { StoreController } from '../../store/store.js';
import { clipStoreFor, type ClipState } from '../../store/clip-store.js';
import { clampFrame, fpsOf, formatFrame, frameAtTime, parseFrameRate, parseTimecode } from '../../media/frame-math.js';
import { isStill } from '../../media/still.js';
import { VideoFrameSync } from '../../media/frame-sync.js';
import type { FrameEngine } from '../../media/webcodecs-engine.js';
import type { EngineDriver } from './engine-driver.js';
import { icons } from './icons.js';
import { TimelineMarkers, type MarkerInputs, type PlayerMarker } from './timeline-markers.js';
import { styles } from './review-player.styles.js';

export type { PlayerMarker };

/** The frame's on-screen rect inside the stage (CSS px) and the zoom factor (1 = fit). */
export interface PlayerViewport {
  x: number;
  y: number;
  width: number;
  height: number;
  zoom: number;
}

export type LoopMode = 'off' | 'clip' | 'range';
/** Which frame engine the player uses (attribute `engine`). */
export type EngineMode = 'auto' | 'webcodecs' | 'video';
type Status = 'empty' | 'loading' | 'ready' | 'error';

interface MediaSource {
  url: string;
  still: boolean;
  rate: FrameRate;
  /** From the clip or `frame-count`; 0 when unknown (then derived from the duration). */
  frameCount: number;
  clipId: Id | null;
  sourceUrl: string | null;
  /** The clip's source timecode of frame 0, in frames (`Clip.timecodeStart`); 0 when unset. */
  timecodeStart: number;
  /** The clip's thumbnail, shown on the stage until the picture is there (docs/performance.md, "First frame"). */
  poster: string | null;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
  reject: (e: unknown) => void;
}

/** A promise with its settle functions; unhandled rejection is fine (nobody may be waiting). */
function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Keeps receiving a pointer's moves outside the element; synthetic pointers cannot be captured. */
function capture(e: PointerEvent): void {
  try {
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
  } catch {
    // InvalidPointerId: fine, moves inside the element still arrive
  }
}

function release(e: PointerEvent): void {
  try {
    (e.currentTarget as HTMLElement).releasePointerCapture(e.pointerId);
  } catch {
    // not captured
  }
}

const SPEEDS = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2];
const SHUTTLE = [1, 2, 4, 8];
/** Width of the timeline's hover picture, CSS pixels (its height follows the clip's aspect ratio). */
const HOVER_PICTURE_WIDTH = 160;
const MIN_ZOOM = 0.25;
const MAX_ZOOM = 32;
const DEFAULT_RATE: FrameRate = { num: 24, den: 1, dropFrame: false };

/**
 * A frame-accurate review player. Shows a clip of the session (`clip-id`, or the session's current clip)
 * or a standalone `src` with its `fps`. `currentFrame` always names the frame on screen: it comes from
 * `requestVideoFrameCallback`, seeks go to the middle of a frame and resolve only once that frame is
 * presented (see `VideoFrameSync` for the coalescing rules of rapid seeks and steps). While paused, with
 * `engine="auto"` or `webcodecs` where WebCodecs decodes the codec, the frames come from the WebCodecs engine
 * (loaded on first use) drawn on a canvas over the video; playback uses the `<video>` (docs/architecture.md,
 * "The frame engine").
 *
 * Keyboard (when focus is in the player): Space/K play-pause, J/L shuttle back/forward (again: faster),
 * ←/→ one frame, Shift+←/→ one second, Home/End, I/O set in/out, M mute, F full screen, `,`/`.`
 * previous/next comment, +/−/0 zoom in/out/fit.
 *
 * @customElement review-player
 * @fires review-ready - media loaded and its first frame is on screen `{frameCount, fps, clipId, frameRate, frameOffset, timeFormat}`
 * @fires review-frame-change - the frame on screen changed `{frame}`
 * @fires review-comment-select - a comment marker was activated (click, `,` or `.`) `{comment}`: in a session a request the session acts on (the player then seeks once); alone, the player seeks itself
 * @fires review-seek-request - a plain marker (not a comment) was activated in a session `{frame, clipId}` (cancelable)
 * @fires review-viewport-change - the picture's on-screen rect or zoom changed `{x, y, width, height, zoom}`
 *
 * @slot overlay - placed over the picture, sized to the frame and following zoom and pan (e.g. `<review-annotation-layer slot="overlay">`)
 * @slot icon-play - icon of the play button
 * @slot icon-pause - icon of the pause button
 * @slot icon-step-back - icon of the previous-frame button
 * @slot icon-step-forward - icon of the next-frame button
 * @slot icon-volume - icon of the mute button (sound on)
 * @slot icon-muted - icon of the mute button (muted)
 * @slot icon-fullscreen - icon of the full screen button
 * @slot icon-settings - icon of the settings button
 * @slot icon-download - icon of the download-source link
 *
 * @csspart stage - the black picture area (wheel/pinch zoom, drag to pan)
 * @csspart frame - box of the picture, sized to the frame on screen; the overlay slot lives inside
 * @csspart video - the `<video>`
 * @csspart canvas - the WebCodecs engine's picture, over the `<video>` while paused (`engine` attribute)
 * @csspart image - the `<img>` of a still
 * @csspart overlay - wrapper of the overlay slot
 * @csspart message - loading or error message over the stage
 * @csspart timeline - the scrubbable timeline (a slider)
 * @csspart progress - played part of the timeline
 * @csspart playhead - the playhead on the timeline
 * @csspart range - the in/out range on the timeline
 * @csspart marker - a comment marker on the timeline: one per bucket of notes that share a few pixels (also `stack` when several, with a count)
 * @csspart marker-notes - the notes of the hovered or focused marker, listed over the timeline
 * @csspart hover-preview - the frame label shown while hovering the timeline
 * @csspart hover-picture - the frame under the pointer in that label (on the WebCodecs engine)
 * @csspart controls - the control bar
 * @csspart button - every control button
 * @csspart time - the current frame / total display
 * @csspart volume - the volume slider
 * @csspart settings - the settings panel
 * @csspart download - the download-source link
 *
 * @cssprop --review-player-stage-bg - background behind the picture (default near black)
 * @cssprop --review-player-aspect-ratio - aspect ratio of the stage (default 16 / 9)
 * @cssprop --review-player-min-height - minimum stage height (default 160px)
 * @cssprop --review-player-marker - colour of comment markers
 * @cssprop --review-player-track - colour of the timeline track
 * @cssprop --review-accent - playhead, progress, focus
 *
 * @attr clip-id - id of a clip of the session; without it (and without `src`) the session's current clip
 * @attr src - media URL for standalone use (video or still image)
 * @attr fps - frame rate of `src`: `24`, `23.976`, `24000/1001`, `29.97` …
 * @attr frame-count - number of frames of `src` (default: from the duration)
 * @attr frame-offset - number shown for frame 0 in the `frames` format (e.g. 1001)
 * @attr timecode-start - timecode of frame 0 (e.g. `01:00:00:00`), so the `timecode` format matches the source and editorial; default: the clip's own (`Clip.timecodeStart`)
 * @attr time-format - `frames` | `timecode` | `seconds`
 * @attr drop-frame - `false` to show non-drop timecode at 29.97/59.94
 * @attr loop - `off` | `clip` | `range` (the in/out range)
 * @attr source-url - standalone: URL of the source file offered as "Download source"
 * @attr hide-annotations - hides the overlay slot
 * @attr no-download - hides the "Download source" link (when the page offers it elsewhere, e.g. in `<review-clip-header>`)
 * @attr engine - `auto` (default) | `webcodecs` | `video`: while paused, `auto` and `webcodecs` show frames decoded by the
 *   WebCodecs engine (loaded on first use) where the browser decodes the codec, and fall back to the `<video>` silently
 *   otherwise (`activeEngine`, `engineFallback`); playback always uses the `<video>`. `video` never loads the engine.
 * @attr frame-cache-mb - memory for the engine's decoded frames, MiB (default 256; a few frames while the tab is hidden)
 */
export class ReviewPlayer extends ReviewElement {
  static override styles = styles;

  // Declared with `static properties` and ContextConsumer rather than decorators: the decorator runtime
  // alone is ~0.6 kB min+gzip of the player's 20 kB budget (issue #9).
  static override properties: PropertyDeclarations = {
    clipId: { attribute: 'clip-id', type: Number },
    src: {},
    fpsAttribute: { attribute: 'fps' },
    frameCountAttribute: { attribute: 'frame-count', type: Number },
    frameOffset: { attribute: 'frame-offset', type: Number },
    timecodeStart: { attribute: 'timecode-start' },
    timeFormat: { attribute: 'time-format', reflect: true },
    dropFrameAttribute: { attribute: 'drop-frame' },
    loop: { reflect: true },
    sourceUrl: { attribute: 'source-url' },
    hideAnnotations: { attribute: 'hide-annotations', type: Boolean, reflect: true },
    noDownload: { attribute: 'no-download', type: Boolean, reflect: true },
    engine: {},
    frameCacheMb: { attribute: 'frame-cache-mb', type: Number },
    markers: { attribute: false },
    inPoint: { attribute: false },
    outPoint: { attribute: false },
    ...Object.fromEntries(
      [
        'status',
        'errorMessage',
        'shown',
        'mediaFrameCount',
        'mediaSize',
        'stageSize',
        'overlayBand',
        'zoom',
        'pan',
        'hoverFrame',
        'settingsOpen',
        'isFullscreen',
        'shuttle',
        '_muted',
        '_volume',
        '_playbackRate',
        'videoPaused',
      ].map((name) => [name, { state: true }]),
    ),
  };

  /** Id of the clip to show (attribute `clip-id`); without it (and without `src`) the session's current clip. */
  clipId: Id | null = null;
  /** Media URL for standalone use (video or still image). */
  src: string | null = null;
  /** The `fps` attribute as written (`24000/1001`); read the rate as a number from `fps`. */
  fpsAttribute: string | null = null;
  /** The `frame-count` attribute: number of frames of `src` (default: from the duration). */
  frameCountAttribute: number | null = null;
  /** Number shown for frame 0 in the `frames` format (attribute `frame-offset`, e.g. 1001). */
  frameOffset = 0;
  /** Timecode of frame 0 (attribute `timecode-start`, e.g. `01:00:00:00`), so timecodes match editorial's. */
  timecodeStart: string | null = null;
  /** `frames` | `timecode` | `seconds` (attribute `time-format`). */
  timeFormat: TimeFormat = 'frames';
  /** The `drop-frame` attribute: `false` shows non-drop timecode at 29.97/59.94. */
  dropFrameAttribute: string | null = null;
  /** `off` | `clip` | `range` (the in/out range). */
  loop: LoopMode = 'off';
  /** Standalone: URL of the source file offered as "Download source" (attribute `source-url`). */
  sourceUrl: string | null = null;
  /** Hides the overlay slot (attribute `hide-annotations`). */
  hideAnnotations = false;
  /**
   * Hides the "Download source" link (attribute `no-download`), e.g. when the page already offers it
   * elsewhere: `<review-clip-header>` next to the player shows the same link.
   */
  noDownload = false;
  /**
   * `auto` | `webcodecs` | `video` (attribute `engine`): whether frames shown while paused come from the
   * WebCodecs engine (see `activeEngine`) or from the `<video>`.
   */
  engine: EngineMode = 'auto';
  /** Memory for the engine's decoded frames, in MiB (attribute `frame-cache-mb`). */
  frameCacheMb = 256;
  /** Timeline markers; when unset, the root comments of the clip from the session's comments store. */
  markers: PlayerMarker[] | null = null;
  /** In and out points (0-based frames) of the loop range; null when unset. */
  inPoint: number | null = null;
  outPoint: number | null = null;

  private status: Status = 'empty';
  private errorMessage = '';
  private shown = 0;
  private mediaFrameCount = 0;
  private mediaSize = { width: 0, height: 0 };
  private stageSize = { width: 0, height: 0 };
  /**
   * Height of the band the overlay asked for below the picture, inside the stage (`review-overlay-band-request`):
   * the annotation layer's tool bar sits there, so it never covers the frame (docs/architecture.md).
   */
  private overlayBand = 0;
  private zoom = 1;
  private pan = { x: 0, y: 0 };
  private hoverFrame: number | null = null;
  private settingsOpen = false;
  private isFullscreen = false;
  private shuttle = 0;
  private _muted = false;
  private _volume = 1;
  private _playbackRate = 1;
  /** Mirrors play/pause events only to re-render the play button. */
  private videoPaused = true;

  readonly #session = new ContextSubscription(this, sessionContext);
  /** The review store's navigation: the clip to show, the selected comment, the frame wanted. */
  readonly #navigation = new ContextSubscription(this, navigationContext);
  /** The session's comments, for the markers; the player does not bundle the comments store itself. */
  readonly #commentsSource = new ContextSubscription(this, commentsSourceContext);

  private get session(): SessionState | undefined {
    return this.#session.value;
  }

  private get video(): HTMLVideoElement | null {
    return this.renderRoot?.querySelector('video') ?? null;
  }

  private get stage(): HTMLElement | null {
    return this.renderRoot?.querySelector('[part~="stage"]') ?? null;
  }

  #sync: VideoFrameSync | null = null;
  #ready: Deferred = deferred();
  /** The last frame request of the store this player acted on (`wantedFrame.seq`). */
  #handledFrameRequest = 0;
  #resizeObserver = new ResizeObserver(() => this.#measureStage());
  #pointers = new Map<number, { x: number; y: number }>();
  #gesture: { kind: 'pan' | 'pinch'; startDist: number; startZoom: number; last: { x: number; y: number } } | null = null;
  #scrubbing = false;
  #reverseRun = 0;
  #rateBeforeShuttle = 1;
  #lastViewport = '';
  /** Paused frames from the WebCodecs engine (`engine-driver.ts`, loaded on first use). */
  #driver: EngineDriver | null = null;
  #engineOpening: Promise<void> = Promise.resolve();
  /** Why the engine could not even load (no WebCodecs); the driver says why it gave up otherwise. */
  #engineNote: string | null = null;
  /** What is on screen, for the overlay inside (`<review-annotation-layer slot="overlay">`). */
  readonly #pictureProvider = new ContextProvider(this, {
    context: pictureContext,
    initialValue: NO_PICTURE,
  });

  /** The timeline's comment markers: bucketed once per change of the notes, not re-rendered per frame. */
  readonly #timelineMarkers = new TimelineMarkers(this, {
    timeline: () => this.renderRoot?.querySelector<HTMLElement>('[part~="timeline"]') ?? null,
    format: (frame) => this.#format(frame),
    activate: (note) => this.#selectMarker(note),
  });

  readonly #comments = new StoreController<CommentsState>(this, () => {
    const clipId = this.#clipIdToShow;
    return this.markers || this.src || clipId === null ? undefined : this.#commentsSource.value?.(clipId);
  });

  constructor() {
    super();
    // Re-renders when the clip's store changes (loaded, failed, renamed); `#clipState` reads it.
    new StoreController<ClipState>(this, () => (this.src ? undefined : clipStoreFor(this.session, this.#clipIdToShow)));
  }

  // — public API (README.md's tag table; the events are in src/events.ts) —

  /** 0-based index of the frame on screen. Setting it seeks. */
  get currentFrame(): number {
    return this.shown;
  }
  set currentFrame(frame: number) {
    void this.seekToFrame(frame).catch(() => undefined);
  }

  /** Number of frames of the media (1 for a still; 0 until known). */
  get frameCount(): number {
    return this.mediaFrameCount;
  }
  set frameCount(count: number) {
    this.frameCountAttribute = count;
  }

  /** Frames per second as a number (23.976…); the exact rational is `frameRate`. */
  get fps(): number {
    return fpsOf(this.frameRate);
  }
  set fps(value: number) {
    this.fpsAttribute = String(value);
  }

  /** The rational frame rate of the media. */
  get frameRate(): FrameRate {
    return this.#media?.rate ?? DEFAULT_RATE;
  }

  get paused(): boolean {
    // video.paused itself, not the pause event, which arrives a task later
    return this.shuttle >= 0 && !(this.#sync?.playing ?? false);
  }

  get muted(): boolean {
    return this._muted;
  }
  set muted(value: boolean) {
    this._muted = value;
  }

  /** 0..1 */
  get volume(): number {
    return this._volume;
  }
  set volume(value: number) {
    this._volume = Math.min(1, Math.max(0, Number(value) || 0));
    if (this._volume > 0 && this._muted && value > 0) this._muted = false;
  }

  /** Forward playback speed, 0.25–2 from the menu, up to 8 with the L shuttle. */
  get playbackRate(): number {
    return this._playbackRate;
  }
  set playbackRate(value: number) {
    this._playbackRate = Math.min(8, Math.max(0.25, Number(value) || 1));
  }

  /** The frame's on-screen rect in the stage and the zoom factor. */
  get viewport(): PlayerViewport {
    return this.#viewport();
  }

  /** True when the clip is a still image. */
  get still(): boolean {
    return !!this.#media?.still;
  }

  /**
   * The picture on screen (e.g. for a snapshot of the frame by the annotation layer): the engine's
   * `<canvas>` while it shows the frame, else the `<video>` or `<img>`.
   */
  get mediaElement(): HTMLVideoElement | HTMLImageElement | HTMLCanvasElement | null {
    if (this.#driver?.canvasShown) return this.renderRoot.querySelector<HTMLCanvasElement>('canvas[part~="canvas"]');
    return this.renderRoot?.querySelector<HTMLVideoElement | HTMLImageElement>('[part~="video"], [part~="image"]') ?? null;
  }

  /**
   * `webcodecs` while the WebCodecs engine shows the paused frames, else `video` (settled when `review-ready`
   * fires; `video` again after a fallback).
   */
  get activeEngine(): 'webcodecs' | 'video' {
    return this.#driver?.engine ? 'webcodecs' : 'video';
  }

  /** Why the engine is not used for this media (unsupported codec, open or decoder error); null otherwise. */
  get engineFallback(): string | null {
    return this.#driver?.fallback ?? this.#engineNote;
  }

  /** The WebCodecs engine while active, for integrators and tests (`frameEngine.stats()`); null otherwise. */
  get frameEngine(): FrameEngine | null {
    return this.#driver?.engine ?? null;
  }

  async play(): Promise<void> {
    this.#stopReverse();
    if (this.still || !this.#sync) return;
    // The <video> plays (it is the clock and carries the sound): first it goes to the engine's frame.
    await this.#driver?.beforePlay();
    const last = this.mediaFrameCount - 1;
    if (this.loop === 'range' && this.#range) {
      const { start, end } = this.#range;
      if (this.shown < start || this.shown >= end) await this.#sync.seek(start, { keepPlaying: false });
    } else if (this.shown >= last && this.loop !== 'clip') {
      await this.#sync.seek(0, { keepPlaying: false });
    }
    await this.#sync.play().catch(() => undefined);
  }

  /** Pauses; resolves when the frame on screen, `currentTime` and `currentFrame` agree. */
  async pause(): Promise<void> {
    // a forward shuttle (L, L …) ends with the speed the user had chosen before it
    if (this.shuttle > 0) this.playbackRate = this.#rateBeforeShuttle;
    this.#stopReverse();
    return this.#driver?.engine ? this.#driver.pause() : this.#sync?.pause();
  }

  async togglePlay(): Promise<void> {
    return this.paused ? this.play() : this.pause();
  }

  /**
   * Shows frame `n` (clamped to the clip). Resolves once that frame is on screen. Rapid calls coalesce: the
   * last request wins and every earlier promise resolves when that last frame is shown. While playing,
   * playback pauses, the frame is shown, then playback resumes. Rejects (AbortError) if the media
   * changes first, or with the load error if the media cannot be played.
   */
  async seekToFrame(n: number): Promise<void> {
    await this.#ready.promise;
    const driver = this.#driver;
    await driver?.idle();
    if (this.still || !this.#sync) return;
    if (driver?.mode) return driver.seek(n);
    return this.#sync.seek(clampFrame(n, this.mediaFrameCount));
  }

  /**
   * Moves `delta` frames and pauses. Steps accumulate on a pending target, so three quick steps of +1
   * move three frames. Resolves when the final frame is on screen.
   */
  async stepFrames(delta: number): Promise<void> {
    this.#stopReverse();
    await this.#ready.promise;
    // Playing with an engine: pause on it, then step from the frame the pause showed.
    const driver = this.#driver;
    if (driver?.engine && !driver.mode && !this.paused) void this.pause();
    await driver?.idle();
    if (this.still || !this.#sync) return;
    if (driver?.mode) return driver.step(delta);
    return this.#sync.step(Math.round(delta));
  }

  // — the WebCodecs engine (paused frames; docs/architecture.md, "The frame engine"; engine-driver.ts) —

  #wantsEngine(media: MediaSource | null): media is MediaSource {
    return !!media && !media.still && this.engine !== 'video';
  }

  /** Loads the engine driver (a lazy chunk with the engine) and opens the engine on `url`. */
  async #loadEngine(url: string): Promise<void> {
    try {
      // (not the chunk: a browser without WebCodecs never downloads it)
      if (typeof VideoDecoder === 'undefined') throw new Error('no WebCodecs here');
      const { EngineDriver } = await import('./engine-driver.js');
      if (url !== this.#currentUrl || this.#driver) return;
      const driver = (this.#driver = new EngineDriver(
        () => ({
          sync: this.#sync,
          shown: this.shown,
          frameCount: this.mediaFrameCount,
          canvas: this.renderRoot.querySelector<HTMLCanvasElement>('canvas[part~="canvas"]'),
        }),
        {
          // a hidden tab keeps a few frames
          budget: (e) => (document.hidden ? e.width * e.height * 4.5 : Math.max(1, this.frameCacheMb || 256) * 2 ** 20),
          setShown: (frame) => {
            if (frame !== this.shown) this.emit('review-frame-change', { frame: (this.shown = frame) });
          },
          changed: () => this.requestUpdate(),
        },
        url,
      ));
      await driver.open();
    } catch (error) {
      this.#engineNote = (error as Error).message;
    }
  }

  #onVisibility = (): void => this.#driver?.setBudget();

  async toggleFullscreen(): Promise<void> {
    try {
      if (document.fullscreenElement === this) await document.exitFullscreen();
      else await this.requestFullscreen();
    } catch {
      // Refused (no user gesture, or not allowed in an iframe): nothing to undo.
    }
  }

  /** Sets the in point (default: the current frame) and loops the range if looping was on. */
  setInPoint(frame: number = this.shown): void {
    this.inPoint = clampFrame(frame, this.mediaFrameCount);
    if (this.outPoint !== null && this.outPoint < this.inPoint) this.outPoint = null;
    if (this.loop === 'clip') this.loop = 'range';
  }

  setOutPoint(frame: number = this.shown): void {
    this.outPoint = clampFrame(frame, this.mediaFrameCount);
    if (this.inPoint !== null && this.inPoint > this.outPoint) this.inPoint = null;
    if (this.loop === 'clip') this.loop = 'range';
  }

  clearInOut(): void {
    this.inPoint = null;
    this.outPoint = null;
    if (this.loop === 'range') this.loop = 'clip';
  }

  /** Zoom factor relative to "fit" (1). `anchor` (stage px) stays put; default the stage centre. */
  setZoom(zoom: number, anchor?: { x: number; y: number }): void {
    const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
    const rect = this.#viewport();
    const a = anchor ?? { x: this.stageSize.width / 2, y: this.stageSize.height / 2 };
    if (!rect.width || !rect.height) {
      this.zoom = next;
      return;
    }
    // keep the frame point under the anchor where it is
    const u = (a.x - rect.x) / rect.width;
    const w = (a.y - rect.y) / rect.height;
    const fit = this.#fitted();
    const newW = fit.width * next;
    const newH = fit.height * next;
    const centreX = this.stageSize.width / 2;
    const centreY = this.stageSize.height / 2;
    this.zoom = next;
    this.pan =
      next === 1 && !anchor ? { x: 0, y: 0 } : { x: a.x - u * newW - (centreX - newW / 2), y: a.y - w * newH - (centreY - newH / 2) };
  }

  /** Fits the whole frame in the stage. */
  zoomToFit(): void {
    this.zoom = 1;
    this.pan = { x: 0, y: 0 };
  }

  /** One media pixel per CSS pixel. */
  zoomToActualSize(): void {
    const fit = this.#fitted();
    if (fit.width) this.setZoom(this.mediaSize.width / fit.width);
  }

  // — lifecycle —

  override connectedCallback(): void {
    super.connectedCallback();
    this.addEventListener('keydown', this.#onKeyDown);
    this.addEventListener('review-pause-request', this.#onPauseRequest);
    this.addEventListener('review-overlay-band-request', this.#onOverlayBandRequest);
    document.addEventListener('fullscreenchange', this.#onFullscreenChange);
    document.addEventListener('visibilitychange', this.#onVisibility);
    // back in the DOM: the engine closed on disconnection opens again
    const driver = this.#driver;
    if (driver && !driver.engine && !driver.fallback) void driver.open().then(() => driver.enter());
    // moved in the DOM: watch the stage again (first connection observes in firstUpdated)
    if (this.stage) this.#resizeObserver.observe(this.stage);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('keydown', this.#onKeyDown);
    this.removeEventListener('review-pause-request', this.#onPauseRequest);
    this.removeEventListener('review-overlay-band-request', this.#onOverlayBandRequest);
    document.removeEventListener('fullscreenchange', this.#onFullscreenChange);
    document.removeEventListener('visibilitychange', this.#onVisibility);
    // Releases every decoded frame; the canvas keeps its picture until the engine is back.
    this.#driver?.close(false);
    document.removeEventListener('pointerdown', this.#onPointerdownOutsideSettings, true);
    this.#resizeObserver.disconnect();
    this.#stopReverse();
  }

  get #clipIdToShow(): Id | null {
    if (this.clipId != null) return this.clipId;
    const navigation = this.#navigation.value;
    return (navigation ? navigation.clipId : this.session?.currentClipId) ?? null;
  }

  get #media(): MediaSource | null {
    if (this.src) {
      const rate = parseFrameRate(this.fpsAttribute, this.#dropFrameOverride) ?? { ...DEFAULT_RATE };
      return {
        url: this.src,
        still: isStill({ url: this.src }),
        rate,
        frameCount: this.frameCountAttribute ?? 0,
        clipId: null,
        sourceUrl: this.sourceUrl,
        timecodeStart: 0,
        poster: null,
      };
    }
    const clip = this.#clipState?.clip;
    if (!clip || clip.id !== this.#clipIdToShow) return null;
    const { media } = clip;
    const dropOverride = this.#dropFrameOverride;
    return {
      url: media.url,
      still: isStill(media),
      rate: dropOverride === undefined ? media.frameRate : { ...media.frameRate, dropFrame: dropOverride },
      frameCount: media.frameCount,
      clipId: clip.id,
      sourceUrl: clip.sourceUrl,
      timecodeStart: clip.timecodeStart ?? 0,
      // A thumbnail URL comes from the API: only a web or image URL becomes the poster.
      poster: safeUrl(clip.thumbnailUrl, { images: true }),
    };
  }

  get #dropFrameOverride(): boolean | undefined {
    if (this.dropFrameAttribute === null) return undefined;
    return this.dropFrameAttribute !== 'false';
  }

  get #range(): { start: number; end: number } | null {
    const last = this.mediaFrameCount - 1;
    if (this.inPoint === null && this.outPoint === null) return null;
    return { start: this.inPoint ?? 0, end: this.outPoint ?? last };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const clipState = this.#clipState;
    if (clipState !== this.#seenClipState) {
      this.#seenClipState = clipState;
      if (clipState?.phase === 'loading') this.status = 'loading';
      if (clipState?.phase === 'error') this.#fail(msg(str`This clip could not be loaded: ${clipState.loadError?.message ?? ''}`));
    }
    const media = this.#media;
    const url = media?.url ?? '';
    if (url !== this.#currentUrl) this.#startMedia(media);
    else if (changed.has('engine') && this.#sync) {
      // Another engine for the same media: back to the <video>, then the engine again if wanted.
      const old = this.#driver;
      this.#driver = null;
      this.#engineNote = null;
      void (async () => {
        await old?.leave();
        if (this.#wantsEngine(media)) await this.#loadEngine(media.url).then(() => this.#driver?.enter());
      })();
    }
    // The store wants a frame (a comment selected, a seek requested, a remote driver): one seek per
    // request, made once this player has the media of the clip the request is for.
    const wanted = this.#navigation.value?.wantedFrame;
    const forThisClip = wanted && (wanted.clipId == null || wanted.clipId === this.#clipIdToShow);
    if (wanted && forThisClip && wanted.seq !== this.#handledFrameRequest && this.#currentUrl) {
      this.#handledFrameRequest = wanted.seq;
      void this.seekToFrame(wanted.frame).catch(() => undefined);
    }
  }

  #currentUrl = '';

  /** The session's store of the clip to show: one load of a clip for every element that shows it. */
  get #clipState(): ClipState | undefined {
    return this.src ? undefined : clipStoreFor(this.session, this.#clipIdToShow)?.state;
  }
  #seenClipState: ClipState | undefined;

  #startMedia(media: MediaSource | null): void {
    this.#currentUrl = media?.url ?? '';
    this.#driver?.close(true);
    this.#driver = null;
    this.#engineNote = null;
    this.#engineOpening = this.#wantsEngine(media) ? this.#loadEngine(media.url) : Promise.resolve();
    this.#sync?.dispose();
    this.#sync = null;
    this.#stopReverse();
    this.#ready.reject(new DOMException('The media changed', 'AbortError'));
    this.#ready = deferred();
    this.shown = 0;
    this.mediaSize = { width: 0, height: 0 };
    this.mediaFrameCount = media ? (media.still ? 1 : media.frameCount) : 0;
    this.zoom = 1;
    this.pan = { x: 0, y: 0 };
    this.inPoint = null;
    this.outPoint = null;
    this.errorMessage = '';
    this.status = media ? 'loading' : this.status === 'error' ? 'error' : 'empty';
  }

  #fail(message: string): void {
    this.#driver?.close(true);
    this.status = 'error';
    this.errorMessage = message;
    this.#ready.reject(new Error(message));
  }

  protected override firstUpdated(): void {
    if (this.stage) this.#resizeObserver.observe(this.stage);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('frameCacheMb')) this.#driver?.setBudget();
    if ((changed as PropertyValues).has('hoverFrame')) {
      const picture = this.renderRoot.querySelector<HTMLCanvasElement>('canvas[part~="hover-picture"]');
      if (this.hoverFrame !== null && picture) this.#driver?.preview(this.hoverFrame, picture);
      else this.#driver?.endPreview();
    }
    // The stage's content box (the picture) keeps its size as the band changes: no resize to wait for.
    if ((changed as PropertyValues).has('overlayBand')) this.#measureStage();
    const video = this.video;
    if (video) {
      video.muted = this._muted;
      video.volume = this._volume;
      if (video.playbackRate !== this._playbackRate) video.playbackRate = this._playbackRate;
      // Native looping is seamless; a range loop is handled frame by frame in #onFrame.
      video.loop = this.loop === 'clip';
    }
    // Re-announce ready so the session's playhead context picks up a new time format or offset.
    if ((changed.has('timeFormat') || changed.has('frameOffset') || changed.has('timecodeStart')) && this.status === 'ready')
      this.#emitReady();
    const vp = this.#viewport();
    const key = `${vp.x.toFixed(2)},${vp.y.toFixed(2)},${vp.width.toFixed(2)},${vp.height.toFixed(2)},${vp.zoom}`;
    if (vp.width > 0 && key !== this.#lastViewport) {
      this.#lastViewport = key;
      this.emit('review-viewport-change', vp);
    }
    this.#publishPicture(vp);
  }

  /** Tells the overlay inside (its `pictureContext`) what is on screen, when any of it changed. */
  #publishPicture(viewport: PlayerViewport): void {
    const prev = this.#pictureProvider.value;
    const media = this.mediaElement;
    const { width: mediaWidth, height: mediaHeight } = this.mediaSize;
    const stage = this.stageSize;
    const same =
      prev.frame === this.shown &&
      prev.media === media &&
      prev.mediaWidth === mediaWidth &&
      prev.mediaHeight === mediaHeight &&
      prev.stage.width === stage.width &&
      prev.stage.height === stage.height &&
      (['x', 'y', 'width', 'height', 'zoom'] as const).every((k) => Math.abs(prev.viewport[k] - viewport[k]) < 0.005);
    if (!same) this.#pictureProvider.setValue({ frame: this.shown, media, mediaWidth, mediaHeight, viewport, stage: { ...stage } });
  }

  #emitReady(): void {
    this.emit('review-ready', {
      frameCount: this.mediaFrameCount,
      fps: this.fps,
      clipId: this.#media?.clipId ?? null,
      frameRate: this.frameRate,
      frameOffset: this.frameOffset,
      timecodeStart: this.#timecodeStartFrames,
      timeFormat: this.timeFormat,
    });
  }

  /**
   * The timecode of frame 0 in frames of the media's rate: `timecode-start` when set (and a timecode), else
   * the clip's own source timecode (`Clip.timecodeStart`), so the player reads what the NLE exports write.
   */
  get #timecodeStartFrames(): number {
    if (this.timecodeStart) return parseTimecode(this.timecodeStart, this.frameRate) || 0;
    return this.#media?.timecodeStart ?? 0;
  }

  // — media events —

  #onLoadedData = (e: Event): void => {
    const video = e.target as HTMLVideoElement;
    if (video !== this.video || this.#sync || this.status === 'error') return;
    if (video.videoWidth === 0) {
      // HEVC and other codecs the browser lacks: the audio track still loads, the picture never comes.
      this.#fail(
        msg(
          'This video cannot be decoded in this browser (unsupported codec). Download the source or ask for an H.264, VP9 or AV1 version.',
        ),
      );
      return;
    }
    const media = this.#media;
    if (!media) return;
    if (!video.seekable.length || !video.seekable.end(0)) {
      // A server that ignores HTTP Range (e.g. `python3 -m http.server`) gives a video that plays but cannot
      // seek: every seek would silently stay on frame 0, so say why instead.
      this.#fail(
        msg(
          'This video cannot be stepped or sought: its server does not answer HTTP Range requests (206 Partial Content). Serve the media from a server that supports Range requests.',
        ),
      );
      return;
    }
    this.mediaSize = { width: video.videoWidth, height: video.videoHeight };
    if (!this.mediaFrameCount) this.mediaFrameCount = Math.max(1, frameAtTime(video.duration, media.rate));
    const sync = new VideoFrameSync(
      video,
      media.rate,
      () => this.mediaFrameCount,
      (frame) => this.#onFrame(frame),
    );
    this.#sync = sync;
    void sync.seek(0, { keepPlaying: false }).then(
      async () => {
        // With an engine, the first frame shown is already its own.
        await this.#engineOpening;
        await this.#driver?.enter();
        if (this.#sync !== sync) return;
        this.status = 'ready';
        this.#ready.resolve();
        this.#emitReady();
      },
      () => undefined,
    );
  };

  #onVideoError = (e: Event): void => {
    const video = e.target as HTMLVideoElement;
    if (video !== this.video) return;
    const code = video.error?.code;
    const why =
      code === MediaError.MEDIA_ERR_NETWORK
        ? msg('a network error interrupted the download')
        : code === MediaError.MEDIA_ERR_DECODE
          ? msg('the file is damaged or uses an unsupported encoding')
          : code === MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED
            ? msg('the file is missing or its format is not supported by this browser')
            : msg('an unknown error occurred');
    this.#fail(msg(str`This media cannot be played: ${why}.`));
  };

  #onImageLoad = (e: Event): void => {
    const img = e.target as HTMLImageElement;
    this.mediaSize = { width: img.naturalWidth, height: img.naturalHeight };
    this.mediaFrameCount = 1;
    this.status = 'ready';
    this.#ready.resolve();
    this.#emitReady();
    if (this.shown !== 0) this.shown = 0;
    this.emit('review-frame-change', { frame: 0 });
  };

  #onImageError = (): void => {
    this.#fail(msg('This image cannot be displayed: the file is missing or not an image this browser can decode.'));
  };

  #onPlayState = (e: Event): void => {
    if (e.target === this.video) this.videoPaused = (e.target as HTMLVideoElement).paused;
  };

  #onEnded = (): void => {
    if (this.loop === 'range' && this.#range) void this.#sync?.seek(this.#range.start).then(() => this.#sync?.play());
  };

  #onFrame(frame: number): void {
    // The engine's canvas names the frame while it shows; the paused <video> under it is not looked at.
    if (this.#driver?.canvasShown) return;
    this.shown = frame;
    this.emit('review-frame-change', { frame });
    // Range loop: when playback passes the out point, jump back to the in point and keep playing.
    const range = this.#range;
    const video = this.video;
    if (this.loop === 'range' && range && video && !video.paused && frame >= range.end) {
      void this.#sync?.seek(range.start, { keepPlaying: true }).catch(() => undefined);
    }
  }

  #onPauseRequest = (): void => {
    if (!this.paused) void this.pause();
  };

  #onFullscreenChange = (): void => {
    this.isFullscreen = document.fullscreenElement === this;
  };

  // — shuttle (J/K/L) —

  #shuttleForward(): void {
    if (this.shuttle < 0 || this.paused) {
      if (this.shuttle === 0) this.#rateBeforeShuttle = this.playbackRate;
      this.#stopReverse();
      this.playbackRate = 1;
      this.shuttle = 1;
      void this.play();
      return;
    }
    const next = SHUTTLE.find((s) => s > this.playbackRate) ?? SHUTTLE[SHUTTLE.length - 1];
    this.playbackRate = next;
    this.shuttle = next;
  }

  /** Reverse play: HTML video cannot play backwards, so it steps back by frame-accurate seeks in time. */
  #shuttleBackward(): void {
    const speed = this.shuttle < 0 ? Math.min(8, -this.shuttle * 2) : 1;
    if (this.shuttle >= 0) void this.pause();
    this.shuttle = -speed;
    const run = ++this.#reverseRun;
    const startFrame = this.#driver?.target ?? this.#sync?.pendingTarget ?? this.shown;
    // Through seekToFrame: the engine's canvas once the pause handed over, else frame-accurate <video> seeks.
    const startTime = performance.now();
    const tick = async () => {
      while (run === this.#reverseRun && this.#sync) {
        const elapsed = (performance.now() - startTime) / 1000;
        const target = Math.round(startFrame - elapsed * this.fps * -this.shuttle);
        const floor = this.loop === 'range' && this.#range ? this.#range.start : 0;
        if (target <= floor) {
          await this.seekToFrame(floor).catch(() => undefined);
          if (run === this.#reverseRun) this.shuttle = 0;
          return;
        }
        if (target !== this.shown) await this.seekToFrame(target).catch(() => undefined);
        else await new Promise((r) => requestAnimationFrame(r));
      }
    };
    void tick();
  }

  #stopReverse(): void {
    this.#reverseRun++;
    if (this.shuttle !== 0) this.shuttle = 0;
  }

  // — keyboard —

  #onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const origin = e.composedPath()[0] as HTMLElement | undefined;
    const tag = origin?.tagName ?? '';
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (key === 'Escape' && this.settingsOpen) {
      this.#closeSettings(true);
      e.preventDefault();
      return;
    }
    if (tag === 'TEXTAREA' || tag === 'SELECT' || origin?.isContentEditable) return;
    if (tag === 'INPUT') {
      const type = (origin as HTMLInputElement).type;
      if (type !== 'range' && type !== 'checkbox') return;
      // a range input keeps its own arrows/Home/End
      if (type === 'range' && /^(Arrow|Home|End|Page)/.test(key)) return;
    }
    // Space and Enter press a focused button or link, as everywhere else.
    if ((key === ' ' || key === 'Enter') && (tag === 'BUTTON' || tag === 'A' || tag === 'INPUT')) return;
    const second = Math.max(1, Math.round(this.fps));
    const step = (delta: number) => () => this.stepFrames(delta).catch(() => undefined);
    const seek = (frame: number) => () => {
      this.#stopReverse();
      return this.seekToFrame(frame).catch(() => undefined);
    };
    const actions: Record<string, () => unknown> = {
      ' ': () => this.togglePlay(),
      k: () => this.pause(),
      j: () => this.#shuttleBackward(),
      l: () => this.#shuttleForward(),
      ArrowLeft: step(e.shiftKey ? -second : -1),
      ArrowRight: step(e.shiftKey ? second : 1),
      PageUp: step(-second),
      PageDown: step(second),
      Home: seek(0),
      End: seek(this.mediaFrameCount - 1),
      i: () => this.setInPoint(),
      o: () => this.setOutPoint(),
      m: () => (this.muted = !this.muted),
      f: () => this.toggleFullscreen(),
      ',': () => this.#jumpToMarker(-1),
      '.': () => this.#jumpToMarker(1),
      '+': () => this.setZoom(this.zoom * 1.25),
      '-': () => this.setZoom(this.zoom / 1.25),
      '0': () => this.zoomToFit(),
    };
    // the same keys shifted, or unshifted on a US layout: `<` `>` for `,` `.`, `=` for `+`
    const action = actions[({ '<': ',', '>': '.', '=': '+' } as Record<string, string>)[key] ?? key];
    if (action) {
      e.preventDefault();
      void action();
    }
  };

  // — markers —

  get #markerInputs(): MarkerInputs {
    const rate = this.frameRate;
    return {
      markers: this.markers,
      comments: this.#comments.state?.comments,
      frameCount: this.mediaFrameCount,
      ready: this.status === 'ready',
      selectedId: this.#navigation.value?.commentId ?? null,
      formatKey: `${this.timeFormat} ${rate.num}/${rate.den} ${rate.dropFrame} ${this.frameOffset} ${this.#timecodeStartFrames}`,
    };
  }

  #jumpToMarker(direction: 1 | -1): void {
    const marker = this.#timelineMarkers.jump(
      this.#markerInputs,
      direction,
      this.#driver?.target ?? this.#sync?.pendingTarget ?? this.shown,
    );
    if (marker) this.#selectMarker(marker);
  }

  #selectMarker(marker: { frame: number; comment?: ClipAnnotation }): void {
    this.#stopReverse();
    // In a session the request goes up and the store asks for the frame: the player seeks once, like for
    // any other driver. Alone, it seeks itself.
    if (this.#navigation.value) {
      if (marker.comment) this.emit('review-comment-select', { comment: marker.comment });
      else this.emit('review-seek-request', { frame: marker.frame, clipId: this.#clipIdToShow }, { cancelable: true });
      return;
    }
    void this.seekToFrame(marker.frame).catch(() => undefined);
    if (marker.comment) this.emit('review-comment-select', { comment: marker.comment });
  }

  // — timeline —

  #frameAtPointer(clientX: number): number {
    const rect = this.renderRoot.querySelector('[part~="timeline"]')?.getBoundingClientRect();
    if (!rect || rect.width === 0) return 0;
    const ratio = Math.min(1, Math.max(0, (clientX - rect.left) / rect.width));
    return clampFrame(ratio * (this.mediaFrameCount - 1), this.mediaFrameCount);
  }

  #onTimelineDown = (e: PointerEvent): void => {
    if (e.button !== 0 || this.status !== 'ready') return;
    if ((e.composedPath()[0] as HTMLElement).closest?.('[part~="marker"]')) return;
    this.#stopReverse();
    this.#scrubbing = true;
    capture(e);
    this.#scrubTo(this.#frameAtPointer(e.clientX));
  };

  #onTimelineMove = (e: PointerEvent): void => {
    const frame = this.#frameAtPointer(e.clientX);
    this.hoverFrame = frame;
    if (this.#scrubbing) this.#scrubTo(frame);
  };

  /** The frame under the dragged pointer; on the engine, one seek at a time (`EngineDriver.scrub`). */
  #scrubTo(frame: number): void {
    if (this.#driver?.mode) this.#driver.scrub(frame);
    else void this.seekToFrame(frame).catch(() => undefined);
  }

  #onTimelineUp = (e: PointerEvent): void => {
    this.#scrubbing = false;
    release(e);
    if (e.pointerType !== 'mouse') this.hoverFrame = null;
  };

  // — zoom and pan —

  /** The picture's part of the stage: the band below it (the overlay's tool bar) is not picture. */
  #measureStage(): void {
    const rect = this.stage?.getBoundingClientRect();
    if (!rect) return;
    const height = Math.max(0, rect.height - this.overlayBand);
    if (rect.width !== this.stageSize.width || height !== this.stageSize.height) {
      this.stageSize = { width: rect.width, height };
    }
  }

  #onOverlayBandRequest = (e: ReviewCustomEvent<'review-overlay-band-request'>): void => {
    const height = Math.max(0, Math.ceil(e.detail.height));
    if (height !== this.overlayBand) this.overlayBand = height;
  };

  /** An overlay taken out leaves no band behind. */
  #onOverlaySlotChange = (e: Event): void => {
    if (!(e.target as HTMLSlotElement).assignedElements().length) this.overlayBand = 0;
  };

  #fitted(): { x: number; y: number; width: number; height: number } {
    const { width: sw, height: sh } = this.stageSize;
    const { width: mw, height: mh } = this.mediaSize;
    if (!sw || !sh || !mw || !mh) return { x: 0, y: 0, width: 0, height: 0 };
    const scale = Math.min(sw / mw, sh / mh);
    const width = mw * scale;
    const height = mh * scale;
    return { x: (sw - width) / 2, y: (sh - height) / 2, width, height };
  }

  #viewport(): PlayerViewport {
    const fit = this.#fitted();
    const width = fit.width * this.zoom;
    const height = fit.height * this.zoom;
    return {
      x: this.stageSize.width / 2 - width / 2 + this.pan.x,
      y: this.stageSize.height / 2 - height / 2 + this.pan.y,
      width,
      height,
      zoom: this.zoom,
    };
  }

  #stagePoint(e: { clientX: number; clientY: number }): { x: number; y: number } {
    const rect = this.stage!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  #onWheel = (e: WheelEvent): void => {
    if (this.status !== 'ready') return;
    e.preventDefault();
    const delta = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? e.deltaY * 16 : e.deltaY;
    this.setZoom(this.zoom * Math.exp(-delta * (e.ctrlKey ? 0.01 : 0.0015)), this.#stagePoint(e));
  };

  /** Pointer events from slotted overlay content are the overlay's (drawing), not a pan. */
  #fromOverlay(e: Event): boolean {
    const slot = this.renderRoot.querySelector('slot[name="overlay"]');
    return e.composedPath().some((n) => n instanceof Element && n.assignedSlot === slot && slot !== null);
  }

  #onStageDown = (e: PointerEvent): void => {
    if (this.status !== 'ready' || this.#fromOverlay(e)) return;
    this.#pointers.set(e.pointerId, this.#stagePoint(e));
    capture(e);
    if (this.#pointers.size === 2) {
      const [a, b] = [...this.#pointers.values()];
      this.#gesture = { kind: 'pinch', startDist: Math.hypot(a.x - b.x, a.y - b.y), startZoom: this.zoom, last: a };
    } else if (this.#pointers.size === 1) {
      this.#gesture = { kind: 'pan', startDist: 0, startZoom: this.zoom, last: this.#stagePoint(e) };
    }
  };

  #onStageMove = (e: PointerEvent): void => {
    if (!this.#pointers.has(e.pointerId) || !this.#gesture) return;
    const p = this.#stagePoint(e);
    this.#pointers.set(e.pointerId, p);
    if (this.#gesture.kind === 'pinch' && this.#pointers.size >= 2) {
      const [a, b] = [...this.#pointers.values()];
      const dist = Math.hypot(a.x - b.x, a.y - b.y);
      if (this.#gesture.startDist > 0) {
        this.setZoom(this.#gesture.startZoom * (dist / this.#gesture.startDist), { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
      }
    } else if (this.#gesture.kind === 'pan' && this.zoom !== 1) {
      const { last } = this.#gesture;
      this.pan = { x: this.pan.x + p.x - last.x, y: this.pan.y + p.y - last.y };
      this.#gesture.last = p;
      this.stage?.setAttribute('data-panning', '');
    }
  };

  #onStageUp = (e: PointerEvent): void => {
    this.#pointers.delete(e.pointerId);
    this.stage?.removeAttribute('data-panning');
    if (this.#pointers.size === 1 && this.#gesture?.kind === 'pinch') {
      this.#gesture = { kind: 'pan', startDist: 0, startZoom: this.zoom, last: [...this.#pointers.values()][0] };
    } else if (this.#pointers.size === 0) {
      this.#gesture = null;
    }
  };

  // — settings —

  #toggleSettings(): void {
    if (this.settingsOpen) this.#closeSettings(false);
    else {
      this.settingsOpen = true;
      // A tap or click anywhere else closes it, as any menu does (on a phone it covers the picture).
      document.addEventListener('pointerdown', this.#onPointerdownOutsideSettings, true);
      void this.updateComplete.then(() => (this.renderRoot.querySelector('[part~="settings"] select') as HTMLElement | null)?.focus());
    }
  }

  #closeSettings(returnFocus: boolean): void {
    this.settingsOpen = false;
    document.removeEventListener('pointerdown', this.#onPointerdownOutsideSettings, true);
    if (returnFocus) (this.renderRoot.querySelector('#settings-button') as HTMLElement | null)?.focus();
  }

  #onPointerdownOutsideSettings = (e: PointerEvent): void => {
    const path = e.composedPath();
    const inside = ['#settings', '#settings-button'].some((sel) => path.includes(this.renderRoot.querySelector(sel)!));
    if (!inside) this.#closeSettings(false);
  };

  #cycleTimeFormat(): void {
    const order: TimeFormat[] = ['frames', 'timecode', 'seconds'];
    this.timeFormat = order[(order.indexOf(this.timeFormat) + 1) % order.length];
  }

  // — download —

  get #downloadUrl(): string | null {
    // A source URL that is not a web URL (e.g. `javascript:`) is never offered as a link.
    const url = safeUrl(this.#media?.sourceUrl);
    if (!url) return null;
    if (this.src) return url; // standalone: the host chose to pass source-url
    // Studio users may, a share client only if the share allows it (as in <review-clip-header>).
    return canDownload(this.session?.me) ? url : null;
  }

  // — rendering —

  #formatName(): string {
    return this.timeFormat === 'timecode' ? msg('timecode') : this.timeFormat === 'seconds' ? msg('seconds') : msg('frames');
  }

  #format(frame: number): string {
    return formatFrame(frame, {
      format: this.timeFormat,
      frameRate: this.frameRate,
      frameOffset: this.frameOffset,
      timecodeStart: this.#timecodeStartFrames,
    });
  }

  #pct(frame: number): number {
    const last = this.mediaFrameCount - 1;
    return last > 0 ? (frame / last) * 100 : 0;
  }

  protected override render(): TemplateResult {
    const media = this.#media;
    const vp = this.#viewport();
    const ready = this.status === 'ready';
    const frameStyle = styleMap({
      left: `${vp.x}px`,
      top: `${vp.y}px`,
      width: `${vp.width}px`,
      height: `${vp.height}px`,
      visibility: vp.width > 0 && ready ? 'visible' : 'hidden',
    });
    // Until the picture is on screen the stage shows the clip's thumbnail (the `poster`): on a phone network
    // a picture at once instead of a black box (docs/performance.md, "First frame").
    // The overlay's band (its tool bar) is padding below the picture.
    const stageStyle = styleMap({
      backgroundImage: !ready && media?.poster ? `url(${JSON.stringify(media.poster)})` : undefined,
      paddingBottom: this.overlayBand ? `${this.overlayBand}px` : undefined,
    });
    return html`
      <div
        part="stage"
        style=${stageStyle}
        role="group"
        tabindex="0"
        aria-label=${msg('Picture')}
        aria-roledescription=${msg('video player')}
        aria-keyshortcuts="Space K J L ArrowLeft ArrowRight Home End I O M F , ."
        ?data-zoomed=${this.zoom !== 1}
        @wheel=${this.#onWheel}
        @pointerdown=${this.#onStageDown}
        @pointermove=${this.#onStageMove}
        @pointerup=${this.#onStageUp}
        @pointercancel=${this.#onStageUp}
      >
        <div part="frame" style=${frameStyle}>
          ${
            media
              ? keyed(
                  media.url,
                  media.still
                    ? html`<img part="image" src=${media.url} alt="" @load=${this.#onImageLoad} @error=${this.#onImageError} />`
                    : html`<video
                      part="video"
                      src=${media.url}
                      preload="auto"
                      playsinline
                      @loadeddata=${this.#onLoadedData}
                      @canplay=${this.#onLoadedData}
                      @error=${this.#onVideoError}
                      @play=${this.#onPlayState}
                      @pause=${this.#onPlayState}
                      @ended=${this.#onEnded}
                    ></video>`,
                )
              : nothing
          }
          ${media && !media.still && this.engine !== 'video' ? html`<canvas part="canvas" hidden></canvas>` : nothing}
          <div part="overlay" ?hidden=${this.hideAnnotations}><slot name="overlay" @slotchange=${this.#onOverlaySlotChange}></slot></div>
        </div>
        ${this.#renderMessage()}
      </div>
      ${this.#renderTimeline()} ${this.#renderControls()}
    `;
  }

  #renderMessage(): TemplateResult | typeof nothing {
    if (this.status === 'error') {
      return html`<div part="message" data-kind="error" role="alert">
        <strong>${msg('Cannot play this media')}</strong><span>${this.errorMessage}</span>
      </div>`;
    }
    if (this.status === 'loading') {
      return html`<div part="message" data-kind="loading" role="status">
        <div class="spinner" aria-hidden="true"></div>
        <span>${msg('Loading media…')}</span>
      </div>`;
    }
    if (this.status === 'empty') {
      return html`<div part="message" data-kind="empty"><slot name="empty">${msg('No media selected')}</slot></div>`;
    }
    return nothing;
  }

  #renderTimeline(): TemplateResult {
    const ready = this.status === 'ready';
    const last = Math.max(0, this.mediaFrameCount - 1);
    const range = this.#range;
    const at = (frame: number) => styleMap({ left: `${this.#pct(frame)}%` });
    // The markers sit over the timeline but outside the slider (no buttons nested in a slider). Each is a
    // button in the Tab order, so keyboard and screen-reader users reach the comments too.
    return html`
      <div class="bar-wrap" ?hidden=${this.still}>
        <div
          part="timeline"
          role="slider"
          tabindex=${ready ? 0 : -1}
          aria-label=${msg('Timeline')}
          aria-valuemin="0"
          aria-valuemax=${last}
          aria-valuenow=${this.shown}
          aria-valuetext=${msg(str`${this.#format(this.shown)} of ${this.#format(last)}`)}
          aria-disabled=${ready ? 'false' : 'true'}
          @pointerdown=${this.#onTimelineDown}
          @pointermove=${this.#onTimelineMove}
          @pointerup=${this.#onTimelineUp}
          @pointercancel=${this.#onTimelineUp}
          @pointerleave=${() => (this.hoverFrame = null)}
        >
          <div class="track">
            ${
              range
                ? html`<div
                  part="range"
                  style=${styleMap({ left: `${this.#pct(range.start)}%`, width: `${this.#pct(range.end) - this.#pct(range.start)}%` })}
                ></div>`
                : nothing
            }
            <div part="progress" style=${styleMap({ width: `${this.#pct(this.shown)}%` })}></div>
          </div>
          <div part="playhead" style=${at(this.shown)}></div>
          ${
            this.hoverFrame !== null && ready
              ? html`<div part="hover-preview" style=${at(this.hoverFrame)}>
                  ${this.#hoverPicture()}${this.#format(this.hoverFrame)}
                </div>`
              : nothing
          }
        </div>
        ${this.#timelineMarkers.render(this.#markerInputs)}
      </div>
    `;
  }

  /**
   * On the engine, the hover label shows the frame under the pointer (engine-driver.ts `preview`), at the
   * picture's aspect ratio; on the <video>, its number only.
   */
  #hoverPicture(): TemplateResult | typeof nothing {
    const { width, height } = this.mediaSize;
    if (!this.#driver?.engine || !width || !height) return nothing;
    return html`<canvas part="hover-picture" width=${HOVER_PICTURE_WIDTH} height=${Math.round((HOVER_PICTURE_WIDTH * height) / width)}></canvas>`;
  }

  /** A square control-bar button with an icon, named by `label`; `title` adds the keyboard shortcut. */
  #iconButton(
    name: string,
    label: string,
    title: string,
    icon: unknown,
    onClick: () => unknown,
    disabled: boolean,
    pressed?: boolean,
  ): TemplateResult {
    return html`<button
      part="button ${name}"
      class="button ghost icon"
      type="button"
      ?disabled=${disabled}
      aria-label=${label}
      aria-pressed=${pressed === undefined ? nothing : String(pressed)}
      title=${title}
      @click=${onClick}
    >
      ${icon}
    </button>`;
  }

  /** A labelled `<select>` of the settings panel. */
  #select<T extends string | number>(
    id: string,
    label: string,
    value: T,
    options: readonly (readonly [T, string, boolean?])[],
    onChange: (value: string) => void,
    disabled = false,
  ): TemplateResult {
    return html`<label for=${id}>${label}</label>
      <select
        id=${id}
        .value=${String(value)}
        ?disabled=${disabled}
        @change=${(e: Event) => onChange((e.target as HTMLSelectElement).value)}
      >
        ${options.map(
          ([option, text, off]) => html`<option value=${option} ?selected=${option === value} ?disabled=${!!off}>${text}</option>`,
        )}
      </select>`;
  }

  /** Time format, speed and loop: what only a video has (a still shows none of them). */
  #renderVideoSettings(rate: number, speeds: readonly number[], video: boolean): TemplateResult {
    return html`${this.#select(
      'set-format',
      msg('Time format'),
      this.timeFormat,
      [
        ['frames', msg('Frames')],
        ['timecode', msg('Timecode')],
        ['seconds', msg('Seconds')],
      ],
      (value) => (this.timeFormat = value as TimeFormat),
    )}
      ${this.#select(
        'set-speed',
        msg('Speed'),
        rate,
        speeds.map((s) => [s, `${s}×`] as const),
        (value) => {
          this.shuttle = 0;
          this.playbackRate = Number(value);
        },
        !video,
      )}
      ${this.#select(
        'set-loop',
        msg('Loop'),
        this.loop,
        [
          ['off', msg('Off')],
          ['clip', msg('Whole clip')],
          ['range', msg('In/out range'), !this.#range],
        ],
        (value) => (this.loop = value as LoopMode),
        !video,
      )}`;
  }

  /**
   * The control bar and the settings panel. The Fit button is named by its visible text (in any language)
   * followed by what it does, so speech input can say what it sees.
   */
  #renderControls(): TemplateResult {
    const ready = this.status === 'ready';
    const still = this.still;
    const video = ready && !still;
    const playing = !this.paused || !this.videoPaused;
    const download = this.noDownload ? null : this.#downloadUrl;
    const rate = this._playbackRate;
    const speeds = SPEEDS.includes(rate) ? SPEEDS : [...SPEEDS, rate].sort((a, b) => a - b);
    // the default icon inside the slot a host may fill with its own (`icon-play` …)
    const slot = (name: keyof typeof icons) => html`<slot name="icon-${name}">${icons[name]}</slot>`;
    return html`
      <div part="controls" class="bar-wrap">
        <div class="group" ?hidden=${still}>
          ${this.#iconButton(
            'play',
            playing ? msg('Pause') : msg('Play'),
            playing ? msg('Pause (Space, K)') : msg('Play (Space, K)'),
            slot(playing ? 'pause' : 'play'),
            () => this.togglePlay(),
            !video,
          )}
          ${this.#iconButton(
            'step-back',
            msg('Previous frame'),
            msg('Previous frame (←)'),
            slot('step-back'),
            () => this.stepFrames(-1).catch(() => undefined),
            !video,
          )}
          ${this.#iconButton(
            'step-forward',
            msg('Next frame'),
            msg('Next frame (→)'),
            slot('step-forward'),
            () => this.stepFrames(1).catch(() => undefined),
            !video,
          )}
        </div>
        <button
          part="button time"
          class="button ghost"
          ?hidden=${still}
          type="button"
          ?disabled=${!ready}
          title=${msg('Change time format')}
          @click=${() => this.#cycleTimeFormat()}
        >
          <span class="sr-only">${this.timeFormat === 'frames' ? msg('Frame') : msg('Time')}</span>
          <span class="current">${this.#format(this.shown)}</span>
          <span class="total">/ ${this.#format(Math.max(0, this.mediaFrameCount - 1))}</span>
          <span class="sr-only">(${this.#formatName()}; ${msg('change format')})</span>
        </button>
        ${
          !still && (this.shuttle !== 0 || rate !== 1)
            ? html`<span class="zoom-label" aria-live="polite">${this.shuttle < 0 ? `◀ ${-this.shuttle}×` : `${rate}×`}</span>`
            : nothing
        }
        <span class="spacer"></span>
        <div class="group" ?hidden=${still}>
          ${this.#iconButton(
            'mute',
            this._muted ? msg('Unmute') : msg('Mute'),
            msg('Mute (M)'),
            slot(this._muted ? 'muted' : 'volume'),
            () => (this.muted = !this.muted),
            !video,
            this._muted,
          )}
          <input
            part="volume"
            class="wide-only"
            type="range"
            min="0"
            max="1"
            step="0.05"
            aria-label=${msg('Volume')}
            .value=${String(this._muted ? 0 : this._volume)}
            ?disabled=${!video}
            @input=${(e: Event) => {
              this.volume = Number((e.target as HTMLInputElement).value);
              this.muted = this._volume === 0;
            }}
          />
        </div>
        <div class="group">
          ${this.#iconButton('zoom-out', msg('Zoom out'), msg('Zoom out (−)'), icons['zoom-out'], () => this.setZoom(this.zoom / 1.25), !ready)}
          <button
            part="button zoom-fit"
            class="button ghost"
            type="button"
            ?disabled=${!ready}
            title=${msg('Fit (0)')}
            @click=${() => this.zoomToFit()}
          >
            <span class="zoom-label">${this.zoom === 1 ? msg('Fit') : `${Math.round(this.zoom * 100)}%`}</span
            ><span class="sr-only"> ${msg('zoom, fit to view')}</span>
          </button>
          <button
            part="button zoom-100"
            class="button ghost wide-only"
            type="button"
            ?disabled=${!ready}
            aria-label=${msg('1:1 actual size')}
            title=${msg('Actual size (100%)')}
            @click=${() => this.zoomToActualSize()}
          >
            1:1
          </button>
          ${this.#iconButton('zoom-in', msg('Zoom in'), msg('Zoom in (+)'), icons['zoom-in'], () => this.setZoom(this.zoom * 1.25), !ready)}
        </div>
        ${
          still
            ? nothing
            : this.#iconButton(
                'loop',
                this.#range ? msg('Loop in/out range') : msg('Loop'),
                msg('Loop'),
                icons.loop,
                () => (this.loop = this.loop !== 'off' ? 'off' : this.#range ? 'range' : 'clip'),
                !video,
                this.loop !== 'off',
              )
        }
        <button
          id="settings-button"
          part="button settings-button"
          class="button ghost icon"
          type="button"
          aria-label=${msg('Player settings')}
          aria-expanded=${this.settingsOpen ? 'true' : 'false'}
          aria-controls="settings"
          @click=${() => this.#toggleSettings()}
        >
          ${slot('settings')}
        </button>
        ${this.#iconButton(
          'fullscreen',
          this.isFullscreen ? msg('Exit full screen') : msg('Full screen'),
          msg('Full screen (F)'),
          this.isFullscreen ? icons['exit-fullscreen'] : slot('fullscreen'),
          () => this.toggleFullscreen(),
          false,
        )}
        ${
          download
            ? html`<a part="download" class="button ghost" href=${download} download target="_blank" rel="noopener">
              ${slot('download')} ${msg('Download source')}
            </a>`
            : nothing
        }
        <div id="settings" part="settings" role="group" aria-labelledby="settings-title" ?hidden=${!this.settingsOpen}>
          <h2 id="settings-title">${msg('Player settings')}</h2>
          ${still ? nothing : this.#renderVideoSettings(rate, speeds, video)}
          <label class="check">
            <input
              type="checkbox"
              .checked=${!this.hideAnnotations}
              @change=${(e: Event) => (this.hideAnnotations = !(e.target as HTMLInputElement).checked)}
            />
            ${msg('Show annotations')}
          </label>
          <div class="inout" ?hidden=${still}>
            <span>${msg('In')} ${this.inPoint === null ? '—' : this.#format(this.inPoint)}</span>
            <span>${msg('Out')} ${this.outPoint === null ? '—' : this.#format(this.outPoint)}</span>
            <button class="button" type="button" ?disabled=${!this.#range} @click=${() => this.clearInOut()}>
              ${msg('Clear in/out')}
            </button>
          </div>
        </div>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-player': ReviewPlayer;
  }
}
