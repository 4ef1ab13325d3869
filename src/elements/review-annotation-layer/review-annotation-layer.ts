import { ContextSubscription, consume } from '../../state/context-subscription.js';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { parseXywh } from '../../api/fragments.js';
import { canCreateComment } from '../../api/rights.js';
import type { ClipAnnotation, Drawing, DrawingShape, Id } from '../../api/types.js';
import { emit } from '../../events.js';
import { sessionContext, type SessionState } from '../../state/context.js';
import type { CommentsState } from '../../state/comments-store.js';
import { commentsSourceContext } from '../../state/comments-source.js';
import { StoreController } from '../../state/store.js';
import {
  containRect,
  denormalise,
  farEnough,
  hitTest,
  isMeaningful,
  normalise,
  parseDrawing,
  serialiseDrawing,
  serialiseShape,
  textPixels,
  translateShape,
  type FrameRect,
  type Point,
  type ShapeType,
} from './geometry.js';
import { icons } from './icons.js';
import { paintPenTail, paintSelection, paintShape, paintShapes, paintSpot } from './render.js';
import { styles } from './review-annotation-layer.styles.js';

/** A drawing tool, or `select` to pick, move and delete shapes. */
export type AnnotationTool = ShapeType | 'select';

// Labels are functions: msg() must run at render time, in the UI locale then in force.
export const TOOLS: ReadonlyArray<{ tool: AnnotationTool; label: () => string; key: string }> = [
  { tool: 'pen', label: () => msg('Pen', { desc: 'Annotation tool: freehand drawing.' }), key: 'P' },
  { tool: 'line', label: () => msg('Line', { desc: 'Annotation tool: straight line.' }), key: 'L' },
  { tool: 'arrow', label: () => msg('Arrow', { desc: 'Annotation tool.' }), key: 'A' },
  { tool: 'rect', label: () => msg('Rectangle', { desc: 'Annotation tool.' }), key: 'R' },
  { tool: 'ellipse', label: () => msg('Ellipse', { desc: 'Annotation tool.' }), key: 'E' },
  { tool: 'text', label: () => msg('Text', { desc: 'Annotation tool: type text on the picture.' }), key: 'T' },
  { tool: 'select', label: () => msg('Select', { desc: 'Annotation tool: pick, move and delete shapes.' }), key: 'V' },
];

export const PALETTE: ReadonlyArray<{ color: string; label: () => string }> = [
  { color: '#ff3b30', label: () => msg('Red') },
  { color: '#ff9500', label: () => msg('Orange') },
  { color: '#ffcc00', label: () => msg('Yellow') },
  { color: '#34c759', label: () => msg('Green') },
  { color: '#0a84ff', label: () => msg('Blue') },
  { color: '#ffffff', label: () => msg('White') },
  { color: '#000000', label: () => msg('Black') },
];

/** The shape's name inside a sentence ("Selected arrow, 2 of 3"). */
function shapeNoun(type: ShapeType): string {
  switch (type) {
    case 'pen':
      return msg('pen stroke', { desc: 'A freehand shape, inside a sentence.' });
    case 'line':
      return msg('line', { desc: 'A straight-line shape, inside a sentence.' });
    case 'arrow':
      return msg('arrow', { desc: 'An arrow shape, inside a sentence.' });
    case 'rect':
      return msg('rectangle', { desc: 'A rectangle shape, inside a sentence.' });
    case 'ellipse':
      return msg('ellipse', { desc: 'An ellipse shape, inside a sentence.' });
    case 'text':
      return msg('text', { desc: 'A text shape, inside a sentence.' });
  }
}

/** Minimum on-screen distance between two kept freehand samples, in CSS pixels. */
const MIN_SAMPLE_DISTANCE = 1.5;
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

interface Gesture {
  pointerId: number;
  /** The surface's client rect at pointerdown: read once, so a move never forces a layout. */
  origin: DOMRect;
  frame: FrameRect;
  /** Shape being drawn (draw tools) or the moved shape's original (select). */
  shape: DrawingShape;
  /** select: index of the dragged shape and where the drag started (normalised). */
  index?: number;
  start?: Point;
  moved?: boolean;
}

