import { html, nothing, render, type ReactiveController, type ReactiveControllerHost, type RootPart, type TemplateResult } from 'lit';
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
/** Renders of the window again, within one update, while the rows it measured still leave the viewport uncovered. */
const MAX_CORRECTIONS = 4;

/**
 * Keys of the spacer between the window and a focused row kept outside it: one per side, so that a kept
 * row jumping from below the window to above it is never taken for the same sequence (see `render`).
 */
const GAP_ABOVE = Symbol('gap-above');
const GAP_BELOW = Symbol('gap-below');
/** What is rendered between the two outer spacers, in order: a row (its index) or a gap spacer. */
type Entry = number | typeof GAP_ABOVE | typeof GAP_BELOW;

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
 *
 * The row holding focus stays rendered, at its place, however far the list scrolls away from it (so
 * focus, a caret and half-typed text stay put), until focus leaves it; Tab and Shift+Tab from it first
 * render its neighbours, so focus moves on to the next or previous row as in a list rendered whole.
 */
export class VirtualList<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #o: VirtualListOptions<T>;
  #items: readonly T[] = [];
  /** The window: rows `start` to `end - 1` are rendered, the rows around the viewport. */
  #start = 0;
  #end = 0;
  /** The row holding focus when it is outside the window and not next to it (one gap spacer apart), or null. */
  #kept: number | null = null;
  /** What the last render put between the outer spacers, and the keys it gave them. */
  #entries: Entry[] = [];
  #entryKeys: unknown[] = [];
  /** The entries of the second step of a render made in two steps (see `#renderWindow`), committed in `hostUpdated`. */
  #next: Entry[] | null = null;
  /** The host's row template, from its last render. */
  #renderItem!: (item: T, index: number) => TemplateResult;
  /** What the host's last render asked for, committed into the list element once the host's own DOM is. */
  #rendered: TemplateResult | null = null;
  /** The part the rows are committed to, outside the host's own: told when the host (dis)connects. */
  #part: RootPart | null = null;
  /** The rendered gap spacer between the window and the kept row. */
  #gap: HTMLElement | null = null;
  readonly #heights = new Map<unknown, number>();
  #heightSum = 0;
  /** pos[i] = top of row i in list coordinates; pos[n] = the list's height. Null when stale. */
  #pos: Float64Array | null = null;
  #hold: Hold | null = null;
  #reveal: number | null = null;
  #observer: ResizeObserver | null = null;
  /** Rendered rows and their indexes. */
  #observed = new Map<Element, number>();
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

  /**
   * Renders the spacers and the rows of `items` around the viewport into the `list` element, at the end
   * of this host update; place the result (nothing) alone inside the `list` element. The list commits
   * them itself (lit `render`), so it can commit again within the same host update (see `hostUpdated`).
   */
  render(items: readonly T[], renderItem: (item: T, index: number) => TemplateResult): typeof nothing {
    this.#renderItem = renderItem;
    this.#rendered = this.#renderWindow(items);
    return nothing;
  }

  /**
   * Picks the rows around the viewport (and the row holding focus) and returns their template; the
   * scroll position to hold once they are measured is left in `#hold`.
   */
  #renderWindow(items: readonly T[]): TemplateResult {
    this.#next = null;
    const previous = this.#items;
    const focused = this.#focusedIndex();
    const focusedKey = focused === undefined ? undefined : this.#o.key(previous[focused]);
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
    this.#keep(focused === undefined ? -1 : items === previous ? focused : items.findIndex((item) => this.#o.key(item) === focusedKey));
    const entries = this.#windowEntries();
    if (focusedKey === undefined) return this.#template(entries);
    // `repeat` may move an element it keeps (remove and insert it again), and a moved element loses
    // focus. Removing elements only, or inserting only, moves none: when this render does both, a first
    // step removes the rows that go, a second one (`hostUpdated`, in the same update) inserts the new ones.
    const before = new Set(this.#entryKeys);
    const after = new Set(entries.map(this.#entryKey));
    const removes = this.#entryKeys.some((k) => !after.has(k));
    const inserts = [...after].some((k) => !before.has(k));
    if (!removes || !inserts) return this.#template(entries);
    this.#next = entries;
    return this.#template(entries.filter((entry) => before.has(this.#entryKey(entry))));
  }

  hostConnected(): void {
    this.#part?.setConnected(true);
    // Rows kept in the DOM while disconnected are measured and observed again.
    if (this.#items.length) this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#part?.setConnected(false);
    this.#observer?.disconnect();
    this.#observer = null;
    this.#observed.clear();
    this.#unlisten();
    this.#scroller = null;
    cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /**
   * Commits the rows (both steps of a render made in two), measures them and restores the scroll
   * position; while the measured rows leave the viewport uncovered, renders the window anew from their
   * heights. All within the host's update: asking the host for another update from here would make each
   * scroll cost two (what Lit's dev mode warns about as "change-in-update").
   */
  hostUpdated(): void {
    const rows = this.#rendered;
    this.#rendered = null;
    const list = this.#o.list();
    if (!rows || !list) {
      this.#next = null; // no list rendered (loading, empty, error): a second step is not rendered later
      return;
    }
    this.#commit(list, rows);
    for (let corrections = 0; ; corrections++) {
      this.#measure(list);
      if (this.#place() || corrections === MAX_CORRECTIONS) return;
      this.#commit(list, this.#renderWindow(this.#items));
    }
  }

  // — internals —

  /** Commits `rows` into the list, then the second step of a render made in two, if any. */
  #commit(list: HTMLElement, rows: TemplateResult): void {
    this.#part = render(rows, list, { host: this.#host });
    const next = this.#next;
    this.#next = null;
    if (next) render(this.#template(next), list, { host: this.#host });
  }

  /** Records the heights of the rendered rows and observes them. */
  #measure(list: HTMLElement): void {
    const observer = this.#listen();
    const rows = new Map<Element, number>();
    this.#gap = null;
    let row = list.firstElementChild?.nextElementSibling;
    for (const entry of this.#entries) {
      if (!row || row === list.lastElementChild) break;
      if (typeof entry !== 'number') {
        this.#gap = row as HTMLElement;
      } else {
        rows.set(row, entry);
        this.#setHeight(this.#o.key(this.#items[entry]), row.getBoundingClientRect().height);
        if (!this.#observed.has(row)) observer.observe(row);
      }
      row = row.nextElementSibling;
    }
    for (const el of this.#observed.keys()) if (!rows.has(el)) observer.unobserve(el);
    this.#observed = rows;
  }

  /**
   * Listens to the scroller's scrolls, size, Tab keys and focus leaving (a new scroller after a
   * re-render too); the rows' observer.
   */
  #listen(): ResizeObserver {
    const observer = (this.#observer ??= new ResizeObserver(this.#onResize));
    const scroller = this.#o.scroller();
    if (scroller === this.#scroller) return observer;
    this.#unlisten();
    if (this.#scroller) observer.unobserve(this.#scroller);
    scroller?.addEventListener('scroll', this.#onScroll, { passive: true });
    scroller?.addEventListener('keydown', this.#onKeydown);
    scroller?.addEventListener('focusout', this.#onFocusOut);
    if (scroller) observer.observe(scroller);
    this.#scroller = scroller;
    return observer;
  }

  #unlisten(): void {
    this.#scroller?.removeEventListener('scroll', this.#onScroll);
    this.#scroller?.removeEventListener('keydown', this.#onKeydown);
    this.#scroller?.removeEventListener('focusout', this.#onFocusOut);
  }

  /** The index of the rendered row holding focus (shadow-including: a field inside a row's element counts). */
  #focusedIndex(): number | undefined {
    const list = this.#o.list();
    if (!list) return undefined;
    let el = (list.getRootNode() as Document | ShadowRoot).activeElement;
    while (el && el.parentElement !== list) el = el.parentElement;
    return el ? this.#observed.get(el) : undefined;
  }

  /** Keeps row `index` (-1: none) rendered: in the window, next to it, or on its own past a gap. */
  #keep(index: number): void {
    this.#kept = null;
    if (index < 0 || (index >= this.#start && index < this.#end)) return;
    if (index === this.#start - 1) this.#start = index;
    else if (index === this.#end) this.#end = index + 1;
    else this.#kept = index;
  }

  #windowEntries(): Entry[] {
    const kept = this.#kept;
    const entries: Entry[] = kept !== null && kept < this.#start ? [kept, GAP_ABOVE] : [];
    for (let i = this.#start; i < this.#end; i++) entries.push(i);
    if (kept !== null && kept >= this.#end) entries.push(GAP_BELOW, kept);
    return entries;
  }

  #entryKey = (entry: Entry): unknown => (typeof entry === 'number' ? this.#o.key(this.#items[entry]) : entry);

  #template(entries: Entry[]): TemplateResult {
    const items = this.#items;
    const renderItem = this.#renderItem;
    this.#entries = entries;
    this.#entryKeys = entries.map(this.#entryKey);
    const keys = this.#entryKeys;
    return html`<div aria-hidden="true"></div>${repeat(
      entries,
      (_, i) => keys[i],
      (entry) => (typeof entry === 'number' ? renderItem(items[entry], entry) : html`<div aria-hidden="true"></div>`),
    )}<div aria-hidden="true"></div>`;
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
   * Sizes the spacers from the current heights and restores the scroll position; false when the
   * rendered rows then leave part of the viewport uncovered.
   */
  #place(): boolean {
    const list = this.#o.list();
    const scroller = this.#o.scroller();
    if (!list?.firstElementChild || !scroller) return true;
    const pos = this.#layout();
    const n = this.#items.length;
    const kept = this.#kept;
    const first = kept !== null && kept < this.#start ? kept : this.#start;
    const end = kept !== null && kept >= this.#end ? kept + 1 : this.#end;
    (list.firstElementChild as HTMLElement).style.height = `${pos[first]}px`;
    (list.lastElementChild as HTMLElement).style.height = `${pos[n] - pos[end]}px`;
    if (this.#gap && kept !== null)
      this.#gap.style.height = `${kept < this.#start ? pos[this.#start] - pos[kept + 1] : pos[kept] - pos[this.#end]}px`;
    let view = this.#viewport();
    const hold = this.#hold;
    this.#hold = null;
    if (view && hold) {
      const want =
        hold.kind === 'bottom'
          ? scroller.scrollHeight
          : view.listTop +
            (hold.kind === 'reveal' ? this.#revealTop(pos, hold.index, view.top, view.height) : pos[hold.index] + hold.offset);
      if (Math.abs(scroller.scrollTop - want) > 0.5) {
        scroller.scrollTop = want;
        view = this.#viewport();
      }
    }
    return !view || this.#covers(view, 0);
  }

  /** Whether the rendered rows cover the viewport and `margin` viewports beyond it. */
  #covers(view: Viewport, margin: number): boolean {
    const pos = this.#layout();
    const extra = view.height * margin;
    return (
      (this.#start === 0 || view.top - extra >= pos[this.#start]) &&
      (this.#end === this.#items.length || view.top + view.height + extra <= pos[this.#end])
    );
  }

  #nextFrame(): void {
    if (this.#frame) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#host.requestUpdate();
    });
  }

  /**
   * Tab moves focus in DOM order: when the row it leaves has its neighbour unrendered (focus kept far
   * away, or faster than the window follows), that row is brought into view with its neighbours first.
   * The render runs in the microtasks after this listener, before the browser moves focus.
   */
  #onKeydown = (e: KeyboardEvent): void => {
    if (e.key !== 'Tab' || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const index = this.#focusedIndex();
    if (index === undefined) return;
    const next = index + (e.shiftKey ? -1 : 1);
    if (next >= 0 && next < this.#items.length && (next < this.#start || next >= this.#end)) this.reveal(index);
  };

  /** Focus left a row: a kept row that no longer holds focus is dropped at the next frame, once focus has settled. */
  #onFocusOut = (): void => {
    if (this.#kept !== null) this.#nextFrame();
  };

  #onScroll = (): void => {
    const view = this.#viewport();
    if (view && !this.#covers(view, MARGIN)) this.#host.requestUpdate();
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
      const index = this.#observed.get(entry.target);
      if (index === undefined) continue;
      const height = entry.borderBoxSize?.[0]?.blockSize ?? entry.target.getBoundingClientRect().height;
      if (this.#setHeight(this.#o.key(this.#items[index]), height)) changed = true;
    }
    if (!changed) return;
    this.#hold = view && view.top > 0 ? { kind: 'anchor', ...this.#anchorAt(before, view) } : null;
    if (!this.#place()) this.#nextFrame();
  };
}
