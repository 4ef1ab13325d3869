import { ContextSubscription, consume } from '../../store/context-subscription.js';
import { html, nothing, type PropertyValues } from 'lit';
import { msg, str } from '@lit/localize';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { parseXywh } from '../../contract/fragments.js';
import { canCreateComment } from '../../contract/rights.js';
import type { ClipAnnotation, Drawing, DrawingShape, Id } from '../../contract/types.js';
import { ReviewElement } from '../../internal/review-element.js';
import {
  draftContext,
  navigationContext,
  pictureContext,
  sessionContext,
  type DraftState,
  type PictureState,
  type SessionState,
} from '../../store/context.js';
import type { CommentsState } from '../../store/comments-store.js';
import { commentsSourceContext } from '../../store/comments-source.js';
import { StoreController } from '../../store/store.js';
import type { AnnotationEditor } from './annotation-editor.js';
import {
  containRect,
  denormalise,
  normalise,
  parseDrawing,
  serialiseDrawing,
  type FrameRect,
  type Point,
  type ShapeType,
} from '../../drawing/geometry.js';
import { annotateIcon } from './icons.js';
import { paintSelection, paintShapes, paintSpot } from '../../drawing/render.js';
import { OnDemand } from '../../internal/on-demand.js';
import { styles } from './review-annotation-layer.styles.js';

/** A drawing tool, or `select` to pick, move and delete shapes. */
export type AnnotationTool = ShapeType | 'select';

/** The ghosting choices the tool bar offers (±N neighbouring frames; 0: off). */
const GHOST_CHOICES = [0, 1, 2, 3, 5] as const;

/** Keyboard cursor steps, in fractions of the frame: an arrow key, and Shift with an arrow key. */
const CURSOR_STEP = 0.01;
const CURSOR_STEP_LARGE = 0.1;

/** Opacity of the drawings of the nearest neighbouring frame when ghosting; further ones fade linearly. */
const GHOST_ALPHA = 0.45;

/** The parsed drawing of a comment, cached per comment object (comments are immutable snapshots). */
const drawingCache = new WeakMap<ClipAnnotation, Drawing | null>();
function drawingOf(comment: ClipAnnotation): Drawing | null {
  let d = drawingCache.get(comment);
  if (d === undefined) {
    d = parseDrawing(comment.customFields?.drawing);
    drawingCache.set(comment, d);
  }
  return d;
}

