import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { styleMap } from 'lit/directives/style-map.js';
import { msg, str } from '@lit/localize';
import { ReviewElement } from '../../internal/review-element.js';
import { consume } from '../../store/context-subscription.js';
import { playheadContext, sessionContext, type SessionState } from '../../store/context.js';
import { ContextSubscription } from '../../store/context-subscription.js';
import { commentsSourceContext } from '../../store/comments-source.js';
import type { CommentsState } from '../../store/comments-store.js';
import { StoreController } from '../../store/store.js';
import { clipStoreFor, type ClipState, type ClipStore } from '../../store/clip-store.js';
import { versionsStoreFor, type VersionsState, type VersionsStore } from '../../store/versions-store.js';
import { markupToPlainText } from '../../contract/markup.js';
import type { Clip, ClipAnnotation, Id } from '../../contract/types.js';
import { clampFrame, frameAtTime, frameToSeekTime } from '../../media/frame-math.js';
import { VideoFrameSync } from '../../media/frame-sync.js';
import type { FrameEngine } from '../../media/webcodecs-engine.js';
import { styles } from './review-compare.styles.js';

/** How the two versions are shown. */
export type CompareMode = 'toggle' | 'wipe' | 'side-by-side' | 'difference' | 'blend';
export const COMPARE_MODES: readonly CompareMode[] = ['toggle', 'wipe', 'side-by-side', 'difference', 'blend'];

/**
 * One side of the compare: its clip, its `<video>` and the frame sync that keeps its picture exact, and —
 * with the WebCodecs engine — the engine whose decoded frames its canvas shows while paused.
 */
interface Side {
  clip: Clip | null;
  video: HTMLVideoElement | null;
  sync: VideoFrameSync | null;
  /** Frames of the media (the clip's `frameCount`, or from the video's duration). */
  frameCount: number;
  engine: FrameEngine | null;
  /** The side's canvas shows the engine's frame (paused); else the `<video>` shows it. */
  canvasShown: boolean;
  /** The canvas the engine draws on (a new one comes with a new clip). */
  canvas: HTMLCanvasElement | null;
}

/** Decoded frames each side keeps around its playhead (two sides: half a player's default). */
const SIDE_BUDGET_BYTES = 128 * 2 ** 20;

/** Keeps the pointer's moves coming to `el` while dragging; a pointer that is no longer down (or a synthetic one) throws, which changes nothing here. */
function capture(el: Element | undefined, pointerId: number): void {
  try {
    el?.setPointerCapture(pointerId);
  } catch {
    // not an active pointer: the drag still follows the moves the stage gets
  }
}

const emptySide = (): Side => ({ clip: null, video: null, sync: null, frameCount: 0, engine: null, canvasShown: false, canvas: null });

/** The version B defaults to: the one before A (the next older), else the next newer; null when A is alone. */
export function previousVersion(versions: readonly Clip[], aId: Id): Clip | null {
  const i = versions.findIndex((c) => c.id === aId);
  if (i < 0) return versions.find((c) => c.id !== aId) ?? null;
  return versions[i + 1] ?? versions[i - 1] ?? null;
}

/**
 * Compares two versions of a shot, in lockstep to the frame: clip A (`clip-id`) against clip B
 * (`compare-id`; default the previous version of A, from `getVersions`), in five modes — **A/B toggle**
 * (button or T; both sides stay decoded, so a switch shows the other picture at once, never a black or stale
 * frame), **wipe** (a draggable divider, vertical or horizontal, moved by the arrow keys when focused),
 * **side by side**, **difference** (|A − B| drawn with canvas 2D `difference` compositing, times a gain)
 * and **blend** (B over A at an opacity).
 *
 * Both sides seek, step, play, pause and loop together, aligned by frame number: frame n of A is shown with
 * frame n of B, or with frame n − `b-offset` when the versions start at different timecodes. Each side's picture is made exact by the player's frame sync (`VideoFrameSync`); `seekToFrame`
 * resolves once both pictures are on screen. While playing, B follows A's presented frames (re-synced when it
 * drifts by more than a frame), and a pause lands both on one frame. Past the end of the shorter version its
 * side shows "no frame".
 *
 * With `engine="auto"` (default) or `webcodecs`, paused frames come from a WebCodecs engine per side (the
 * player's, docs/architecture.md "The frame engine"): each seek resolves once both engines have decoded their
 * frame, and both sides' canvases are shown in the same task, so a paint never has one side moved and not the
 * other. Playback stays on the `<video>`s; a side whose codec WebCodecs cannot decode (or whose decoder fails)
 * stays on its `<video>`, exact by its frame sync.
 *
 * Inside a `<review-session>` the versions come from the session's API (`getVersions`); without a session,
 * give them in `versions`. Both sides zoom and pan together (wheel, +/−/0, drag when zoomed). Keyboard (focus
 * in the element): Space play/pause, ←/→ one frame, Shift+←/→ ten frames, Home/End, T toggle A/B, 1–5 choose
 * the mode, L loop, +/− zoom, 0 fit.
 *
 * @customElement review-compare
 * @fires review-compare-change - the user changed the mode, the side shown or version B `{mode, clipId, compareId, shown}`
 * @fires review-clip-select - inside a session: notes go to this version now (`notes-on`) `{clipId}`
 * @fires review-compare-request - inside a session: these versions are compared, notes go to `notesOn` `{a, b, notesOn, reply}`
 * @fires review-ready - inside a session: the version notes go to is loaded `{frameCount, fps, clipId, frameRate}`
 * @fires review-frame-change - inside a session: the frame on show (in the version notes go to) `{frame}`
 * @csspart toolbar - the mode buttons and the version B picker.
 * @csspart modes - the group of mode buttons; each is `mode`.
 * @csspart toggle - the "Show A / Show B" button.
 * @csspart picker - the version B `<select>`.
 * @csspart stage - the picture area holding both sides.
 * @csspart side - each side's layer (`side-a`, `side-b`).
 * @csspart captions - the row above the pictures naming the versions: `label-a` on the left, `label-b` on the right (each also `label`).
 * @csspart no-frame - what a side shows past its version's end.
 * @csspart difference - the `<canvas>` of the difference mode.
 * @csspart picture - a side's canvas: the engine's decoded frame, over its `<video>` while paused.
 * @csspart divider - the wipe's divider (a slider).
 * @csspart timeline - the scrubber (`scrubber`) between the notes of A (`markers-a`, above) and of B
 *   (`markers-b`, below); each note is a `marker`.
 * @csspart transport - step, play/pause, loop and the frame label.
 * @csspart frame-label - "Frame n / total".
 * @csspart message - loading text; `error` a failure.
 * @cssprop --review-compare-stage-bg - background of the stage.
 * @cssprop --review-compare-divider - colour of the wipe's divider.
 * @attr clip-id - clip A; without it, the session's current clip (or the first of `versions`).
 * @attr compare-id - clip B; without it, the previous version of A.
 * @attr mode - `toggle`, `wipe`, `side-by-side`, `difference` or `blend`.
 * @attr wipe-direction - `vertical` (A left, B right) or `horizontal` (A above, B below).
 * @attr notes-on - `a` (default) or `b`: the version notes go to, inside a session.
 * @attr b-offset - where B starts in A's frames (its timecode start minus A's, in frames); 0: by frame number.
 * @attr engine - `auto` (default), `webcodecs` or `video`: what shows the paused frames (see above).
 * @csspart notes-on - the "Notes on" `<select>`.
 */
