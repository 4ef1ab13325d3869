import { html, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

export interface VirtualListOptions<T> {
  /** The element that scrolls the list: its viewport decides which rows are rendered. */
  scroller: () => HTMLElement | null;
  /** The element holding exactly what `render()` returns (two spacers and the rows between them). */
  list: () => HTMLElement | null;
  /** Identifies an item across renders (its measured height is kept under this key). */
  key: (item: T) => unknown;
  /** Lists of at most this many items are rendered whole (nothing estimated). */
  renderAllUpTo: number;
  /** Height of a row before any row has been measured, in px. */
  estimate: number;
}

/** Rendered beyond each edge of the viewport, in viewports: rows are there before they scroll in. */
const OVERSCAN = 0.75;
/** A scroll that brings the viewport nearer than this (in viewports) to an edge of the rendered rows renders anew. */
const MARGIN = 0.25;
/** Renders in a row that one update may ask for while the rows it measured still leave the viewport uncovered. */
const MAX_CORRECTIONS = 4;

/** How the scroll position is restored once the rendered rows are measured. */
type Hold =
  | { kind: 'anchor'; index: number; offset: number } // the row at the viewport's top stays where it was
  | { kind: 'reveal'; index: number } // scroll the least that shows this row
  | { kind: 'bottom' }; // the viewport was at the end: it stays there

interface Viewport {
  /** Scroll offset of the list's own start (what precedes the list in the scroller). */
  listTop: number;
  /** The viewport's top, in list coordinates. */
  top: number;
  height: number;
  atBottom: boolean;
}

/** The largest index `i` with `pos[i] <= y`, within the rows. */
function indexAt(pos: Float64Array, y: number): number {
  let lo = 0;
  let hi = pos.length - 2;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (pos[mid] <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * A windowed list for a Lit element: renders only the rows in and near the viewport of the element's
 * own scroller, between two spacers standing for the rows above and below. Rows may differ in height:
 * each rendered row is measured (right after the render, then by a ResizeObserver), rows never rendered
 * count as the average measured height. When rows above the viewport change height (measured for the
 * first time, a reply added, a wider window), the scroll position is corrected so the rows the user
 * looks at stay put; give the scroller `overflow-anchor: none` so the browser does not correct too.
 * Each item must render exactly one element.
 */
export class VirtualList<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #o: VirtualListOptions<T>;
  #items: readonly T[] = [];
  #start = 0;
  #end = 0;
  readonly #heights = new Map<unknown, number>();
  #heightSum = 0;
  /** pos[i] = top of row i in list coordinates; pos[n] = the list's height. Null when stale. */
  #pos: Float64Array | null = null;
  #hold: Hold | null = null;
  #reveal: number | null = null;
  #corrections = 0;
  #observer: ResizeObserver | null = null;
  /** Rendered rows and their keys. */
  #observed = new Map<Element, unknown>();
  #scroller: HTMLElement | null = null;
  #frame = 0;

  constructor(host: ReactiveControllerHost, options: VirtualListOptions<T>) {
    this.#host = host;
    this.#o = options;
    host.addController(this);
  }

  /** Scrolls (as little as possible) so the row of `items[index]` is in view, at the next render. */
  reveal(index: number): void {
    this.#reveal = index;
    this.#host.requestUpdate();
  }

  /** The spacers and the rendered rows of `items`; place the result alone inside the `list` element. */
  render(items: readonly T[], renderItem: (item: T, index: number) => TemplateResult): TemplateResult {
    const previous = this.#items;
    const oldPos = this.#pos;
    const view = this.#viewport();
    if (items !== previous) {
      this.#items = items;
      this.#pos = null;
    }
    const pos = this.#layout();
    const n = items.length;
    this.#hold = null;
    let top = view?.top ?? 0;
    const height = view?.height ?? (innerHeight || 800);
    if (this.#reveal != null && n > 0) {
      this.#hold = { kind: 'reveal', index: Math.min(this.#reveal, n - 1) };
      top = this.#revealTop(pos, this.#hold.index, top, height);
      this.#reveal = null;
    } else if (view?.atBottom && items === previous) {
      this.#hold = { kind: 'bottom' };
    } else if (view && view.top > 0 && oldPos && previous.length) {
      const old = this.#anchorAt(oldPos, view);
      const key = this.#o.key(previous[old.index]);
      const index = items === previous ? old.index : items.findIndex((item) => this.#o.key(item) === key);
      if (index >= 0) {
        this.#hold = { kind: 'anchor', index, offset: old.offset };
        top = pos[index] + old.offset;
      }
    }
    if (n <= this.#o.renderAllUpTo) {
      this.#start = 0;
      this.#end = n;
    } else {
      this.#start = indexAt(pos, top - height * OVERSCAN);
      this.#end = Math.min(n, indexAt(pos, top + height * (1 + OVERSCAN)) + 1);
    }
    const key = this.#o.key;
    const start = this.#start;
    return html`<div aria-hidden="true"></div>${repeat(items.slice(start, this.#end), key, (item, i) => renderItem(item, start + i))}<div aria-hidden="true"></div>`;
  }

  hostConnected(): void {
    // Rows kept in the DOM while disconnected are measured and observed again.
    if (this.#items.length) this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observed.clear();
    this.#scroller?.removeEventListener('scroll', this.#onScroll);
    this.#scroller = null;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  hostUpdated(): void {
    const list = this.#o.list();
    if (!list?.firstElementChild) return; // no list rendered (loading, empty, error)
    const observer = this.#listen();
    const rows = new Map<Element, unknown>();
    let row = list.firstElementChild.nextElementSibling;
    for (let i = this.#start; i < this.#end && row && row !== list.lastElementChild; i++, row = row.nextElementSibling) {
      const key = this.#o.key(this.#items[i]);
      rows.set(row, key);
      this.#setHeight(key, row.getBoundingClientRect().height);
      if (!this.#observed.has(row)) observer.observe(row);
    }
    for (const el of this.#observed.keys()) if (!rows.has(el)) observer.unobserve(el);
    this.#observed = rows;
    this.#place(true);
  }

  // — internals —

  /** Listens to the scroller's scrolls and size (a new scroller after a re-render too); the rows' observer. */
  #listen(): ResizeObserver {
    const observer = (this.#observer ??= new ResizeObserver(this.#onResize));
    const scroller = this.#o.scroller();
    if (scroller === this.#scroller) return observer;
    this.#scroller?.removeEventListener('scroll', this.#onScroll);
    if (this.#scroller) observer.unobserve(this.#scroller);
    scroller?.addEventListener('scroll', this.#onScroll, { passive: true });
    if (scroller) observer.observe(scroller);
    this.#scroller = scroller;
    return observer;
  }

  #viewport(): Viewport | null {
    const scroller = this.#o.scroller();
    const first = this.#o.list()?.firstElementChild;
    if (!scroller || !first || !scroller.clientHeight) return null;
    const listTop = first.getBoundingClientRect().top - scroller.getBoundingClientRect().top - scroller.clientTop + scroller.scrollTop;
    return {
      listTop,
      top: scroller.scrollTop - listTop,
      // No more than a screen is ever seen: a scroller that grows with its content must not render it all.
      height: Math.min(scroller.clientHeight, Math.max(innerHeight, screen.height)),
      atBottom: scroller.scrollTop > 0 && scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1,
    };
  }

  #layout(): Float64Array {
    if (this.#pos) return this.#pos;
    const items = this.#items;
    const average = this.#heights.size ? this.#heightSum / this.#heights.size : this.#o.estimate;
    const pos = new Float64Array(items.length + 1);
    for (let i = 0; i < items.length; i++) pos[i + 1] = pos[i] + (this.#heights.get(this.#o.key(items[i])) ?? average);
    return (this.#pos = pos);
  }

  /**
   * The row to hold in place: the first rendered row the user sees (rows not rendered are blank, and
   * their place only estimated), and how far the viewport's top is below that row's top.
   */
  #anchorAt(pos: Float64Array, view: Viewport): { index: number; offset: number } {
    let index = indexAt(pos, view.top);
    if (index < this.#start && view.top + view.height > pos[this.#start]) index = this.#start;
    return { index, offset: view.top - pos[index] };
  }

  /** Records a row's height; true when it changed. */
  #setHeight(key: unknown, height: number): boolean {
    const old = this.#heights.get(key);
    if (old !== undefined && Math.abs(old - height) < 0.5) return false;
    this.#heights.set(key, height);
    this.#heightSum += height - (old ?? 0);
    this.#pos = null;
    return true;
  }

  /** The viewport top that shows row `index` with the least scroll from `top`. */
  #revealTop(pos: Float64Array, index: number, top: number, height: number): number {
    if (pos[index] < top) return pos[index];
    if (pos[index + 1] > top + height) return Math.min(pos[index], pos[index + 1] - height);
    return top;
  }

  /**
   * Sizes the spacers from the current heights, restores the scroll position, and renders again when
   * the rendered rows no longer cover the viewport (at once after an update, next frame otherwise).
   */
  #place(afterUpdate: boolean): void {
    const list = this.#o.list();
    const scroller = this.#o.scroller();
    if (!list?.firstElementChild || !scroller) return;
    const pos = this.#layout();
    const n = this.#items.length;
    (list.firstElementChild as HTMLElement).style.height = `${pos[this.#start]}px`;
    (list.lastElementChild as HTMLElement).style.height = `${pos[n] - pos[this.#end]}px`;
    let view = this.#viewport();
    const hold = this.#hold;
    this.#hold = null;
    if (view && hold) {
      const want =
        hold.kind === 'bottom'
          ? scroller.scrollHeight
          : view.listTop + (hold.kind === 'reveal' ? this.#revealTop(pos, hold.index, view.top, view.height) : pos[hold.index] + hold.offset);
      if (Math.abs(scroller.scrollTop - want) > 0.5) {
        scroller.scrollTop = want;
        view = this.#viewport();
      }
    }
    if (!view || this.#covers(view, 0)) {
      this.#corrections = 0;
    } else if (!afterUpdate) {
      this.#nextFrame();
    } else if (this.#corrections++ < MAX_CORRECTIONS) {
      this.#host.requestUpdate();
    }
  }

  /** Whether the rendered rows cover the viewport and `margin` viewports beyond it. */
  #covers(view: Viewport, margin: number): boolean {
    const pos = this.#layout();
    const extra = view.height * margin;
    return (this.#start === 0 || view.top - extra >= pos[this.#start]) && (this.#end === this.#items.length || view.top + view.height + extra <= pos[this.#end]);
  }

  #nextFrame(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#host.requestUpdate();
    });
  }

  #onScroll = (): void => {
    const view = this.#viewport();
    if (view && !this.#covers(view, MARGIN)) {
      this.#corrections = 0;
      this.#host.requestUpdate();
    }
  };

  /**
   * A rendered row changed height after its render. Layout already moved what follows it; when it is
   * above the viewport the scroll position follows. Renders again only in the next frame: rendering
   * new rows inside this callback would ask the observer for another round in the same frame.
   */
  #onResize = (entries: ResizeObserverEntry[]): void => {
    const view = this.#viewport();
    const before = this.#layout();
    let changed = false;
    for (const entry of entries) {
      if (entry.target === this.#scroller) {
        this.#nextFrame();
        continue;
      }
      const key = this.#observed.get(entry.target);
      if (key === undefined) continue;
      const height = entry.borderBoxSize?.[0]?.blockSize ?? entry.target.getBoundingClientRect().height;
      if (this.#setHeight(key, height)) changed = true;
    }
    if (!changed) return;
    this.#hold = view && view.top > 0 ? { kind: 'anchor', ...this.#anchorAt(before, view) } : null;
    this.#place(false);
  };
}