/**
 * Annotation layer over the player's picture: draw with pen, line, arrow, rectangle, ellipse and text;
 * pick a colour and stroke width; undo/redo, clear, select and delete. Shapes are kept normalised to
 * the frame (0..1), so they stay on the same spot of the picture at any size, zoom or pan. It also
 * shows the drawings of the clip's comments at their frame (`annotations`, `frame`), ghosts of the
 * neighbouring frames (`ghost-frames`) and the selected comment's drawing.
 *
 * Put it over the picture (it fills its positioned container) and tell it where the frame is, either
 * `frameRect` (CSS px in the layer, e.g. from the player's `review-viewport-change`) or the media size
 * (`media-width`/`media-height` or `media`), from which an `object-fit: contain` rect is computed.
 *
 * Keyboard (when focus is in the layer): P pen, L line, A arrow, R rectangle, E ellipse, T text,
 * V select, Delete/Backspace remove the selected shape, Escape cancels the stroke or deselects,
 * Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z (or Ctrl+Y) redo. On the drawing surface with the select tool, Tab and
 * Shift+Tab walk the shapes and the arrow keys move the selected one (Shift: further); a colour picked
 * while a shape is selected recolours it.
 *
 * @fires review-pause-request - `{reason: 'annotate'}` when a stroke starts, so the player pauses.
 * @fires review-drawing-change - `{drawing}` after every change of the composed drawing (null when empty).
 * @fires review-spot-pick - `{x, y}` (percent of the frame) on a click while a composer waits for a spot.
 * @csspart toolbar - The floating tool bar.
 * @csspart tool-button - Each tool button (pressed one has `aria-pressed="true"`).
 * @csspart surface - The drawing surface that takes pointer input while a tool is active.
 * @csspart text-input - The input shown while typing a text shape.
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
 * @attr no-toolbar - Hide the built-in tool bar (a host drives `tool`, `color`… itself).
 * @attr media-width - Native width of the picture (for the contain rect and snapshots).
 * @attr media-height - Native height of the picture.
 */
export class ReviewAnnotationLayer extends LitElement {
  static override styles = styles;

  @property({ reflect: true }) tool: AnnotationTool | null = null;
  @property() color = PALETTE[0].color;
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
  /** The frame on screen. Inside a `<review-player>` it follows the player's `review-frame-change`. */
  @property({ type: Number }) frame = 0;
  @property({ type: Number, attribute: 'ghost-frames' }) ghostFrames = 0;
  @property({ type: Boolean, attribute: 'hide-annotations' }) hideAnnotations = false;
  /**
   * The selected comment: its drawing shows at its frame even with `hide-annotations`. Default: the
   * session's selected comment.
   */
  @property({ attribute: false }) selectedCommentId: Id | null = null;
  @property({ type: Boolean, reflect: true }) readonly = false;
  @property({ type: Boolean, attribute: 'no-toolbar' }) noToolbar = false;
  @property({ type: Number, attribute: 'media-width' }) mediaWidth = 0;
  @property({ type: Number, attribute: 'media-height' }) mediaHeight = 0;
  /** Where the frame is in the layer (CSS px). Overrides the contain rect; set it when zoomed or panned. */
  @property({ attribute: false }) frameRect: FrameRect | null = null;
  /** The picture, for snapshots (a `<video>`, `<img>` or `<canvas>`); default the parent player's. */
  @property({ attribute: false }) media: CanvasImageSource | null = null;

  /** Index of the selected shape in `shapes`, or -1. */
  @state() selectedIndex = -1;
  @state() private textAt: Point | null = null;
  @state() private box = { width: 0, height: 0 };
  @state() private message = '';
  /** A composer waits for a spot: the next click on the picture is a `review-spot-pick`. */
  @state() private spotMode = false;
  /** Where the tool bar goes so it stays in the visible part of the player when the frame is zoomed. */
  @state() private toolbarBox = { left: 0, top: 0, width: 0 };

  @consume({ context: sessionContext, subscribe: true })
  @state()
  private session?: SessionState;