export class ReviewCompare extends ReviewElement {
  static override styles = styles;

  /** Clip A (media object id). */
  @property({ attribute: 'clip-id', type: Number, reflect: true }) clipId: Id | null = null;
  /** Clip B; null picks the previous version of A. */
  @property({ attribute: 'compare-id', type: Number, reflect: true }) compareId: Id | null = null;
  @property({ reflect: true }) mode: CompareMode = 'wipe';
  @property({ attribute: 'wipe-direction', reflect: true }) wipeDirection: 'vertical' | 'horizontal' = 'vertical';
  /** Where the wipe's divider is, 0..1 of the picture (A before it, B after it). */
  @property({ type: Number }) wipe = 0.5;
  /** Opacity of B over A in blend mode, 0..1. */
  @property({ type: Number }) blend = 0.5;
  /** Gain of the difference picture (1 = the plain absolute difference). */
  @property({ type: Number }) gain = 4;
  /** The side on show in A/B toggle mode. */
  @property({ reflect: true }) shown: 'a' | 'b' = 'a';
  @property({ type: Boolean, reflect: true }) loop = false;
  /**
   * Which version notes go to: inside a session, the compare makes it the session's current clip
   * (`review-clip-select`), so a `<comment-thread>` shows and posts that version's notes, and reports its
   * frame (`review-ready`, `review-frame-change`), so a note is pinned to the frame on show.
   */
  @property({ attribute: 'notes-on', reflect: true }) notesOn: 'a' | 'b' = 'a';
  /**
   * Where B starts, in A's frames: B's frame 0 is shown with A's frame `offset`. 0 aligns by frame number; a
   * negative offset skips B's first frames. Null (default): by the versions' source timecodes when both have
   * one at the same rate (`Clip.timecodeStart`: B's minus A's), else by frame number.
   */
  @property({ attribute: 'b-offset', type: Number }) offset: number | null = null;
  /**
   * What shows paused frames: `auto` and `webcodecs` a WebCodecs engine per side where the browser decodes the
   * codec (else that side's `<video>`), `video` the `<video>`s only. Read at each version change.
   */
  @property({ reflect: true }) engine: 'auto' | 'webcodecs' | 'video' = 'auto';

  /** Where B starts in A's frames, as shown (`offset`, or from the timecode starts). */
  get alignment(): number {
    if (this.offset !== null && Number.isFinite(this.offset)) return Math.round(this.offset);
    const a = this.clipA;
    const b = this.clipB;
    if (a?.timecodeStart === undefined || b?.timecodeStart === undefined) return 0;
    const [ra, rb] = [a.media.frameRate, b.media.frameRate];
    return ra.num === rb.num && ra.den === rb.den ? b.timecodeStart - a.timecodeStart : 0;
  }
  /** Magnification of both sides together (1 = the whole picture, up to 8). */
  @property({ type: Number }) zoom = 1;
  /** Offset of both zoomed pictures, CSS pixels. */
  @state() private pan = { x: 0, y: 0 };
  /**
   * The versions to choose from (newest first, as `getVersions` answers). Set it without a session; inside a
   * session it is loaded from the API.
   */
  @property({ attribute: false }) versions: Clip[] | null = null;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  private session?: SessionState;

  /** The frame on show (A's numbering; B is aligned to it). */
  @state() private frame = 0;
  @state() private playing = false;

  @query('canvas[part~="difference"]') private canvas?: HTMLCanvasElement;
  @query('[part~="stage"]') private stage?: HTMLElement;