/**
 * Annotation layer over the player's picture: draw with pen, line, arrow, rectangle, ellipse and text;
 * pick a colour and stroke width; undo/redo, clear, select and delete. Shapes are kept normalised to
 * the frame (0..1), so they stay on the same spot of the picture at any size, zoom or pan. It also
 * shows the drawings of the clip's comments at their frame (`annotations`, `frame`), ghosts of the
 * neighbouring frames (`ghost-frames`) and the selected comment's drawing.
 *
 * The editing (tools, gestures, text, keyboard) is a module loaded on demand (docs/sizes.md): when a
 * tool is chosen, or ahead for a user who may draw; `updateComplete` waits for it while it loads.
 *
 * In a `<review-player>` (`slot="overlay"`) it takes the frame, the picture and the zoom from the player's
 * picture context (docs/architecture.md): nothing else to wire. Its tool bar then sits in a band the player keeps
 * below the picture (`review-overlay-band-request`), so the whole frame is drawable. Elsewhere, put it over the picture (it fills
 * its positioned container) and tell it where the frame is, either
 * `frameRect` (CSS px in the layer, e.g. from the player's `review-viewport-change`) or the media size
 * (`media-width`/`media-height` or `media`), from which an `object-fit: contain` rect is computed.
 *
 * Keyboard (when focus is in the layer): P pen, L line, A arrow, R rectangle, E ellipse, T text,
 * V select, Delete/Backspace remove the selected shape, Escape cancels the stroke or deselects,
 * Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redo. On the drawing surface with the select tool, Tab and
 * Shift+Tab walk the shapes and the arrow keys move the selected one (Shift: further); a colour picked
 * while a shape is selected recolours it.
 *
 * No pointer needed: the drawing surface is a Tab stop while a tool is active or a spot is awaited, and shows
 * a keyboard cursor (a crosshair, from the centre of the frame) that the arrow keys move (1 % of the frame;
 * Shift: 10 %). While a spot is awaited it takes focus; Enter or Space picks the spot under the cursor exactly
 * as a click does, Escape stops the wait (`review-spot-request {action: 'cancel'}`). With a shape tool, Enter or
 * Space places a shape of a default size at the cursor (the pen: a short stroke) and selects it: the arrow keys
 * move it, Shift+arrow resizes it, Enter or Escape finishes. With the text tool, Enter opens the text input at
 * the cursor. Each step is said in the layer's status region.
 *
 * In a `<review-session>` it shares the note being composed through the session's draft (`draftContext`):
 * it sends each change of its drawing up as `review-drawing-request`, where the composer finds it, and starts
 * a new drawing once the draft drops it (a comment carrying it was created); while the draft says a composer
 * waits for a spot (or `spot-mode` is set), a click on the picture is a pick, sent up as `review-spot-request`.
 *
 * @customElement review-annotation-layer
 * @fires review-pause-request - `{reason: 'annotate'}` when a stroke starts, so the player pauses.
 * @fires review-overlay-band-request - `{height}` in a player: the band below the picture its tool bar needs (0: none).
 * @fires review-drawing-request - `{drawing}` after every change of the composed drawing (null when empty).
 * @fires review-drawing-change - `{drawing}` the same, as a notification, after the request.
 * @fires review-spot-request - `{action: 'pick', x, y}` (percent of the frame) on a click (or Enter on the surface) while a
 * composer waits for a spot; `{action: 'cancel'}` on Escape.
 * @fires review-spot-pick - `{x, y}` the same, as a notification, after the request.
 * @csspart toolbar - The tool bar: in a player, docked in a band below the picture; elsewhere floating at the top left.
 * @csspart ghosting - The Ghosting select (off, ±1, ±2, ±3, ±5 frames), which sets `ghost-frames`.
 * @csspart tool-button - Each tool button (pressed one has `aria-pressed="true"`).
 * @csspart surface - The drawing surface that takes pointer input while a tool is active.
 * @csspart text-input - The input shown while typing a text shape.
 * @csspart keyboard-cursor - The crosshair the arrow keys move on the focused surface.
 * @cssprop --review-accent - Pressed tool, selection outline.
 * @cssprop --review-bg - Tool bar background.
 * @cssprop --review-fg - Tool bar icons.
 * @cssprop --review-border - Separators, swatch rings.
 * @cssprop --review-radius - Tool bar and button corners.
 * @attr tool - Active tool (`pen` `line` `arrow` `rect` `ellipse` `text` `select`); absent: not annotating.
 * @attr color - Stroke colour of new shapes (CSS colour, `#ff3b30` by default).
 * @attr stroke-width - Stroke width of new shapes, in pixels of a 720 px high frame.
 * @attr frame - The frame on screen (0-based); comment drawings are shown at their `start` frame.
 * @attr ghost-frames - Also show, faded, the drawings of the ±N neighbouring frames.
 * @attr hide-annotations - Do not show comment drawings (the selected comment's still shows).
 * @attr readonly - Only show drawings: no tool bar, no drawing.
 * @attr spot-mode - A click on the picture picks a spot (without a session: the host sets it while its composer waits).
 * @attr no-toolbar - Hide the built-in tool bar (a host drives `tool`, `color`… itself).
 * @attr media-width - Native width of the picture (for the contain rect and snapshots).
 * @attr media-height - Native height of the picture.
 */
export class ReviewAnnotationLayer extends ReviewElement {
  static override styles = styles;

