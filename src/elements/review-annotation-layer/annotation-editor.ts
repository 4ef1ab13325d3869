/**
 * The annotation layer's editing: the tool bar's tools, palette, stroke width and actions, the pointer
 * gestures of every tool, the text input, hit-testing, and the keyboard. A module of its own, fetched
 * when drawing becomes possible (docs/sizes.md), so a viewer's page never downloads it. It renders into
 * the layer's shadow root (parts, styles and ids stay the layer's); the shapes, their history and the
 * painting of saved drawings stay in the layer, so they work without it.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import type { DrawingShape } from '../../contract/types.js';
import type { ReviewElement } from '../../internal/review-element.js';
import {
  denormalise,
  farEnough,
  hitTest,
  isMeaningful,
  normalise,
  serialiseShape,
  textPixels,
  translateShape,
  type FrameRect,
  type Point,
  type ShapeType,
} from '../../drawing/geometry.js';
import { editorIcons } from './icons.js';

/** The shape with its last point moved by (`dx`, `dy`) (normalised), kept inside the frame: a keyboard resize. */
function resizeShape(shape: DrawingShape, dx: number, dy: number): DrawingShape {
  const n = shape.points.length;
  if (n < 2) return shape;
  const clamp = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 10000) / 10000;
  const [x, y] = shape.points[n - 1];
  return { ...shape, points: shape.points.map((p, i) => (i === n - 1 ? ([clamp(x + dx), clamp(y + dy)] as Point) : p)) };
}
import { paintPenTail, paintShape } from '../../drawing/render.js';
import type { AnnotationTool } from './review-annotation-layer.js';

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

/** What the editor uses of `<review-annotation-layer>`: its public state and methods. */
export interface AnnotationEditorHost extends ReactiveControllerHost, HTMLElement, Pick<ReviewElement, 'emit'> {
  tool: AnnotationTool | null;
  color: string;
  strokeWidth: number;
  readonly shapes: readonly DrawingShape[];
  selectedIndex: number;
  readonly canDraw: boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly currentFrameRect: FrameRect;
  readonly renderRoot: HTMLElement | DocumentFragment;
  undo(): void;
  redo(): void;
  clear(): void;
  deleteSelected(): void;
  cancel(): void;
  downloadSnapshot(): Promise<void>;
}

/** The layer's private parts the editor draws and commits through, handed over by the layer only. */
export interface AnnotationLayerInternals {
  /** The layer's size in CSS px. */
  box(): { width: number; height: number };
  /** The 2D context of the canvas of the stroke in progress, scaled to CSS px. */
  liveContext(): CanvasRenderingContext2D;
  clearLive(): void;
  paintBase(): void;
  /** Replaces the shapes, undoably. */
  commit(next: readonly DrawingShape[]): void;
  /** The base canvas already shows these shapes: the next update may skip its repaint. */
  composited(shapes: readonly DrawingShape[]): void;
  /** Says `message` to screen readers. */
  announce(message: string): void;
  /** The keyboard cursor on the frame (normalised), where Enter places a shape. */
  cursor(): Point;
}

/** Half the size of a shape placed by keyboard, in fractions of the frame: a clear mark, easy to resize. */
const PLACED_HALF = 0.08;

export class AnnotationEditor implements ReactiveController {
  #gesture: Gesture | null = null;
  /** Where the text being typed goes (normalised), or null. */
  #textAt: Point | null = null;
  #focusText = false;

  constructor(
    private readonly host: AnnotationEditorHost,
    private readonly layer: AnnotationLayerInternals,
  ) {
    host.addController(this);
  }