  readonly #sides: [Side, Side] = [emptySide(), emptySide()];
  /** The notes of A and of B, from the session's shared comments stores (the thread's), for the timeline's markers. */
  readonly #commentsSource = new ContextSubscription(this, commentsSourceContext);
  readonly #notes = [0, 1].map(
    (i) =>
      new StoreController<CommentsState>(this, () => {
        const clip = i === 0 ? this.clipA : this.clipB;
        return clip ? this.#commentsSource.value?.(clip.id) : undefined;
      }),
  );
  /** The versions (and a B outside them) from the session's stores, re-rendering as they load. */
  /** The compare last told to the session (`a|b|notesOn`), and how to end it. */
  #compareKey = '';
  #endCompare: (() => void) | null = null;
  readonly #loads = {
    versions: new StoreController<VersionsState>(this, () => this.#versionsStore),
    extraB: new StoreController<ClipState>(this, () => this.#extraStore),
  };
  /**
   * Where the session's player was (the review store's playhead): a compare opened from the player starts at
   * its frame. Read once, when the first A is known; no re-render as it changes (the compare reports there too).
   */
  readonly #playhead = new ContextSubscription(this, playheadContext, () => false);
  #opened = false;
  /** A from the session's current clip: it follows the session, except when the session shows B (notes on B). */
  #sessionA: Id | null = null;
  /** The clip and frame last reported to the session. */
  #reported: { clipId: Id | null; frame: number } = { clipId: null, frame: -1 };
  #ready: Promise<void> = Promise.resolve();
  #readyResolve: (() => void) | null = null;
  /** The frame the last seek asked for, while it is pending. */
  #target: number | null = null;
  #seq = 0;
  /** The latest seek: an earlier one, superseded, resolves with it. */
  #lastSeek: Promise<void> = Promise.resolve();

  /** Clip A and clip B as shown. */
  get clipA(): Clip | null {
    const versions = this.#versions;
    const id = this.clipId ?? this.#sessionA ?? versions?.[0]?.id ?? null;
    return versions?.find((c) => c.id === id) ?? null;
  }

  get clipB(): Clip | null {
    const versions = this.#versions ?? [];
    const a = this.clipA;
    if (!a) return null;
    if (this.compareId !== null) return versions.find((c) => c.id === this.compareId) ?? this.#extraStore?.state.clip ?? null;
    return previousVersion(versions, a.id);
  }

  get #versions(): readonly Clip[] | null {
    return this.versions ?? this.#versionsStore?.state.versions ?? null;
  }

  /** The session's versions of A (none when the host gave `versions`). */
  get #versionsStore(): VersionsStore | undefined {
    return this.versions ? undefined : versionsStoreFor(this.session, this.clipId ?? this.#sessionA);
  }

  /** B, when the host picked (`compare-id`) a clip that is not among A's versions. */
  get #extraStore(): ClipStore | undefined {
    const b = this.compareId;
    const versions = this.#versions;
    return b !== null && versions && !versions.some((c) => c.id === b) ? clipStoreFor(this.session, b) : undefined;
  }

  get #loadError(): string | null {
    return this.#loads.versions.state?.phase === 'error' ? msg('The versions could not be loaded.') : null;
  }

  /** The frame on show (A's numbering). */
  get currentFrame(): number {
    return this.frame;
  }

  /** Frames of the compare (A's numbering): up to the end of the one that ends last. */
  get frameCount(): number {
    const [a, b] = this.#sides;
    return Math.max(a.frameCount, b.clip ? b.frameCount + this.alignment : 0);
  }

  /** The frame side `i` shows at compare frame `frame`: A's own, B's shifted by `offset`. */
  sideFrame(i: 0 | 1, frame = this.frame): number {
    return i === 1 ? frame - this.alignment : frame;
  }

  /** Resolves once both sides have loaded and show their first frame. */
  get ready(): Promise<void> {
    return this.#ready;
  }

  /** The two `<video>` elements (A, B), e.g. for a snapshot. */
  get videos(): [HTMLVideoElement | null, HTMLVideoElement | null] {
    return [this.#sides[0].video, this.#sides[1].video];
  }

  /** What shows each side's paused frames now: `webcodecs` once its engine is open, else `video`. */
  get activeEngines(): ['webcodecs' | 'video', 'webcodecs' | 'video'] {
    const of = (side: Side) => (side.engine ? 'webcodecs' : 'video');
    return [of(this.#sides[0]), of(this.#sides[1])];
  }

  /** The picture side `i` shows: its canvas while that shows the engine's frame, else its `<video>`. */
  #pictureOf(i: 0 | 1): HTMLCanvasElement | HTMLVideoElement | null {
    const side = this.#sides[i];
    return side.canvasShown ? this.#canvasOf(i) : side.video;
  }

  #canvasOf(i: 0 | 1): HTMLCanvasElement | null {
    return this.renderRoot.querySelector<HTMLCanvasElement>(`[part~="side-${i === 0 ? 'a' : 'b'}"] canvas[part~="picture"]`);
  }

  /** True when side `i` (0 = A, 1 = B) has a frame at `frame`. */
  hasFrame(i: 0 | 1, frame = this.frame): boolean {
    const side = this.#sides[i];
    const own = this.sideFrame(i, frame);
    return !!side.clip && own >= 0 && own < side.frameCount;
  }

  // ——— transport ———

  /**
   * Shows frame `frame` on both sides (aligned); resolves once both pictures are on screen — when a later seek
   * came first, once that one's are.
   */
  async seekToFrame(frame: number): Promise<void> {
    await this.#ready;
    return (this.#lastSeek = this.#seek(frame));
  }

  async #seek(frame: number): Promise<void> {
    const target = clampFrame(Math.round(frame), Math.max(1, this.frameCount));
    this.#target = target;
    const seq = ++this.#seq;
    this.frame = target;
    const waits = this.#sides.map((side, i) => this.#seekSide(i as 0 | 1, side, target));
    this.#pauseVideos();
    this.playing = false;
    const onEngine = await Promise.all(waits);
    if (seq !== this.#seq) return this.#lastSeek;
    this.#target = null;
    // Both engines have their frame: both canvases change in this one task (one paint shows both).
    for (const [i, side] of this.#sides.entries()) this.#showCanvas(i as 0 | 1, side, onEngine[i]);
    this.#drawDifference();
    this.#report();
    await this.updateComplete;
  }

  /**
   * Puts side `i` on compare frame `target`: its engine when it has one (true once the frame is decoded and
   * drawn on the side's canvas), else its `<video>` (false). Never rejects.
   */
  async #seekSide(i: 0 | 1, side: Side, target: number): Promise<boolean> {
    if (!this.hasFrame(i, target)) return false;
    const own = this.sideFrame(i, target);
    const engine = side.engine;
    if (engine) {
      try {
        const canvas = this.#canvasOf(i);
        if (canvas !== side.canvas) engine.attachCanvas((side.canvas = canvas));
        await engine.seekToFrame(own);
        return true;
      } catch (error) {
        // A later seek superseded this one, or the decoder failed: that side goes on with its <video>.
        if (error instanceof DOMException && error.name === 'AbortError') return side.canvasShown;
        this.#dropEngine(side, error);
      }
    }
    await side.sync?.seek(own, { keepPlaying: false }).catch(() => undefined);
    return false;
  }

  #showCanvas(i: 0 | 1, side: Side, on: boolean): void {
    const canvas = this.#canvasOf(i);
    if (canvas) canvas.hidden = !on;
    side.canvasShown = on && !!canvas;
  }

  /** The engine of `side` gave up: its `<video>` shows the frames from now on. */
  #dropEngine(side: Side, error: unknown): void {
    side.engine?.close();
    side.engine = null;
    side.canvasShown = false;
    console.info(
      `<review-compare>: the <video> shows ${side.clip?.name ?? 'a side'} (frame engine off: ${(error as Error)?.message ?? error})`,
    );
    this.requestUpdate();
  }

  /** Opens a WebCodecs engine for `side` (a lazy chunk with mediabunny); any failure leaves the side on its `<video>`. */
  async #openEngine(side: Side): Promise<void> {
    const clip = side.clip;
    if (!clip || this.engine === 'video' || clip.media.url === '' || typeof VideoDecoder === 'undefined') return;
    try {
      const { WebCodecsEngine } = await import('../../media/webcodecs-engine.js');
      const engine = await WebCodecsEngine.open(new URL(clip.media.url, document.baseURI), {
        budgetBytes: SIDE_BUDGET_BYTES,
        onError: (error) => side.engine === engine && this.#dropEngine(side, error),
      });
      if (this.#sides.indexOf(side) < 0) return engine.close();
      side.engine = engine;
      this.requestUpdate();
      // Loaded, paused and no seek under way: the canvases take over at the frame on show (before the sides
      // are loaded, the first seek, #checkReady's, uses the engine anyway).
      if (!this.#readyResolve && !this.playing && this.#target === null) this.#lastSeek = this.#seek(this.frame);
    } catch (error) {
      console.info(`<review-compare>: the <video> shows ${clip.name} (frame engine off: ${(error as Error).message})`);
    }
  }

  /** Moves `delta` frames from the frame wanted (or shown); pauses. */
  step(delta: number): Promise<void> {
    return this.seekToFrame((this.#target ?? this.frame) + delta);
  }

  /** Plays both sides together from the frame on show. */
  async play(): Promise<void> {
    await this.#ready;
    if (this.playing) return;
    if (this.frame >= this.frameCount - 1) await this.seekToFrame(0);
    // The <video>s play: each goes to the frame its canvas shows, then the canvases go.
    await Promise.all(
      this.#sides.map((side, i) =>
        side.canvasShown && side.sync && this.hasFrame(i as 0 | 1)
          ? side.sync.seek(this.sideFrame(i as 0 | 1), { keepPlaying: false }).catch(() => undefined)
          : undefined,
      ),
    );
    for (const [i, side] of this.#sides.entries()) this.#showCanvas(i as 0 | 1, side, false);
    this.playing = true;
    for (const [i, side] of this.#sides.entries()) {
      if (side.sync && this.hasFrame(i as 0 | 1)) void side.sync.play().catch(() => undefined);
    }
  }

  /** Pauses both sides and resolves once both show the same (aligned) frame. */
  async pause(): Promise<void> {
    this.playing = false;
    const master = this.#master;
    // Each side's own pause, not a bare video.pause(): the sync then repositions its video, so neither side
    // keeps a picture presented after its last frame callback (B one frame ahead of A).
    await Promise.all(this.#sides.map((side) => side.sync?.pause().catch(() => undefined)));
    this.#pauseVideos();
    await this.seekToFrame(Math.max(0, master.sync?.shownFrame ?? this.frame));
  }

  togglePlay(): Promise<void> {
    return this.playing ? this.pause() : this.play();
  }

  /** Shows the other side in A/B toggle mode (switching to that mode). */
  toggle(): void {
    this.mode = 'toggle';
    this.shown = this.shown === 'a' ? 'b' : 'a';
    this.#changed();
  }

  /** The side that drives playback: the longer one (A on a tie). */
  get #master(): Side {
    const [a, b] = this.#sides;
    return b.frameCount + this.alignment > a.frameCount && b.sync ? b : a;
  }

  #pauseVideos(): void {
    for (const side of this.#sides) if (side.video && !side.video.paused) side.video.pause();
  }

  // ——— loading ———

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const current = this.session?.currentClipId ?? null;
    if (current !== null && current !== this.#sessionA && current !== this.clipB?.id) this.#sessionA = current;
    const a = this.clipA;
    const bClip = this.clipB;
    const [sa, sb] = this.#sides;
    if (sa.clip?.id !== a?.id || sa.clip?.media.url !== a?.media.url) this.#setClip(0, a);
    if (sb.clip?.id !== bClip?.id || sb.clip?.media.url !== bClip?.media.url) this.#setClip(1, bClip);
  }

  #setClip(i: 0 | 1, clip: Clip | null): void {
    if (i === 0 && clip && !this.#opened) {
      this.#opened = true;
      const playhead = this.#playhead.value;
      if (playhead?.clipId === clip.id) this.frame = clampFrame(playhead.frame, Math.max(1, clip.media.frameCount));
    }
    const side = this.#sides[i];
    side.sync?.dispose();
    side.engine?.close();
    const next = (this.#sides[i] = { ...emptySide(), clip, frameCount: clip?.media.frameCount ?? 0 });
    void this.#openEngine(next);
    this.playing = false;
    if (!this.#readyResolve) this.#ready = new Promise((resolve) => (this.#readyResolve = resolve));
  }

  #onLoaded = (e: Event): void => {
    const video = e.target as HTMLVideoElement;
    const i = video.dataset.side === 'b' ? 1 : 0;
    const side = this.#sides[i];
    if (side.sync || !side.clip || video.videoWidth === 0) return;
    const rate = side.clip.media.frameRate;
    side.video = video;
    if (!side.frameCount) side.frameCount = Math.max(1, frameAtTime(video.duration, rate));
    side.sync = new VideoFrameSync(
      video,
      rate,
      () => side.frameCount,
      (frame) => this.#onFrame(i, frame),
    );
    void side.sync.seek(this.hasFrame(i, this.frame) ? this.sideFrame(i) : 0, { keepPlaying: false }).then(
      () => this.#checkReady(),
      () => undefined,
    );
  };

  #checkReady(): void {
    const [a, b] = this.#sides;
    const sideReady = (s: Side) => !s.clip || (s.sync !== null && s.sync.shownFrame >= 0);
    if (sideReady(a) && sideReady(b) && this.#readyResolve) {
      const resolve = this.#readyResolve;
      this.#readyResolve = null;
      this.requestUpdate();
      resolve();
      void this.seekToFrame(this.frame);
    }
  }

  /** A side presented a new frame: while playing, the master moves the compare and the other side follows. */
  #onFrame(i: 0 | 1, own: number): void {
    if (!this.playing) return;
    const side = this.#sides[i];
    // The side's own frame, in the compare's (A's) numbering.
    const frame = i === 1 ? own + this.alignment : own;
    if (side !== this.#master) {
      if (this.mode === 'difference' && frame === this.frame) this.#drawDifference();
      return;
    }
    this.frame = frame;
    this.#report();
    const o: 0 | 1 = i === 0 ? 1 : 0;
    const other = this.#sides[o];
    if (other.video && other.sync && other.clip) {
      const wanted = this.sideFrame(o, frame);
      if (!this.hasFrame(o, frame)) {
        if (!other.video.paused) other.video.pause();
      } else if (Math.abs(other.sync.shownFrame - wanted) > 1 && !other.video.seeking) {
        // Drifted by more than a frame (a slow decode, a stall, or just back inside it): put it on the frame.
        other.video.currentTime = frameToSeekTime(wanted, other.clip.media.frameRate);
        if (other.video.paused) void other.video.play().catch(() => undefined);
      } else if (other.video.paused) {
        // Back inside the other version (after a loop): it plays again.
        void other.video.play().catch(() => undefined);
      }
    }
    if (this.mode === 'difference' && (other.sync?.shownFrame === this.sideFrame(o, frame) || !this.hasFrame(o, frame)))
      this.#drawDifference();
  }

  #onEnded = (e: Event): void => {
    const video = e.target as HTMLVideoElement;
    if (!this.playing || video !== this.#master.video) return;
    if (this.loop) {
      void this.seekToFrame(0).then(() => this.play());
    } else {
      void this.pause();
    }
  };

  // ——— notes ———

  /** The clip notes go to (A or B, by `notesOn`). */
  get noteClip(): Clip | null {
    return this.notesOn === 'b' ? this.clipB : this.clipA;
  }

  /** Inside a session: tells it which clip notes go to and the frame on show there (once per change). */
  #report(): void {
    if (!this.session) return;
    const i = this.notesOn === 'b' ? 1 : 0;
    const side = this.#sides[i];
    const clip = side.clip;
    if (!clip || !side.sync) return;
    const frame = Math.min(Math.max(0, this.sideFrame(i)), side.frameCount - 1);
    if (this.#reported.clipId !== clip.id) {
      this.#reported = { clipId: clip.id, frame: -1 };
      if (this.session.currentClipId !== clip.id) this.emit('review-clip-select', { clipId: clip.id });
      const rate = clip.media.frameRate;
      this.emit('review-ready', { frameCount: side.frameCount, fps: rate.num / rate.den, clipId: clip.id, frameRate: rate });
    }
    if (this.#reported.frame !== frame) {
      this.#reported.frame = frame;
      this.emit('review-frame-change', { frame });
    }
  }

  #setNotesOn(side: 'a' | 'b'): void {
    if (this.notesOn === side) return;
    this.notesOn = side;
    this.#report();
    this.#changed();
  }

  // ——— difference ———

  /** Draws |A − B| on the canvas: A, then B with `difference` compositing; the gain is a CSS brightness filter. */
  #drawDifference(): void {
    if (this.mode !== 'difference') return;
    const canvas = this.canvas;
    const [a, b] = this.#sides;
    const media = a.clip?.media ?? b.clip?.media;
    if (!canvas || !media) return;
    // The picture's own size, so nothing is resampled before the difference.
    const width = a.video?.videoWidth || media.width;
    const height = a.video?.videoHeight || media.height;
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.globalCompositeOperation = 'source-over';
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, width, height);
    const [pa, pb] = [this.#pictureOf(0), this.#pictureOf(1)];
    if (pa && this.hasFrame(0)) ctx.drawImage(pa, 0, 0, width, height);
    ctx.globalCompositeOperation = 'difference';
    if (pb && this.hasFrame(1)) ctx.drawImage(pb, 0, 0, width, height);
    ctx.globalCompositeOperation = 'source-over';
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('mode') || changed.has('frame')) this.#drawDifference();
    // Not on the per-frame updates of playback: which versions are compared changes only otherwise.
    const playbackOnly = changed.size > 0 && [...changed.keys()].every((k) => k === 'frame' || k === 'playing');
    if (!playbackOnly) this.#requestCompare();
  }

  /** Inside a session: tells its store which versions are compared and which one notes go to (once per change). */
  #requestCompare(): void {
    const a = this.clipA;
    const noteClip = this.noteClip;
    const key = this.session && a && noteClip ? `${a.id}|${this.clipB?.id ?? ''}|${noteClip.id}` : '';
    if (key === this.#compareKey) return;
    this.#compareKey = key;
    this.#endCompare?.();
    this.#endCompare = null;
    if (key && a && noteClip)
      this.emit('review-compare-request', {
        a: a.id,
        b: this.clipB?.id ?? null,
        notesOn: noteClip.id,
        reply: (end) => (this.#endCompare = end),
      });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#endCompare?.();
    this.#endCompare = null;
    this.#compareKey = '';
    for (const side of this.#sides) {
      side.sync?.dispose();
      side.engine?.close();
    }
    this.#sides[0] = emptySide();
    this.#sides[1] = emptySide();
  }

  // ——— user input ———

  #changed(): void {
    this.emit('review-compare-change', {
      mode: this.mode,
      clipId: this.clipA?.id ?? null,
      compareId: this.clipB?.id ?? null,
      shown: this.shown,
      notesOn: this.notesOn,
    });
  }

  #setMode(mode: CompareMode): void {
    if (this.mode === mode) return;
    this.mode = mode;
    this.#changed();
  }

  #onPick = (e: Event): void => {
    this.compareId = Number((e.target as HTMLSelectElement).value);
    this.#changed();
  };

  #onKeyDown = (e: KeyboardEvent): void => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.composedPath()[0] as HTMLElement;
    if (target.matches?.('select, input, textarea')) return;
    const onDivider = target.matches?.('[part~="divider"]');
    const onButton = target.matches?.('button');
    const big = e.shiftKey ? 10 : 1;
    let handled = true;
    switch (e.key) {
      case ' ':
        if (onButton) return;
        void this.togglePlay();
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
      case 'ArrowUp':
      case 'ArrowDown': {
        const sign = e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 1;
        if (onDivider) this.#moveWipe(this.wipe + (sign * big) / 100);
        else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') void this.step(sign * big);
        else handled = false;
        break;
      }
      case 'Home':
        if (onDivider) this.#moveWipe(0);
        else void this.seekToFrame(0);
        break;
      case 'End':
        if (onDivider) this.#moveWipe(1);
        else void this.seekToFrame(this.frameCount - 1);
        break;
      case 't':
      case 'T':
        this.toggle();
        break;
      case '+':
      case '=':
        this.setZoom(this.zoom * 1.25);
        break;
      case '-':
        this.setZoom(this.zoom / 1.25);
        break;
      case '0':
        this.setZoom(1);
        break;
      case 'l':
      case 'L':
        this.loop = !this.loop;
        break;
      default: {
        const n = Number(e.key);
        if (Number.isInteger(n) && n >= 1 && n <= COMPARE_MODES.length) this.#setMode(COMPARE_MODES[n - 1]);
        else handled = false;
      }
    }
    if (handled) e.preventDefault();
  };

  #moveWipe(value: number): void {
    this.wipe = Math.min(1, Math.max(0, value));
  }

  #dragging = false;
  /** A pan in progress (zoomed, dragging the picture): the last pointer position. */
  #panFrom: { x: number; y: number } | null = null;

  /**
   * Zooms both sides to `zoom` (1..8) about `anchor` (CSS pixels in a side's box; default its centre), so the
   * point under the pointer stays put. Both sides share one zoom and pan: they show the same region.
   */
  setZoom(zoom: number, anchor?: { x: number; y: number }): void {
    const next = Math.min(8, Math.max(1, zoom));
    const box = this.renderRoot.querySelector('.side')?.getBoundingClientRect();
    const at = anchor ?? { x: (box?.width ?? 0) / 2, y: (box?.height ?? 0) / 2 };
    const k = next / this.zoom;
    this.pan = next === 1 ? { x: 0, y: 0 } : this.#clampPan({ x: at.x - (at.x - this.pan.x) * k, y: at.y - (at.y - this.pan.y) * k }, next);
    this.zoom = next;
  }

  /** Keeps the zoomed picture over its box (no empty band beyond its edges). */
  #clampPan(pan: { x: number; y: number }, zoom = this.zoom): { x: number; y: number } {
    const box = this.renderRoot.querySelector('.side')?.getBoundingClientRect();
    if (!box) return pan;
    const clamp = (v: number, size: number) => Math.min(0, Math.max(size - size * zoom, v));
    return { x: clamp(pan.x, box.width), y: clamp(pan.y, box.height) };
  }

  #onWheel = (e: WheelEvent): void => {
    if (!e.ctrlKey && !e.metaKey && this.zoom === 1 && e.deltaY > 0) return;
    e.preventDefault();
    const side =
      (e.composedPath().find((n) => n instanceof HTMLElement && n.classList.contains('side')) as HTMLElement | undefined) ?? null;
    const rect = (side ?? this.stage!).getBoundingClientRect();
    const delta = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? e.deltaY * 16 : e.deltaY;
    this.setZoom(this.zoom * Math.exp(-delta * 0.0015), { x: e.clientX - rect.left, y: e.clientY - rect.top });
  };

  #onDividerDown = (e: PointerEvent): void => {
    if (e.button !== 0) return;
    this.#dragging = true;
    capture(e.currentTarget as HTMLElement, e.pointerId);
    e.preventDefault();
  };

  #onStagePointer = (e: PointerEvent): void => {
    const onDivider = e.composedPath()[0] instanceof HTMLElement && (e.composedPath()[0] as HTMLElement).matches('[part~="divider"]');
    // Zoomed: dragging the picture pans both sides (the divider still moves the wipe).
    if (e.type === 'pointerdown' && e.button === 0 && this.zoom > 1 && !onDivider) {
      this.#panFrom = { x: e.clientX, y: e.clientY };
      capture(this.stage, e.pointerId);
      return;
    }
    if (this.#panFrom) {
      if (e.type === 'pointerup' || e.type === 'pointercancel') this.#panFrom = null;
      else if (e.type === 'pointermove') {
        this.pan = this.#clampPan({ x: this.pan.x + e.clientX - this.#panFrom.x, y: this.pan.y + e.clientY - this.#panFrom.y });
        this.#panFrom = { x: e.clientX, y: e.clientY };
      }
      return;
    }
    if (this.mode !== 'wipe') return;
    if (e.type === 'pointerdown') {
      if (e.button !== 0) return;
      this.#dragging = true;
      capture(this.stage, e.pointerId);
    }
    if (e.type === 'pointerup' || e.type === 'pointercancel') {
      this.#dragging = false;
      return;
    }
    if (!this.#dragging) return;
    const rect = this.stage!.getBoundingClientRect();
    this.#moveWipe(this.wipeDirection === 'vertical' ? (e.clientX - rect.left) / rect.width : (e.clientY - rect.top) / rect.height);
  };

  // ——— rendering ———

  /** The zoom and pan of both pictures (and of the difference), the same for each. */
  get #transform(): string {
    return this.zoom === 1 ? 'none' : `translate(${this.pan.x}px, ${this.pan.y}px) scale(${this.zoom})`;
  }

  #sideStyle(i: 0 | 1): Record<string, string> {
    if (i === 0) return {};
    const pct = `${(this.wipe * 100).toFixed(3)}%`;
    switch (this.mode) {
      case 'toggle':
        return { opacity: this.shown === 'b' ? '1' : '0' };
      case 'wipe':
        return { 'clip-path': this.wipeDirection === 'vertical' ? `inset(0 0 0 ${pct})` : `inset(${pct} 0 0 0)` };
      case 'blend':
        return { opacity: String(this.blend) };
      default:
        return {};
    }
  }

  #renderSide(i: 0 | 1): TemplateResult {
    const side = this.#sides[i];
    const clip = side.clip;
    const inRange = this.hasFrame(i);
    const hiddenByToggle = this.mode === 'toggle' && this.shown !== (i === 0 ? 'a' : 'b');
    return html`<div
      class="side ${i === 0 ? 'a' : 'b'}"
      part="side side-${i === 0 ? 'a' : 'b'}"
      style=${styleMap(this.#sideStyle(i))}
      aria-hidden=${hiddenByToggle ? 'true' : 'false'}
    >
      ${
        clip
          ? keyed(
              clip.media.url,
              html`<video
                data-side=${i === 0 ? 'a' : 'b'}
                src=${clip.media.url}
                preload="auto"
                muted
                playsinline
                style=${styleMap({ visibility: inRange ? 'visible' : 'hidden', transform: this.#transform })}
                @loadeddata=${this.#onLoaded}
                @canplay=${this.#onLoaded}
                @ended=${this.#onEnded}
              ></video>`,
            )
          : nothing
      }
      ${
        clip && this.engine !== 'video'
          ? keyed(
              clip.media.url,
              html`<canvas
                part="picture"
                hidden
                style=${styleMap({ visibility: inRange ? 'visible' : 'hidden', transform: this.#transform })}
              ></canvas>`,
            )
          : nothing
      }
      ${
        clip && !inRange && side.frameCount > 0
          ? html`<div part="no-frame">
              ${msg(str`No frame ${this.frame} in ${clip.name}: it has ${side.frameCount} frames.`)}
            </div>`
          : nothing
      }
    </div>`;
  }

  /**
   * Which version is which, above the pictures rather than on them, so no burned-in slate or timecode is hidden:
   * A on the left, B on the right (over its side, side by side); in A/B the one shown is in bold.
   */
  #renderCaptions(): TemplateResult {
    const caption = (i: 0 | 1) => {
      const clip = this.#sides[i].clip;
      const letter = i === 0 ? 'A' : 'B';
      const shown = this.mode === 'toggle' && this.shown === (i === 0 ? 'a' : 'b');
      return clip
        ? html`<span part="label label-${letter.toLowerCase()}" class=${shown ? 'shown' : ''}>${letter} · ${clip.name}</span>`
        : html`<span></span>`;
    };
    return html`<div part="captions" class=${this.mode}>${caption(0)} ${caption(1)}</div>`;
  }

  /** The scrubber, with the notes of A above it and those of B below it (told apart by row, letter and colour). */
  #renderTimeline(total: number): TemplateResult {
    const markers = (i: 0 | 1) => {
      const clip = i === 0 ? this.clipA : this.clipB;
      const notes = (this.#notes[i].state?.comments ?? []).filter(
        (c: ClipAnnotation) => c.relatedToId === null && !c.customFields?.deleted,
      );
      if (!clip || notes.length === 0 || total < 1) return nothing;
      const letter = i === 0 ? 'A' : 'B';
      return html`<div part="markers markers-${letter.toLowerCase()}" class="markers ${letter.toLowerCase()}">
        ${notes.map(
          (c) =>
            html`<button
              type="button"
              tabindex="-1"
              part="marker"
              class="marker"
              style=${styleMap({ left: `${((c.start + (i === 1 ? this.alignment : 0)) / Math.max(1, total - 1)) * 100}%` })}
              title=${msg(str`${letter}, frame ${c.start}: ${markupToPlainText(c.description)}`)}
              aria-label=${msg(str`Note on ${letter} at frame ${c.start}`)}
              @click=${() => void this.seekToFrame(c.start + (i === 1 ? this.alignment : 0))}
            >
              ${letter}
            </button>`,
        )}
      </div>`;
    };
    return html`<div part="timeline">
      ${markers(0)}
      <input
        part="scrubber"
        type="range"
        min="0"
        max=${Math.max(0, total - 1)}
        step="1"
        .value=${String(this.frame)}
        aria-label=${msg('Frame')}
        aria-valuetext=${msg(str`Frame ${this.frame} / ${total}`)}
        @input=${(e: Event) => void this.seekToFrame(Number((e.target as HTMLInputElement).value))}
      />
      ${markers(1)}
    </div>`;
  }

  protected override render(): TemplateResult {
    const a = this.clipA;
    const b = this.clipB;
    const versions = this.#versions ?? [];
    const modeLabels: Record<CompareMode, string> = {
      toggle: msg('A/B'),
      wipe: msg('Wipe'),
      'side-by-side': msg('Side by side'),
      difference: msg('Difference'),
      blend: msg('Blend'),
    };
    const media = a?.media ?? b?.media;
    const aspect = media ? `${media.width} / ${media.height}` : '16 / 9';
    const total = this.frameCount;
    return html`
      <div part="toolbar">
        <div part="modes" role="group" aria-label=${msg('Compare mode')}>
          ${COMPARE_MODES.map(
            (mode, n) => html`<button
              class="button"
              part="mode"
              type="button"
              data-mode=${mode}
              aria-pressed=${this.mode === mode ? 'true' : 'false'}
              aria-keyshortcuts=${String(n + 1)}
              @click=${() => this.#setMode(mode)}
            >
              ${modeLabels[mode]}
            </button>`,
          )}
        </div>
        <button class="button" part="toggle" type="button" aria-keyshortcuts="T" @click=${() => this.toggle()}>
          ${this.mode === 'toggle' && this.shown === 'b' ? msg('Showing B — show A') : msg('Showing A — show B')}
        </button>
        <label
          >${msg('B:')}
          <select part="picker" aria-label=${msg('Version B')} @change=${this.#onPick} .value=${String(b?.id ?? '')}>
            ${versions.filter((c) => c.id !== a?.id).map((c) => html`<option value=${c.id} ?selected=${c.id === b?.id}>${c.name}</option>`)}
          </select></label
        >
        ${
          this.session
            ? html`<label
                >${msg('Notes on')}
                <select
                  part="notes-on"
                  @change=${(e: Event) => this.#setNotesOn((e.target as HTMLSelectElement).value === 'b' ? 'b' : 'a')}
                >
                  <option value="a" ?selected=${this.notesOn === 'a'}>${msg(str`A: ${a?.name ?? ''}`)}</option>
                  <option value="b" ?selected=${this.notesOn === 'b'} ?disabled=${!b}>${msg(str`B: ${b?.name ?? ''}`)}</option>
                </select></label
              >`
            : nothing
        }
        ${
          this.mode === 'wipe'
            ? html`<button
                class="button"
                type="button"
                part="direction"
                @click=${() => (this.wipeDirection = this.wipeDirection === 'vertical' ? 'horizontal' : 'vertical')}
              >
                ${this.wipeDirection === 'vertical' ? msg('Wipe: left | right') : msg('Wipe: top / bottom')}
              </button>`
            : nothing
        }
        ${
          this.mode === 'blend'
            ? html`<label
                >${msg('Opacity of B')}
                <input
                  type="range"
                  min="0"
                  max="1"
                  step="0.05"
                  .value=${String(this.blend)}
                  @input=${(e: Event) => (this.blend = Number((e.target as HTMLInputElement).value))}
              /></label>`
            : nothing
        }
        ${
          this.mode === 'difference'
            ? html`<label
                >${msg('Gain')}
                <input
                  type="range"
                  min="1"
                  max="16"
                  step="1"
                  .value=${String(this.gain)}
                  @input=${(e: Event) => (this.gain = Number((e.target as HTMLInputElement).value))}
              /></label>`
            : nothing
        }
      </div>
      ${this.#loadError ? html`<p part="error" role="alert">${this.#loadError}</p>` : nothing}
      ${!a && !this.#loadError ? html`<p part="message">${msg('Loading versions…')}</p>` : nothing}
      ${this.#renderCaptions()}
      <div
        part="stage"
        class=${this.mode}
        style=${styleMap({ '--_aspect': aspect })}
        tabindex="0"
        role="group"
        aria-label=${msg(str`Compare ${a?.name ?? ''} with ${b?.name ?? ''}`)}
        aria-roledescription=${msg('compare')}
        @keydown=${this.#onKeyDown}
        @wheel=${this.#onWheel}
        @pointerdown=${this.#onStagePointer}
        @pointermove=${this.#onStagePointer}
        @pointerup=${this.#onStagePointer}
        @pointercancel=${this.#onStagePointer}
      >
        ${this.#renderSide(0)} ${this.#renderSide(1)}
        ${
          this.mode === 'difference'
            ? html`<canvas part="difference" style=${styleMap({ filter: `brightness(${this.gain})`, transform: this.#transform })}></canvas>`
            : nothing
        }
        ${
          this.mode === 'wipe'
            ? html`<div
                part="divider"
                class=${this.wipeDirection}
                role="slider"
                tabindex="0"
                aria-label=${msg('Wipe position')}
                aria-orientation=${this.wipeDirection === 'vertical' ? 'horizontal' : 'vertical'}
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=${Math.round(this.wipe * 100)}
                style=${styleMap(this.wipeDirection === 'vertical' ? { left: `${this.wipe * 100}%` } : { top: `${this.wipe * 100}%` })}
                @pointerdown=${this.#onDividerDown}
              ></div>`
            : nothing
        }
      </div>
      ${this.#renderTimeline(total)}
      <div part="transport" @keydown=${this.#onKeyDown}>
        <button class="button" type="button" part="step-back" aria-label=${msg('Previous frame')} @click=${() => void this.step(-1)}>
          ◀︎|
        </button>
        <button class="button" type="button" part="play" aria-keyshortcuts="Space" @click=${() => void this.togglePlay()}>
          ${this.playing ? msg('Pause') : msg('Play')}
        </button>
        <button class="button" type="button" part="step-forward" aria-label=${msg('Next frame')} @click=${() => void this.step(1)}>
          |▶︎
        </button>
        <label><input type="checkbox" .checked=${this.loop} @change=${(e: Event) => (this.loop = (e.target as HTMLInputElement).checked)} />${msg('Loop')}</label>
        <span part="frame-label" aria-live="off">${msg(str`Frame ${this.frame} / ${total}`)}</span>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-compare': ReviewCompare;
  }
}