  @property({ reflect: true }) tool: AnnotationTool | null = null;
  /** Default: red, the palette's first colour (./annotation-editor.ts). */
  @property() color = '#ff3b30';
  @property({ type: Number, attribute: 'stroke-width' }) strokeWidth = 4;
  /** The drawing being composed (normalised shapes). Replace, never mutate. */
  @property({ attribute: false }) shapes: readonly DrawingShape[] = [];
  /** Comments of the clip; those with `customFields.drawing` are shown at their frame. */
  /**
   * Comments of the clip; those with `customFields.drawing` (or a point `spatial`) are shown at their
   * frame. Null (default): the comments of the session's clip (`clip-id`, else the session's current clip).
   */
  @property({ attribute: false }) annotations: readonly ClipAnnotation[] | null = null;
  /** Clip whose comments are shown when `annotations` is null; default the session's current clip. */
  @property({ attribute: 'clip-id', type: Number }) clipId: Id | null = null;
  /** The frame on screen. Inside a `<review-player>` it follows the frame the player shows. */
  @property({ type: Number }) frame = 0;
  /** Also show, faded, the drawings of the ±N neighbouring frames; the tool bar's Ghosting control sets it too. */
  @property({ type: Number, attribute: 'ghost-frames', reflect: true }) ghostFrames = 0;
  @property({ type: Boolean, attribute: 'hide-annotations' }) hideAnnotations = false;
  /**
   * The selected comment: its drawing shows at its frame even with `hide-annotations`. Default: the
   * session's selected comment.
   */
  @property({ attribute: false }) selectedCommentId: Id | null = null;
  @property({ type: Boolean, reflect: true }) readonly = false;
  /** A click on the picture picks a spot, as while the session's draft waits for one (for a host without a session). */
  @property({ type: Boolean, attribute: 'spot-mode' }) spotMode = false;
  @property({ type: Boolean, attribute: 'no-toolbar' }) noToolbar = false;
  @property({ type: Number, attribute: 'media-width' }) mediaWidth = 0;
  @property({ type: Number, attribute: 'media-height' }) mediaHeight = 0;
  /** Where the frame is in the layer (CSS px). Overrides the contain rect; set it when zoomed or panned. */
  @property({ attribute: false }) frameRect: FrameRect | null = null;
  /** The picture, for snapshots (a `<video>`, `<img>` or `<canvas>`); default the parent player's. */
  @property({ attribute: false }) media: CanvasImageSource | null = null;

  /** Index of the selected shape in `shapes`, or -1. */
  @state() selectedIndex = -1;
  @state() private box = { width: 0, height: 0 };
  @state() private message = '';
  /** The keyboard cursor on the frame (normalised), shown while the surface has focus and takes a place. */
  @state() private cursor: Point = [0.5, 0.5];
  @state() private surfaceFocused = false;
  /**
   * Where the tool bar goes (layer px). In a player it is docked in the band below the picture, across the
   * stage; elsewhere it floats at the top left of the visible part of the frame.
   */
  @state() private toolbarBox = { left: 0, top: 0, width: 0, docked: false };

  @consume({ context: sessionContext, subscribe: true })
  @state()
  private session?: SessionState;