  /** The session's comments, read through its source: the layer does not bundle the comments store itself. */
  readonly #commentsSource = new ContextSubscription(this, commentsSourceContext);
  #comments = new StoreController<CommentsState>(this, () => {
    const clipId = this.clipId ?? this.session?.currentClipId;
    return this.annotations || clipId == null ? undefined : this.#commentsSource.value?.(clipId);
  });
  /** Where comment and spot events of the session are heard: the enclosing `<review-session>`, or the document. */
  #sessionHost: EventTarget | null = null;
  /** The element the layer is laid over (a `<review-player>`'s overlay slot, or any positioned box). */
  #parent: HTMLElement | null = null;

  @query('canvas.base') private baseCanvas!: HTMLCanvasElement;
  @query('canvas.live') private liveCanvas!: HTMLCanvasElement;
  @query('.surface') private surface!: HTMLElement;
  @query('.text-input') private textInput?: HTMLInputElement;

  #undo: Array<readonly DrawingShape[]> = [];
  #redo: Array<readonly DrawingShape[]> = [];
  #gesture: Gesture | null = null;
  /** The shapes whose last stroke was copied from the live canvas, so the next update may skip a repaint. */
  #composited: readonly DrawingShape[] | null = null;
  #drawnOnClip: Id | null = null;
  #resize = new ResizeObserver(([entry]) => {
    const { width, height } = entry.contentRect;
    if (width !== this.box.width || height !== this.box.height) this.box = { width, height };
  });

  constructor() {
    super();
    // Not @localized(): a class decorator makes esbuild lower every #private member to WeakMap helpers.
    updateWhenLocaleChanges(this);
    this.addEventListener('keydown', this.#onKeyDown);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#resize.observe(this);
    // The player dispatches these on itself; the layer is its child (slot="overlay"), so it listens there.
    this.#parent = this.parentElement;
    this.#parent?.addEventListener('review-frame-change', this.#onFrameChange);
    this.#parent?.addEventListener('review-viewport-change', this.#onViewportChange);
    this.#sessionHost = closestAcrossShadow(this, 'review-session') ?? document;
    this.#sessionHost.addEventListener('review-comment-created', this.#onCommentCreated);
    this.#sessionHost.addEventListener('review-spot-mode', this.#onSpotMode);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#resize.disconnect();
    this.#gesture = null;
    this.#parent?.removeEventListener('review-frame-change', this.#onFrameChange);
    this.#parent?.removeEventListener('review-viewport-change', this.#onViewportChange);
    this.#sessionHost?.removeEventListener('review-comment-created', this.#onCommentCreated);
    this.#sessionHost?.removeEventListener('review-spot-mode', this.#onSpotMode);
    this.#parent = this.#sessionHost = null;
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

  #onFrameChange = (e: Event): void => {
    if (e.target === this.#parent) this.frame = (e as CustomEvent<{ frame: number }>).detail.frame;
  };

  #onViewportChange = (): void => this.#placeToolbar();

  #onCommentCreated = (e: Event): void => {
    // The comment that carried the composed drawing was saved: start the next drawing from scratch.
    const { comment } = (e as CustomEvent<{ comment: ClipAnnotation }>).detail;
    const mine = this.drawing;
    if (mine && JSON.stringify(parseDrawing(comment.customFields?.drawing)) === JSON.stringify(mine)) this.reset();
  };

  #onSpotMode = (e: Event): void => {
    this.spotMode = (e as CustomEvent<{ active: boolean }>).detail.active;
  };

  /** Keeps the tool bar at the top left of the visible box (the parent), wherever the zoomed frame is. */
  #placeToolbar(): void {
    const parent = this.#parent;
    const me = this.getBoundingClientRect();
    const box = parent ? parent.getBoundingClientRect() : me;
    const left = Math.max(0, box.left - me.left);
    const top = Math.max(0, box.top - me.top);
    const width = Math.max(0, Math.min(box.right, me.right) - Math.max(box.left, me.left));
    const t = this.toolbarBox;
    if (t.left !== left || t.top !== top || t.width !== width) this.toolbarBox = { left, top, width };
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
    if (this.#gesture) {
      this.#gesture = null;
      this.#clearLive();
      this.#paintBase();
    } else if (this.textAt) {
      this.textAt = null;
    } else {
      this.selectedIndex = -1;
    }
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

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.tool && !this.canDraw) this.tool = null;
    if (changed.has('shapes') && this.selectedIndex >= this.shapes.length) this.selectedIndex = -1;
    if (changed.has('tool') && this.tool !== 'select') this.selectedIndex = -1;
    if (changed.has('tool') && this.tool !== 'text') this.textAt = null;
    // A drawing belongs to the clip it was drawn on: another clip starts a new one.
    const clip = this.clipId ?? this.session?.currentClipId ?? null;
    if (clip !== this.#drawnOnClip) {
      if (this.#drawnOnClip !== null && (this.shapes.length || this.canUndo)) this.reset();
      this.#drawnOnClip = clip;
    }
  }

  protected override render() {
    const active = !!this.tool;
    return html`
      <canvas class="base" aria-hidden="true"></canvas>
      <canvas class="live" aria-hidden="true"></canvas>
      <div
        class=${classMap({ surface: true, active: active || this.spotMode, spot: this.spotMode })}
        part="surface"
        role=${active ? 'application' : nothing}
        aria-label=${active ? (this.shapes.length === 1 ? msg('Drawing surface, 1 shape') : msg(str`Drawing surface, ${this.shapes.length} shapes`)) : nothing}
        aria-roledescription=${active ? msg('annotation canvas') : nothing}
        tabindex=${active ? '0' : nothing}
        @pointerdown=${this.#onPointerDown}
        @pointermove=${this.#onPointerMove}
        @pointerup=${this.#onPointerUp}
        @pointercancel=${this.#onPointerCancel}
      ></div>
      ${this.textAt ? this.#renderTextInput(this.textAt) : nothing}
      ${!this.canDraw || this.noToolbar ? nothing : this.#renderToolbar()}
      <div class="sr-only" role="status">${this.message}</div>
    `;
  }

  #renderTextInput(at: Point) {
    const rect = this.currentFrameRect;
    const [x, y] = denormalise(at, rect);
    const size = textPixels(this.strokeWidth, rect);
    return html`<input
      class="text-input"
      part="text-input"
      type="text"
      aria-label=${msg('Annotation text')}
      maxlength="500"
      style="left:${x}px;top:${y}px;font-size:${size}px;color:${this.color}"
      @keydown=${this.#onTextKey}
      @blur=${this.#commitText}
    />`;
  }

  #renderToolbar() {
    const active = !!this.tool;
    const hasSelection = this.selectedIndex >= 0;
    const { left, top, width } = this.toolbarBox;
    const place = `left:${left + 8}px;top:${top + 8}px;max-width:${Math.max(0, (width || this.box.width) - 16)}px`;
    return html`<div
      class=${classMap({ toolbar: true, compact: (width || this.box.width) < 640 })}
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
        >${icons.annotate}</button>
      </div>
      ${active
        ? html`<div class="group">
              ${TOOLS.map(
                (t) => html`<button
                  part="tool-button"
                  data-tool=${t.tool}
                  aria-pressed=${this.tool === t.tool ? 'true' : 'false'}
                  aria-label=${t.label()}
                  aria-keyshortcuts=${t.key}
                  title="${t.label()} (${t.key})"
                  @click=${() => (this.tool = t.tool)}
                >${icons[t.tool]}</button>`,
              )}
            </div>
            <div class="group" role="group" aria-label=${msg('Colour')}>
              ${PALETTE.map(
                (p) => html`<button
                  class="swatch"
                  aria-pressed=${this.color.toLowerCase() === p.color ? 'true' : 'false'}
                  aria-label=${p.label()}
                  title=${p.label()}
                  @click=${() => this.#setColor(p.color)}
                ><span style="background:${p.color}"></span></button>`,
              )}
              <label class="custom-color" title=${msg('Custom colour')}>
                <input
                  type="color"
                  aria-label=${msg('Custom colour')}
                  .value=${/^#[0-9a-f]{6}$/i.test(this.color) ? this.color : '#ff3b30'}
                  @input=${(e: Event) => this.#setColor((e.target as HTMLInputElement).value)}
                />
              </label>
              <label class="width" title=${msg('Stroke width')}>
                <span class="sr-only">${msg('Stroke width')}</span>
                <input
                  type="range"
                  min="1"
                  max="24"
                  step="1"
                  .value=${String(this.strokeWidth)}
                  @input=${(e: Event) => (this.strokeWidth = Number((e.target as HTMLInputElement).value))}
                />
                <output aria-hidden="true">${this.strokeWidth}</output>
              </label>
            </div>
            <div class="group">
              <button aria-label=${msg('Undo')} aria-keyshortcuts="Control+Z Meta+Z" title=${msg('Undo (Ctrl+Z)')} ?disabled=${!this.canUndo} @click=${() => this.undo()}>${icons.undo}</button>
              <button aria-label=${msg('Redo')} aria-keyshortcuts="Shift+Control+Z Shift+Meta+Z" title=${msg('Redo (Shift+Ctrl+Z)')} ?disabled=${!this.canRedo} @click=${() => this.redo()}>${icons.redo}</button>
              <button aria-label=${msg('Delete selected shape')} aria-keyshortcuts="Delete" title=${msg('Delete selected (Delete)')} ?disabled=${!hasSelection} @click=${() => this.deleteSelected()}>${icons.remove}</button>
              <button aria-label=${msg('Clear drawing')} title=${msg('Clear drawing')} ?disabled=${this.shapes.length === 0} @click=${() => this.clear()}>${icons.clear}</button>
              <button aria-label=${msg('Download frame with drawings (PNG)')} title=${msg('Download frame with drawings (PNG)')} @click=${() => this.downloadSnapshot()}>${icons.snapshot}</button>
            </div>`
        : nothing}
    </div>`;
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('box')) {
      this.#sizeCanvases();
      this.#placeToolbar();
    }
    // A stroke just committed is already on the base canvas (#compositeLive): nothing else to repaint.
    const composited = this.#composited === this.shapes && [...changed.keys()].every((k) => k === 'shapes' || k === 'selectedIndex');
    this.#composited = null;
    if (!composited) this.#paintBase();
    if (changed.has('textAt') && this.textAt) this.textInput?.focus({ preventScroll: true });
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
    const moving = live ? this.#gesture : null;
    if (moving?.index !== undefined && moving.moved) {
      // The dragged shape is painted at its new place by the live canvas; leave its old place empty.
      paintShapes(ctx, this.shapes.filter((_, i) => i !== moving.index), rect);
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
    const selectedId = this.selectedCommentId ?? this.session?.selectedCommentId ?? null;
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

  /** `media`, or else the picture of the `<review-player>` (any parent with `mediaElement`) the layer is in. */
  #picture(): CanvasImageSource | null {
    return this.media ?? (this.#parent as { mediaElement?: CanvasImageSource | null } | null)?.mediaElement ?? null;
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
    emit(this, 'review-drawing-change', { drawing: serialiseDrawing(next) });
  }

  #setColor(color: string): void {
    this.color = color;
    // Recolouring the selected shape is what a user expects after picking a colour with a selection.
    const i = this.selectedIndex;
    if (i >= 0 && this.shapes[i] && this.shapes[i].color !== color) {
      this.#commit(this.shapes.map((s, j) => (j === i ? { ...s, color } : s)));
    }
  }

  // — pointer input —

  #point(e: PointerEvent, g: Pick<Gesture, 'origin' | 'frame'>): Point {
    return normalise(e.clientX - g.origin.left, e.clientY - g.origin.top, g.frame);
  }

  #onPointerDown = (e: PointerEvent): void => {
    if (this.spotMode && !this.#gesture) {
      if (e.pointerType === 'mouse' && e.button !== 0) return;
      e.preventDefault();
      const origin = this.surface.getBoundingClientRect();
      const [x, y] = normalise(e.clientX - origin.left, e.clientY - origin.top, this.currentFrameRect);
      emit(this, 'review-pause-request', { reason: 'spot' });
      emit(this, 'review-spot-pick', { x: Math.round(x * 10000) / 100, y: Math.round(y * 10000) / 100 });
      return;
    }
    const tool = this.tool;
    if (!tool || !this.canDraw) return;
    if (this.#gesture) return; // a second finger or pen while drawing is ignored
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    const surface = this.surface;
    surface.focus({ preventScroll: true });
    const g = { origin: surface.getBoundingClientRect(), frame: this.currentFrameRect };
    const p = this.#point(e, g);
    if (this.textAt) this.#commitText();
    if (tool === 'text') {
      emit(this, 'review-pause-request', { reason: 'annotate' });
      this.textAt = p;
      return;
    }
    if (tool === 'select') {
      const [x, y] = denormalise(p, g.frame);
      const index = hitTest(this.shapes, x, y, g.frame);
      this.#select(index);
      if (index < 0) return;
      this.#gesture = { ...g, pointerId: e.pointerId, shape: this.shapes[index], index, start: p };
    } else {
      emit(this, 'review-pause-request', { reason: 'annotate' });
      const shape: DrawingShape = {
        type: tool,
        color: this.color,
        width: this.strokeWidth,
        points: tool === 'pen' ? [p] : [p, p],
      };
      this.#gesture = { ...g, pointerId: e.pointerId, shape };
      if (tool === 'pen') {
        this.#clearLive();
        paintPenTail(this.#context(this.liveCanvas), shape, g.frame);
      }
    }
    try {
      surface.setPointerCapture(e.pointerId);
    } catch {
      // Synthetic events have no active pointer to capture; drawing works without capture.
    }
  };

  #onPointerMove = (e: PointerEvent): void => {
    const g = this.#gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    // Coalesced events carry every sample the hardware reported since the last frame: smoother strokes.
    const coalesced = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    const samples = coalesced.length ? coalesced : [e];
    if (g.index !== undefined) {
      const p = this.#point(samples[samples.length - 1], g);
      const moved = translateShape(g.shape, p[0] - g.start![0], p[1] - g.start![1]);
      if (!g.moved) {
        g.moved = true;
        this.#paintBase();
      }
      const ctx = this.#context(this.liveCanvas);
      ctx.clearRect(0, 0, this.box.width, this.box.height);
      paintShape(ctx, moved, g.frame);
      g.shape = moved;
      return;
    }
    const shape = g.shape;
    const ctx = this.#context(this.liveCanvas);
    if (shape.type === 'pen') {
      for (const s of samples) {
        const p = this.#point(s, g);
        if (!farEnough(shape.points[shape.points.length - 1], p, g.frame, MIN_SAMPLE_DISTANCE)) continue;
        shape.points.push(p);
        paintPenTail(ctx, shape, g.frame);
      }
    } else {
      shape.points[1] = this.#point(samples[samples.length - 1], g);
      ctx.clearRect(0, 0, this.box.width, this.box.height);
      paintShape(ctx, shape, g.frame);
    }
  };

  #onPointerUp = (e: PointerEvent): void => {
    const g = this.#gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    if (g.index === undefined && g.shape.type === 'pen') {
      // The release point ends the stroke exactly where the pen left the surface.
      const p = this.#point(e, g);
      const last = g.shape.points[g.shape.points.length - 1];
      if (last[0] !== p[0] || last[1] !== p[1]) {
        g.shape.points.push(p);
        paintPenTail(this.#context(this.liveCanvas), g.shape, g.frame);
      }
    } else if (g.index === undefined) {
      g.shape.points[1] = this.#point(e, g);
    }
    this.#gesture = null;
    if (g.index !== undefined) {
      this.#clearLive();
      if (g.moved) this.#commit(this.shapes.map((s, i) => (i === g.index ? g.shape : s)));
      else this.#paintBase();
      return;
    }
    if (isMeaningful(g.shape, g.frame)) {
      this.#compositeLive(g.shape, g.frame);
      this.#commit([...this.shapes, serialiseShape(g.shape)]);
      this.#composited = this.shapes;
    } else {
      this.#clearLive();
      this.#paintBase();
    }
  };

  /**
   * Finishes the live stroke and copies it onto the base canvas, so committing a long stroke costs one
   * bitmap copy instead of re-tracing every point (see `updated`).
   */
  #compositeLive(shape: DrawingShape, rect: FrameRect): void {
    const live = this.#context(this.liveCanvas);
    const n = shape.points.length;
    if (shape.type === 'pen' && n >= 3) {
      // The live tail stops at the midpoint of the last two samples; the finished stroke ends on the last.
      const [a, b] = [shape.points[n - 2], shape.points[n - 1]].map((p) => denormalise(p, rect));
      live.beginPath();
      live.moveTo((a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
      live.lineTo(b[0], b[1]);
      live.stroke();
    } else {
      live.clearRect(0, 0, this.box.width, this.box.height);
      paintShape(live, shape, rect);
    }
    const base = this.baseCanvas.getContext('2d')!;
    base.save();
    base.setTransform(1, 0, 0, 1, 0, 0);
    base.drawImage(this.liveCanvas, 0, 0);
    base.restore();
    this.#clearLive();
  }

  /** Selects shape `index` (-1: none) and says which one it is to screen readers. */
  #select(index: number): void {
    this.selectedIndex = index;
    const shape = this.shapes[index];
    if (!shape) {
      this.message = '';
      return;
    }
    const name = shapeNoun(shape.type);
    const at = index + 1;
    const of = this.shapes.length;
    this.message = shape.text
      ? msg(str`Selected ${name} “${shape.text}”, ${at} of ${of}`)
      : msg(str`Selected ${name}, ${at} of ${of}`);
  }

  #onPointerCancel = (e: PointerEvent): void => {
    if (this.#gesture && e.pointerId === this.#gesture.pointerId) this.cancel();
  };

  // — text —

  #onTextKey = (e: KeyboardEvent): void => {
    e.stopPropagation(); // letters typed here are text, not tool shortcuts
    if (e.key === 'Enter') {
      e.preventDefault();
      this.#commitText();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.textAt = null;
      this.surface.focus({ preventScroll: true });
    }
  };

  #commitText = (): void => {
    const at = this.textAt;
    const input = this.textInput;
    if (!at || !input) return;
    const text = input.value.trim();
    this.textAt = null;
    if (text) {
      this.#commit([
        ...this.shapes,
        serialiseShape({ type: 'text', color: this.color, width: this.strokeWidth, points: [at], text }),
      ]);
    }
  };

  // — keyboard —

  #onKeyDown = (e: KeyboardEvent): void => {
    if (!this.canDraw || e.defaultPrevented) return;
    const target = e.composedPath()[0];
    if (target instanceof HTMLInputElement && target.type === 'text') return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const onSurface = target === this.surface;
    let handled = true;
    if (onSurface && this.tool === 'select' && e.key === 'Tab' && !mod && !e.altKey) {
      // Tab walks the shapes (as in drawing apps); past the last one it leaves the surface as usual.
      const next = this.selectedIndex + (e.shiftKey ? -1 : 1);
      const from = this.selectedIndex < 0 ? (e.shiftKey ? this.shapes.length - 1 : 0) : next;
      handled = from >= 0 && from < this.shapes.length;
      this.#select(handled ? from : -1);
    } else if (onSurface && this.selectedIndex >= 0 && e.key.startsWith('Arrow') && !mod && !e.altKey) {
      // Arrows nudge the selected shape: 0.5 % of the frame, 5 % with Shift.
      const step = e.shiftKey ? 0.05 : 0.005;
      const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
      const dy = e.key === 'ArrowUp' ? -step : e.key === 'ArrowDown' ? step : 0;
      const i = this.selectedIndex;
      this.#commit(this.shapes.map((sh, j) => (j === i ? translateShape(sh, dx, dy) : sh)));
    } else if (mod && !e.altKey && key === 'z') {
      if (e.shiftKey) this.redo();
      else this.undo();
    } else if (mod && !e.altKey && key === 'y') {
      this.redo();
    } else if (mod || e.altKey) {
      handled = false;
    } else if (e.key === 'Escape' && (this.#gesture || this.textAt || this.selectedIndex >= 0)) {
      this.cancel();
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && this.selectedIndex >= 0) {
      this.deleteSelected();
    } else {
      const t = TOOLS.find((x) => x.key.toLowerCase() === key && !e.shiftKey);
      if (t) this.tool = t.tool;
      else handled = false;
    }
    if (handled) {
      // The player has its own shortcuts; a key used here must not also step a frame or toggle play.
      e.preventDefault();
      e.stopPropagation();
    }
  };
}

/** The nearest ancestor matching `selector`, looking through shadow roots to their hosts. */
function closestAcrossShadow(from: Element, selector: string): Element | null {
  let el: Element | null = from;
  while (el) {
    const hit = el.closest(selector);
    if (hit) return hit;
    const root = el.getRootNode();
    el = root instanceof ShadowRoot ? root.host : null;
  }
  return null;
}

declare global {
  interface HTMLElementTagNameMap {
    'review-annotation-layer': ReviewAnnotationLayer;
  }
}