  #surface(): HTMLElement {
    return this.host.renderRoot.querySelector<HTMLElement>('.surface')!;
  }

  #textInput(): HTMLInputElement | null {
    return this.host.renderRoot.querySelector<HTMLInputElement>('.text-input');
  }

  /** Whether a stroke or a move is in progress. */
  get busy(): boolean {
    return this.#gesture !== null;
  }

  /** The index of the shape being dragged away from its place, which the base canvas leaves out. */
  get draggedIndex(): number | undefined {
    const g = this.#gesture;
    return g?.index !== undefined && g.moved ? g.index : undefined;
  }

  hostUpdate(): void {
    // Text is typed only with the text tool.
    if (this.host.tool !== 'text') this.#textAt = null;
  }

  hostUpdated(): void {
    if (!this.#focusText) return;
    this.#focusText = false;
    this.#textInput()?.focus({ preventScroll: true });
  }

  hostDisconnected(): void {
    this.#gesture = null;
  }

  /** Cancels the stroke in progress, or else the text being typed; false when there was neither. */
  cancel(): boolean {
    if (this.#gesture) {
      this.#gesture = null;
      this.layer.clearLive();
      this.layer.paintBase();
    } else if (this.#textAt) {
      this.#setTextAt(null);
    } else {
      return false;
    }
    return true;
  }

  #setTextAt(at: Point | null): void {
    this.#textAt = at;
    this.#focusText = at !== null;
    this.host.requestUpdate();
  }

  #setColor(color: string): void {
    const host = this.host;
    host.color = color;
    // Recolouring the selected shape is what a user expects after picking a colour with a selection.
    const i = host.selectedIndex;
    if (i >= 0 && host.shapes[i] && host.shapes[i].color !== color) {
      this.layer.commit(host.shapes.map((s, j) => (j === i ? { ...s, color } : s)));
    }
  }

  /** Selects shape `index` (-1: none) and says which one it is to screen readers. */
  #select(index: number): void {
    const host = this.host;
    host.selectedIndex = index;
    const shape = host.shapes[index];
    if (!shape) {
      this.layer.announce('');
      return;
    }
    const name = shapeNoun(shape.type);
    const at = index + 1;
    const of = host.shapes.length;
    this.layer.announce(
      shape.text ? msg(str`Selected ${name} “${shape.text}”, ${at} of ${of}`) : msg(str`Selected ${name}, ${at} of ${of}`),
    );
  }

  // — pointer input —

  #point(e: PointerEvent, g: Pick<Gesture, 'origin' | 'frame'>): Point {
    return normalise(e.clientX - g.origin.left, e.clientY - g.origin.top, g.frame);
  }

  pointerDown(e: PointerEvent): void {
    const host = this.host;
    const tool = host.tool;
    if (!tool || !host.canDraw) return;
    if (this.#gesture) return; // a second finger or pen while drawing is ignored
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    const surface = this.#surface();
    surface.focus({ preventScroll: true });
    const g = { origin: surface.getBoundingClientRect(), frame: host.currentFrameRect };
    const p = this.#point(e, g);
    if (this.#textAt) this.#commitText();
    if (tool === 'text') {
      host.emit('review-pause-request', { reason: 'annotate' });
      this.#setTextAt(p);
      return;
    }
    if (tool === 'select') {
      const [x, y] = denormalise(p, g.frame);
      const index = hitTest(host.shapes, x, y, g.frame);
      this.#select(index);
      if (index < 0) return;
      this.#gesture = { ...g, pointerId: e.pointerId, shape: host.shapes[index], index, start: p };
    } else {
      host.emit('review-pause-request', { reason: 'annotate' });
      const shape: DrawingShape = {
        type: tool,
        color: host.color,
        width: host.strokeWidth,
        points: tool === 'pen' ? [p] : [p, p],
      };
      this.#gesture = { ...g, pointerId: e.pointerId, shape };
      if (tool === 'pen') {
        this.layer.clearLive();
        paintPenTail(this.layer.liveContext(), shape, g.frame);
      }
    }
    try {
      surface.setPointerCapture(e.pointerId);
    } catch {
      // Synthetic events have no active pointer to capture; drawing works without capture.
    }
  }

  pointerMove(e: PointerEvent): void {
    const g = this.#gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    const { width, height } = this.layer.box();
    // Coalesced events carry every sample the hardware reported since the last frame: smoother strokes.
    const coalesced = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
    const samples = coalesced.length ? coalesced : [e];
    if (g.index !== undefined) {
      const p = this.#point(samples[samples.length - 1], g);
      const moved = translateShape(g.shape, p[0] - g.start![0], p[1] - g.start![1]);
      if (!g.moved) {
        g.moved = true;
        this.layer.paintBase();
      }
      const ctx = this.layer.liveContext();
      ctx.clearRect(0, 0, width, height);
      paintShape(ctx, moved, g.frame);
      g.shape = moved;
      return;
    }
    const shape = g.shape;
    const ctx = this.layer.liveContext();
    if (shape.type === 'pen') {
      for (const s of samples) {
        const p = this.#point(s, g);
        if (!farEnough(shape.points[shape.points.length - 1], p, g.frame, MIN_SAMPLE_DISTANCE)) continue;
        shape.points.push(p);
        paintPenTail(ctx, shape, g.frame);
      }
    } else {
      shape.points[1] = this.#point(samples[samples.length - 1], g);
      ctx.clearRect(0, 0, width, height);
      paintShape(ctx, shape, g.frame);
    }
  }

  pointerUp(e: PointerEvent): void {
    const g = this.#gesture;
    if (!g || e.pointerId !== g.pointerId) return;
    const host = this.host;
    if (g.index === undefined && g.shape.type === 'pen') {
      // The release point ends the stroke exactly where the pen left the surface.
      const p = this.#point(e, g);
      const last = g.shape.points[g.shape.points.length - 1];
      if (last[0] !== p[0] || last[1] !== p[1]) {
        g.shape.points.push(p);
        paintPenTail(this.layer.liveContext(), g.shape, g.frame);
      }
    } else if (g.index === undefined) {
      g.shape.points[1] = this.#point(e, g);
    }
    this.#gesture = null;
    if (g.index !== undefined) {
      this.layer.clearLive();
      if (g.moved) this.layer.commit(host.shapes.map((s, i) => (i === g.index ? g.shape : s)));
      else this.layer.paintBase();
      return;
    }
    if (isMeaningful(g.shape, g.frame)) {
      this.#compositeLive(g.shape, g.frame);
      this.layer.commit([...host.shapes, serialiseShape(g.shape)]);
      this.layer.composited(host.shapes);
    } else {
      this.layer.clearLive();
      this.layer.paintBase();
    }
  }

  pointerCancel(e: PointerEvent): void {
    if (this.#gesture && e.pointerId === this.#gesture.pointerId) this.host.cancel();
  }

  /**
   * Finishes the live stroke and copies it onto the base canvas, so committing a long stroke costs one
   * bitmap copy instead of re-tracing every point (the layer's `updated` skips its repaint).
   */
  #compositeLive(shape: DrawingShape, rect: FrameRect): void {
    const live = this.layer.liveContext();
    const n = shape.points.length;
    if (shape.type === 'pen' && n >= 3) {
      // The live tail stops at the midpoint of the last two samples; the finished stroke ends on the last.
      const [a, b] = [shape.points[n - 2], shape.points[n - 1]].map((p) => denormalise(p, rect));
      live.beginPath();
      live.moveTo((a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
      live.lineTo(b[0], b[1]);
      live.stroke();
    } else {
      const { width, height } = this.layer.box();
      live.clearRect(0, 0, width, height);
      paintShape(live, shape, rect);
    }
    const base = this.host.renderRoot.querySelector<HTMLCanvasElement>('canvas.base')!.getContext('2d')!;
    base.save();
    base.setTransform(1, 0, 0, 1, 0, 0);
    base.drawImage(live.canvas, 0, 0);
    base.restore();
    this.layer.clearLive();
  }

  // — text —

  #onTextKey = (e: KeyboardEvent): void => {
    e.stopPropagation(); // letters typed here are text, not tool shortcuts
    if (e.key === 'Enter') {
      e.preventDefault();
      this.#commitText();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      this.#setTextAt(null);
      this.#surface().focus({ preventScroll: true });
    }
  };

  #commitText = (): void => {
    const at = this.#textAt;
    const input = this.#textInput();
    if (!at || !input) return;
    const text = input.value.trim();
    this.#setTextAt(null);
    if (text) {
      const host = this.host;
      this.layer.commit([...host.shapes, serialiseShape({ type: 'text', color: host.color, width: host.strokeWidth, points: [at], text })]);
    }
  };

  // — keyboard —

  keyDown(e: KeyboardEvent): void {
    const host = this.host;
    if (!host.canDraw || e.defaultPrevented) return;
    const target = e.composedPath()[0];
    if (target instanceof HTMLInputElement && target.type === 'text') return;
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    const onSurface = target === this.#surface();
    let handled = true;
    if (onSurface && host.tool === 'select' && e.key === 'Tab' && !mod && !e.altKey) {
      // Tab walks the shapes (as in drawing apps); past the last one it leaves the surface as usual.
      const next = host.selectedIndex + (e.shiftKey ? -1 : 1);
      const from = host.selectedIndex < 0 ? (e.shiftKey ? host.shapes.length - 1 : 0) : next;
      handled = from >= 0 && from < host.shapes.length;
      this.#select(handled ? from : -1);
    } else if (onSurface && host.selectedIndex >= 0 && e.key.startsWith('Arrow') && !mod && !e.altKey) {
      // Arrows nudge the selected shape: 0.5 % of the frame, 5 % with Shift. With a drawing tool (a shape just
      // placed by keyboard) Shift+arrow resizes it instead, moving its end point by 1 %.
      const resize = e.shiftKey && host.tool !== 'select';
      const step = resize ? 0.01 : e.shiftKey ? 0.05 : 0.005;
      const dx = e.key === 'ArrowLeft' ? -step : e.key === 'ArrowRight' ? step : 0;
      const dy = e.key === 'ArrowUp' ? -step : e.key === 'ArrowDown' ? step : 0;
      const i = host.selectedIndex;
      this.layer.commit(host.shapes.map((sh, j) => (j === i ? (resize ? resizeShape(sh, dx, dy) : translateShape(sh, dx, dy)) : sh)));
    } else if (onSurface && (e.key === 'Enter' || e.key === ' ') && !mod && !e.altKey && host.tool && host.tool !== 'select') {
      this.#placeByKeyboard();
    } else if (mod && !e.altKey && key === 'z') {
      if (e.shiftKey) host.redo();
      else host.undo();
    } else if (mod && !e.altKey && key === 'y') {
      host.redo();
    } else if (mod || e.altKey) {
      handled = false;
    } else if (e.key === 'Escape' && (this.#gesture || this.#textAt || host.selectedIndex >= 0)) {
      host.cancel();
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && host.selectedIndex >= 0) {
      host.deleteSelected();
    } else {
      const t = TOOLS.find((x) => x.key.toLowerCase() === key && !e.shiftKey);
      if (t) host.tool = t.tool;
      else handled = false;
    }
    if (handled) {
      // The player has its own shortcuts; a key used here must not also step a frame or toggle play.
      e.preventDefault();
      e.stopPropagation();
    }
  }

  /**
   * Enter on the surface with a drawing tool: finishes the shape placed by keyboard if one is selected, else
   * places a new one at the keyboard cursor and selects it (the text tool opens its input there).
   */
  #placeByKeyboard(): void {
    const host = this.host;
    const tool = host.tool;
    if (!tool || tool === 'select') return;
    if (host.selectedIndex >= 0) {
      this.#select(-1);
      this.layer.announce(msg('Shape done. Enter places another.'));
      return;
    }
    const [x, y] = this.layer.cursor();
    host.emit('review-pause-request', { reason: 'annotate' });
    if (tool === 'text') {
      this.#setTextAt([x, y]);
      return;
    }
    const clamp = (v: number) => Math.min(1, Math.max(0, v));
    const a: Point = [clamp(x - PLACED_HALF), clamp(y - PLACED_HALF)];
    const b: Point = [clamp(x + PLACED_HALF), clamp(y + PLACED_HALF)];
    const shape = serialiseShape({ type: tool, color: host.color, width: host.strokeWidth, points: [a, b] });
    this.layer.commit([...host.shapes, shape]);
    this.#select(host.shapes.length - 1);
    this.layer.announce(msg(str`Placed ${shapeNoun(tool)}: arrow keys move it, Shift+arrow keys resize it, Enter or Escape finishes.`));
  }

  // — rendering —

  /** The input for the text being typed, if any. */
  renderTextInput() {
    const at = this.#textAt;
    if (!at) return nothing;
    const host = this.host;
    const rect = host.currentFrameRect;
    const [x, y] = denormalise(at, rect);
    const size = textPixels(host.strokeWidth, rect);
    return html`<input
      class="text-input"
      part="text-input"
      type="text"
      aria-label=${msg('Annotation text')}
      maxlength="500"
      style="left:${x}px;top:${y}px;font-size:${size}px;color:${host.color}"
      @keydown=${this.#onTextKey}
      @blur=${this.#commitText}
    />`;
  }

  /** The tool bar's groups after "Annotate", shown while a tool is active. */
  renderTools() {
    const host = this.host;
    return html`<div class="group">
        ${TOOLS.map(
          (t) => html`<button
            part="tool-button"
            data-tool=${t.tool}
            aria-pressed=${host.tool === t.tool ? 'true' : 'false'}
            aria-label=${t.label()}
            aria-keyshortcuts=${t.key}
            title="${t.label()} (${t.key})"
            @click=${() => (host.tool = t.tool)}
          >${editorIcons[t.tool]}</button>`,
        )}
      </div>
      <div class="group" role="group" aria-label=${msg('Colour')}>
        ${PALETTE.map(
          (p) => html`<button
            class="swatch"
            aria-pressed=${host.color.toLowerCase() === p.color ? 'true' : 'false'}
            aria-label=${p.label()}
            title=${p.label()}
            @click=${() => this.#setColor(p.color)}
          ><span style="background:${p.color}"></span></button>`,
        )}
        <label class="custom-color" title=${msg('Custom colour')}>
          <input
            type="color"
            aria-label=${msg('Custom colour')}
            .value=${/^#[0-9a-f]{6}$/i.test(host.color) ? host.color : '#ff3b30'}
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
            .value=${String(host.strokeWidth)}
            @input=${(e: Event) => (host.strokeWidth = Number((e.target as HTMLInputElement).value))}
          />
          <output aria-hidden="true">${host.strokeWidth}</output>
        </label>
      </div>
      <div class="group">
        <button aria-label=${msg('Undo')} aria-keyshortcuts="Control+Z Meta+Z" title=${msg('Undo (Ctrl+Z)')} ?disabled=${!host.canUndo} @click=${() => host.undo()}>${editorIcons.undo}</button>
        <button aria-label=${msg('Redo')} aria-keyshortcuts="Shift+Control+Z Shift+Meta+Z" title=${msg('Redo (Shift+Ctrl+Z)')} ?disabled=${!host.canRedo} @click=${() => host.redo()}>${editorIcons.redo}</button>
        <button aria-label=${msg('Delete selected shape')} aria-keyshortcuts="Delete" title=${msg('Delete selected (Delete)')} ?disabled=${host.selectedIndex < 0} @click=${() => host.deleteSelected()}>${editorIcons.remove}</button>
        <button aria-label=${msg('Clear drawing')} title=${msg('Clear drawing')} ?disabled=${host.shapes.length === 0} @click=${() => host.clear()}>${editorIcons.clear}</button>
        <button aria-label=${msg('Download frame with drawings (PNG)')} title=${msg('Download frame with drawings (PNG)')} @click=${() => host.downloadSnapshot()}>${editorIcons.snapshot}</button>
      </div>`;
  }
}