  /** The review store's navigation: the selected comment. */
  readonly #navigation = new ContextSubscription(this, navigationContext);
  /** The session's comments, read through its source: the layer does not bundle the comments store itself. */
  readonly #commentsSource = new ContextSubscription(this, commentsSourceContext);
  #comments = new StoreController<CommentsState>(this, () => {
    const clipId = this.clipId ?? this.session?.currentClipId;
    return this.annotations || clipId == null ? undefined : this.#commentsSource.value?.(clipId);
  });
  /** The session's draft: whether a composer waits for a spot, and the drawing it holds. */
  readonly #draft = new ContextSubscription(this, draftContext, (draft) => this.#onDraft(draft));
  /** The drawing this layer last sent up, and the draft's last seen. */
  #sentDrawing: Drawing | null = null;
  #draftDrawing: Drawing | null = null;
  /** What the `<review-player>` the layer is in shows (its frame, picture, zoom and stage); none outside a player. */
  readonly #onScreen = new ContextSubscription(this, pictureContext, (picture) => this.#onPicture(picture));

  @query('canvas.base') private baseCanvas!: HTMLCanvasElement;
  @query('canvas.live') private liveCanvas!: HTMLCanvasElement;
  @query('.surface') private surface!: HTMLElement;

  /**
   * The editing (./annotation-editor.ts), loaded when drawing starts, or ahead for a user who may draw. A
   * failure is shown in place of the tools; a new tool tries again.
   */
  readonly #editorPart = new OnDemand<AnnotationEditor>(this, async () => {
    const { AnnotationEditor } = await import('./annotation-editor.js');
    return new AnnotationEditor(this, {
      box: () => this.box,
      liveContext: () => this.#context(this.liveCanvas),
      clearLive: () => this.#clearLive(),
      paintBase: () => this.#paintBase(),
      commit: (next) => this.#commit(next),
      composited: (shapes) => (this.#composited = shapes),
      announce: (message) => (this.message = message),
      cursor: () => this.cursor,
    });
  });

  get #editor(): AnnotationEditor | null {
    return this.#editorPart.value;
  }

  /** The history lives here, not in the editor: undo, clear and reset work before it loads. */
  #undo: Array<readonly DrawingShape[]> = [];
  #redo: Array<readonly DrawingShape[]> = [];
  /** The shapes whose last stroke was copied from the live canvas, so the next update may skip a repaint. */
  #composited: readonly DrawingShape[] | null = null;
  #drawnOnClip: Id | null = null;
  #resize = new ResizeObserver(([entry]) => {
    const { width, height } = entry.contentRect;
    if (width !== this.box.width || height !== this.box.height) this.box = { width, height };
  });
  /** The docked tool bar's height, asked of the player as its band below the picture. */
  #band = 0;
  #observedToolbar: Element | null = null;
  /**
   * Asked on the next frame, not inside the observer's callback: the band resizes the player's stage, an
   * ancestor of the bar, which within the same delivery is a ResizeObserver loop.
   */
  #toolbarResize = new ResizeObserver(([entry]) => {
    const height = entry.borderBoxSize[0]?.blockSize ?? 0;
    requestAnimationFrame(() => {
      if (this.isConnected) this.#requestBand(height);
    });
  });

  constructor() {
    super();
    this.addEventListener('keydown', (e) => this.#editor?.keyDown(e));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    this.#toolbarResize.disconnect();
    this.#observedToolbar = null;
    this.#band = 0;
  }

  /** Whether the user may draw: not `readonly`, and allowed to create comments in the session (if any). */
  get canDraw(): boolean {
    if (this.readonly) return false;
    const s = this.session;
    if (!s || s.status !== 'ready') return true;
    return canCreateComment(s.rights) && s.me?.share?.commentsCreate !== false;
  }

  /** The comments whose drawings and spots are shown (the `annotations` property or the session's). */
  get shownAnnotations(): readonly ClipAnnotation[] {
    return this.annotations ?? this.#comments.state?.comments ?? [];
  }

  /** The player's frame becomes the layer's; a move of the frame on the stage moves the tool bar. */
  #onPicture(picture: PictureState): void {
    this.frame = picture.frame;
    this.#placeToolbar();
  }

  #onDraft(draft: DraftState): void {
    const before = this.#draftDrawing;
    this.#draftDrawing = draft.drawing;
    // The draft dropped this layer's drawing (the comment carrying it was created): start the next one.
    if (!draft.drawing && before && before === this.#sentDrawing) this.reset();
  }

  /** A click on the picture picks a spot: a composer waits for one (the session's draft), or `spotMode`. */
  get #picking(): boolean {
    return this.spotMode || this.#draft.value?.spotFor != null;
  }
  #wasPicking = false;

  /** Whether the keyboard cursor places something: a spot, or a new shape with a drawing tool. */
  get #cursorPlaces(): boolean {
    if (this.#picking) return true;
    return !!this.tool && this.tool !== 'select' && this.selectedIndex < 0 && !!this.#editor;
  }

  /**
   * Places the tool bar. Inside a player it docks in the band the player keeps below the picture (the stage
   * below the frame's visible part, across the stage), so no part of the frame is under it (issue #22, item 3);
   * elsewhere it floats at the top left of the layer.
   */
  #placeToolbar(): void {
    const picture = this.#onScreen.value;
    const width = this.box.width;
    let next = { left: 0, top: 0, width, docked: false };
    if (picture && picture.viewport.width > 0 && picture.stage.width > 0) {
      // The layer fills the frame's box, whose top left is at (x, y) on the stage; scale: layer px per stage px.
      const { x, y, width: frameWidth } = picture.viewport;
      const scale = frameWidth > 0 ? width / frameWidth : 1;
      next = { left: -x * scale, top: (picture.stage.height - y) * scale, width: picture.stage.width * scale, docked: true };
    }
    const t = this.toolbarBox;
    if (t.left !== next.left || t.top !== next.top || t.width !== next.width || t.docked !== next.docked) this.toolbarBox = next;
  }

  /** Asks the player for a band as tall as the docked tool bar (0 when there is none). */
  #requestBand(height: number): void {
    const band = Math.ceil(height);
    if (band === this.#band) return;
    this.#band = band;
    this.emit('review-overlay-band-request', { height: band });
  }

  /** Watches the docked tool bar's height; a layer without one gives its band back. */
  #watchToolbar(): void {
    const bar = this.toolbarBox.docked ? this.renderRoot.querySelector('[part="toolbar"]') : null;
    if (bar === this.#observedToolbar) return;
    if (this.#observedToolbar) this.#toolbarResize.unobserve(this.#observedToolbar);
    this.#observedToolbar = bar;
    if (bar) this.#toolbarResize.observe(bar);
    else this.#requestBand(0);
  }

  #setGhostFrames(n: number): void {
    this.ghostFrames = n;
    this.message = n ? msg(str`Ghosting ±${n}: the drawings of neighbouring frames are shown, faded`) : msg('Ghosting off');
  }

  // — public API —

  /** The composed drawing as stored in `customFields.drawing`; null when empty. */
  get drawing(): Drawing | null {
    return serialiseDrawing(this.shapes);
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** Where the frame is in the layer now (CSS px). */
  get currentFrameRect(): FrameRect {
    if (this.frameRect) return this.frameRect;
    const [mw, mh] = this.#mediaSize();
    return containRect(this.box.width, this.box.height, mw, mh);
  }

  undo(): void {
    const prev = this.#undo.pop();
    if (!prev) return;
    this.#redo.push(this.shapes);
    this.#setShapes(prev);
  }

  redo(): void {
    const next = this.#redo.pop();
    if (!next) return;
    this.#undo.push(this.shapes);
    this.#setShapes(next);
  }

  /** Removes every composed shape (undoable). */
  clear(): void {
    if (this.shapes.length) this.#commit([]);
  }

  /** Removes the selected shape (undoable). */
  deleteSelected(): void {
    const i = this.selectedIndex;
    if (i < 0 || i >= this.shapes.length) return;
    this.#commit(this.shapes.filter((_, j) => j !== i));
  }

  /** Cancels the stroke in progress, or else the text being typed, or else the selection. */
  cancel(): void {
    if (!this.#editor?.cancel()) this.selectedIndex = -1;
  }

  /** Starts a new empty drawing and forgets the history (e.g. once the comment carrying it was posted). */
  reset(): void {
    this.cancel();
    this.#undo = [];
    this.#redo = [];
    this.selectedIndex = -1;
    if (this.shapes.length) this.#setShapes([]);
  }

  /**
   * Paints the current frame and the drawings shown on it onto a canvas at the media's native size
   * (the `media` picture when set; transparent otherwise).
   */
  renderSnapshot(): HTMLCanvasElement {
    const [mw, mh] = this.#mediaSize();
    const rect = this.currentFrameRect;
    const width = Math.round(mw || rect.width || 1);
    const height = Math.round(mh || rect.height || 1);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d')!;
    const picture = this.#picture();
    if (picture) {
      // The player shows pictures on black; a picture with transparency must look the same when saved.
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, width, height);
      ctx.drawImage(picture, 0, 0, width, height);
    }
    this.#paintDrawings(ctx, { left: 0, top: 0, width, height }, false);
    return canvas;
  }

  /** The snapshot as a PNG blob. Rejects when the picture is cross-origin without CORS (tainted canvas). */
  snapshot(): Promise<Blob> {
    const canvas = this.renderSnapshot();
    return new Promise((resolve, reject) => {
      try {
        canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Snapshot failed'))), 'image/png');
      } catch (err) {
        reject(err);
      }
    });
  }

  /** Downloads the snapshot as `filename` (PNG). */
  async downloadSnapshot(filename = `frame-${this.frame}.png`): Promise<void> {
    try {
      const url = URL.createObjectURL(await this.snapshot());
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      this.message = msg(str`Saved ${filename}`);
    } catch {
      // The usual cause: media served from another origin without CORS headers taints the canvas.
      this.message = msg('This frame cannot be saved (the media does not allow it).');
    }
  }

  // — rendering —

  /** Resolves once this update is done and, while the editor loads, once it is loaded and shown. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    return (await this.#editorPart.whenSettled()) ? super.getUpdateComplete() : done;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.tool && !this.canDraw) this.tool = null;
    // Fetched when a tool is chosen, or ahead once the session says the user may draw, so the tools are
    // there when asked for; a viewer's or a readonly layer never fetches it. After a failure only a newly
    // chosen tool tries again (not every frame of playback).
    const sessionKnown = !this.session || this.session.status === 'ready';
    if (this.#editorPart.error ? changed.has('tool') && this.tool : this.tool || (this.canDraw && sessionKnown)) this.#editorPart.load();
    if (changed.has('shapes') && this.selectedIndex >= this.shapes.length) this.selectedIndex = -1;
    if (changed.has('tool') && this.tool !== 'select') this.selectedIndex = -1;
    // A drawing belongs to the clip it was drawn on: another clip starts a new one.
    const clip = this.clipId ?? this.session?.currentClipId ?? null;
    if (clip !== this.#drawnOnClip) {
      if (this.#drawnOnClip !== null && (this.shapes.length || this.canUndo)) this.reset();
      this.#drawnOnClip = clip;
    }
  }

  protected override render() {
    const active = !!this.tool;
    const picking = this.#picking;
    const focusable = active || picking;
    const [cx, cy] = denormalise(this.cursor, this.currentFrameRect);
    return html`
      <canvas class="base" aria-hidden="true"></canvas>
      <canvas class="live" aria-hidden="true"></canvas>
      <div
        class=${classMap({ surface: true, active: focusable, spot: picking })}
        part="surface"
        role=${focusable ? 'application' : nothing}
        aria-label=${picking ? msg('Picture: pick a spot') : active ? (this.shapes.length === 1 ? msg('Drawing surface, 1 shape') : msg(str`Drawing surface, ${this.shapes.length} shapes`)) : nothing}
        aria-roledescription=${focusable ? msg('annotation canvas') : nothing}
        aria-describedby=${focusable ? 'surface-help' : nothing}
        tabindex=${focusable ? '0' : '-1'}
        @pointerdown=${this.#onPointerDown}
        @pointermove=${this.#onPointerMove}
        @pointerup=${this.#onPointerUp}
        @pointercancel=${this.#onPointerCancel}
        @keydown=${this.#onSurfaceKey}
        @focus=${() => (this.surfaceFocused = true)}
        @blur=${() => (this.surfaceFocused = false)}
      ></div>
      ${
        this.surfaceFocused && this.#cursorPlaces
          ? html`<div class="keyboard-cursor" part="keyboard-cursor" aria-hidden="true" style="left:${cx}px;top:${cy}px"></div>`
          : nothing
      }
      <span id="surface-help" class="sr-only">${picking ? msg('Arrow keys move the cursor (Shift: further), Enter places the spot, Escape cancels.') : active ? this.#drawingHelp() : ''}</span>
      ${this.#editor?.renderTextInput() ?? nothing}
      ${!this.canDraw || this.noToolbar ? nothing : this.#renderToolbar()}
      <div class="sr-only" role="status">${this.message}</div>
    `;
  }

  #drawingHelp(): string {
    if (this.tool === 'select') return msg('Tab selects a shape; arrow keys move it (Shift: further); Delete removes it.');
    if (this.tool === 'text') return msg('Arrow keys move the cursor (Shift: further); Enter types text there.');
    return msg(
      'Arrow keys move the cursor (Shift: further); Enter places a shape there, then arrow keys move it, Shift+arrow keys resize it, and Enter finishes.',
    );
  }

  /** The "Annotate" toggle and the Ghosting choice, then, while a tool is active, the editor's tools. */
  #renderToolbar() {
    const active = !!this.tool;
    const { left, top, width, docked } = this.toolbarBox;
    const place = docked
      ? `left:${left}px;top:${top}px;width:${width}px`
      : `left:${left + 8}px;top:${top + 8}px;max-width:${Math.max(0, (width || this.box.width) - 16)}px`;
    const ghosts = GHOST_CHOICES.includes(this.ghostFrames as (typeof GHOST_CHOICES)[number])
      ? GHOST_CHOICES
      : [...GHOST_CHOICES, this.ghostFrames].sort((a, b) => a - b);
    return html`<div
      class=${classMap({ toolbar: true, docked, compact: (width || this.box.width) < 640 })}
      part="toolbar"
      role="toolbar"
      aria-label=${msg('Annotation tools')}
      style=${place}
    >
      <div class="group">
        <button
          part="tool-button"
          aria-pressed=${active ? 'true' : 'false'}
          aria-label=${msg('Annotate')}
          title=${msg('Annotate')}
          @click=${() => (this.tool = active ? null : 'pen')}
        >${annotateIcon}</button>
        <label class="ghosting" title=${msg('Ghosting: also show, faded, the drawings of neighbouring frames')}>
          <span aria-hidden="true">${msg('Ghosting', { desc: 'Onion skin: drawings of neighbouring frames shown faded.' })}</span>
          <select
            part="ghosting"
            aria-label=${msg('Ghosting', { desc: 'Onion skin: drawings of neighbouring frames shown faded.' })}
            @change=${(e: Event) => this.#setGhostFrames(Number((e.target as HTMLSelectElement).value))}
          >
            ${ghosts.map((n) => html`<option value=${n} ?selected=${n === this.ghostFrames}>${n ? `±${n}` : msg('Off')}</option>`)}
          </select>
        </label>
      </div>
      ${
        !active
          ? nothing
          : this.#editor
            ? this.#editor.renderTools()
            : this.#editorPart.error
              ? html`<p class="load-error" role="alert">${msg(str`The drawing tools could not be loaded: ${this.#editorPart.error.message}`)}</p>`
              : nothing
      }
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    // A composer starts waiting for a spot ("Add spot"): the picture takes focus, so the keyboard can pick it.
    const picking = this.#picking;
    if (picking && !this.#wasPicking) {
      this.cursor = [0.5, 0.5];
      this.surface.focus({ preventScroll: true });
      // In a window without the system's focus (a background tab) no focus event comes: the cursor shows anyway.
      this.surfaceFocused = this.shadowRoot?.activeElement === this.surface;
      this.message = msg('Pick a spot: arrow keys move the cursor, Enter places the spot, Escape cancels.');
    }
    this.#wasPicking = picking;
    if (changed.has('box')) {
      this.#sizeCanvases();
      this.#placeToolbar();
    }
    this.#watchToolbar();
    // A stroke just committed is already on the base canvas (the editor copied it there): nothing else to repaint.
    const composited = this.#composited === this.shapes && [...changed.keys()].every((k) => k === 'shapes' || k === 'selectedIndex');
    this.#composited = null;
    if (!composited) this.#paintBase();
  }

  #sizeCanvases(): void {
    const dpr = window.devicePixelRatio || 1;
    for (const c of [this.baseCanvas, this.liveCanvas]) {
      c.width = Math.max(1, Math.round(this.box.width * dpr));
      c.height = Math.max(1, Math.round(this.box.height * dpr));
    }
  }

  #context(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
    const ctx = canvas.getContext('2d')!;
    const dpr = canvas.width / Math.max(1, this.box.width);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    return ctx;
  }

  /** Repaints comment drawings, ghosts, the composed shapes and the selection. */
  #paintBase(): void {
    const canvas = this.baseCanvas;
    if (!canvas) return;
    const ctx = this.#context(canvas);
    ctx.clearRect(0, 0, this.box.width, this.box.height);
    const rect = this.currentFrameRect;
    this.#paintDrawings(ctx, rect, true);
    const sel = this.shapes[this.selectedIndex];
    if (sel) paintSelection(ctx, sel, rect, getComputedStyle(this).getPropertyValue('--review-accent').trim() || '#3b82f6');
  }

  /** Comment drawings of this frame (and ghosts), then the drawing being composed. */
  #paintDrawings(ctx: CanvasRenderingContext2D, rect: FrameRect, live: boolean): void {
    for (const { shapes, alpha } of this.visibleDrawings()) paintShapes(ctx, shapes, rect, alpha);
    for (const spot of this.visibleSpots()) paintSpot(ctx, spot, rect);
    const dragged = live ? this.#editor?.draggedIndex : undefined;
    if (dragged !== undefined) {
      // The dragged shape is painted at its new place by the live canvas; leave its old place empty.
      paintShapes(
        ctx,
        this.shapes.filter((_, i) => i !== dragged),
        rect,
      );
    } else {
      paintShapes(ctx, this.shapes, rect);
    }
  }

  /**
   * The comment drawings shown at `frame`, with their opacity: the frame's own at full opacity, ghosts of
   * the ±`ghostFrames` neighbours faded by distance, and the selected comment's even when hidden.
   */
  visibleDrawings(): Array<{ comment: ClipAnnotation; shapes: readonly DrawingShape[]; alpha: number }> {
    const out: Array<{ comment: ClipAnnotation; shapes: readonly DrawingShape[]; alpha: number }> = [];
    const ghosts = Math.max(0, Math.floor(this.ghostFrames || 0));
    const selectedId = this.selectedCommentId ?? this.#navigation.value?.commentId ?? null;
    for (const comment of this.shownAnnotations) {
      const drawing = drawingOf(comment);
      if (!drawing) continue;
      const distance = Math.abs(comment.start - this.frame);
      const selected = comment.id === selectedId;
      if (distance === 0 && (selected || !this.hideAnnotations)) {
        out.push({ comment, shapes: drawing.shapes, alpha: 1 });
      } else if (distance <= ghosts && !this.hideAnnotations) {
        out.push({ comment, shapes: drawing.shapes, alpha: GHOST_ALPHA * (1 - (distance - 1) / ghosts) });
      }
    }
    // Faded ghosts underneath, the frame's own drawings on top.
    return out.sort((a, b) => a.alpha - b.alpha);
  }

  /** Point spots (`spatial` of width and height 0) of the comments on this frame, normalised. */
  visibleSpots(): Point[] {
    if (this.hideAnnotations) return [];
    const out: Point[] = [];
    for (const c of this.shownAnnotations) {
      if (c.start !== this.frame || !c.spatial) continue;
      const r = parseXywh(c.spatial);
      if (r && r.w === 0 && r.h === 0) out.push([r.x / 100, r.y / 100]);
    }
    return out;
  }

  #clearLive(): void {
    const canvas = this.liveCanvas;
    if (!canvas) return;
    this.#context(canvas).clearRect(0, 0, this.box.width, this.box.height);
  }

  /** `media`, or else the picture of the `<review-player>` the layer is in. */
  #picture(): CanvasImageSource | null {
    return this.media ?? this.#onScreen.value?.media ?? null;
  }

  #mediaSize(): [number, number] {
    if (this.mediaWidth > 0 && this.mediaHeight > 0) return [this.mediaWidth, this.mediaHeight];
    const m = this.#picture();
    if (m instanceof HTMLVideoElement) return [m.videoWidth, m.videoHeight];
    if (m instanceof HTMLImageElement) return [m.naturalWidth, m.naturalHeight];
    if (m instanceof HTMLCanvasElement) return [m.width, m.height];
    return [0, 0];
  }

  // — state changes —

  #commit(next: readonly DrawingShape[]): void {
    this.#undo.push(this.shapes);
    this.#redo = [];
    this.#setShapes(next);
  }

  #setShapes(next: readonly DrawingShape[]): void {
    this.shapes = next;
    if (this.selectedIndex >= next.length) this.selectedIndex = -1;
    const drawing = (this.#sentDrawing = serialiseDrawing(next));
    this.emit('review-drawing-request', { drawing });
    this.emit('review-drawing-change', { drawing });
  }

  // — pointer input —

  /** A click while a composer waits for a spot picks it; any other press is the editor's. */
  #onPointerDown = (e: PointerEvent): void => {
    if (this.#picking && !this.#editor?.busy) {
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      e.preventDefault();
      const origin = this.surface.getBoundingClientRect();
      this.#pickSpot(normalise(e.clientX - origin.left, e.clientY - origin.top, this.currentFrameRect));
      return;
    }
    this.#editor?.pointerDown(e);
  };

  #pickSpot([x, y]: Point): void {
    const spot = { x: Math.round(x * 10000) / 100, y: Math.round(y * 10000) / 100 };
    this.emit('review-pause-request', { reason: 'spot' });
    this.emit('review-spot-request', { action: 'pick', ...spot });
    this.emit('review-spot-pick', spot);
    this.message = msg(str`Spot placed at ${Math.round(spot.x)} %, ${Math.round(spot.y)} %`);
  }

  // — keyboard input —

  /**
   * The surface's own keys: the keyboard cursor, and the spot pick. The editor (on the host's keydown, after
   * this) places, moves and resizes shapes; a key used here is not seen by it nor by the player's shortcuts.
   */
  #onSurfaceKey = (e: KeyboardEvent): void => {
    // A key here means the surface has the focus, even where no focus event came (a background window).
    this.surfaceFocused = true;
    if (e.ctrlKey || e.metaKey || e.altKey || !this.#cursorPlaces || this.#editor?.busy) return;
    const picking = this.#picking;
    if (e.key.startsWith('Arrow')) {
      const step = e.shiftKey ? CURSOR_STEP_LARGE : CURSOR_STEP;
      const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
      const dy = e.key === 'ArrowUp' ? -step : e.key === 'ArrowDown' ? step : 0;
      const clamp = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;
      this.cursor = [clamp(this.cursor[0] + dx), clamp(this.cursor[1] + dy)];
      this.message = msg(str`Cursor at ${Math.round(this.cursor[0] * 100)} %, ${Math.round(this.cursor[1] * 100)} %`);
    } else if (picking && (e.key === 'Enter' || e.key === ' ')) {
      this.#pickSpot(this.cursor);
    } else if (picking && e.key === 'Escape') {
      this.emit('review-spot-request', { action: 'cancel' });
      this.message = msg('Spot cancelled');
    } else {
      return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  // One function each for the life of the layer, so a render does not rebind them.
  #onPointerMove = (e: PointerEvent): void => this.#editor?.pointerMove(e);
  #onPointerUp = (e: PointerEvent): void => this.#editor?.pointerUp(e);
  #onPointerCancel = (e: PointerEvent): void => this.#editor?.pointerCancel(e);
}

declare global {
  interface HTMLElementTagNameMap {
    'review-annotation-layer': ReviewAnnotationLayer;
  }
}
