import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { guard } from 'lit/directives/guard.js';
import { markupToPlainText } from '../../contract/markup.js';
import type { ClipAnnotation, Id } from '../../contract/types.js';
import { v } from '../../styles/index.js';

/** A point of interest on the timeline; markers built from the session's comments carry the comment. */
export interface PlayerMarker {
  id: Id | string;
  /** 0-based media frame. */
  frame: number;
  label: string;
  comment?: ClipAnnotation;
}

/** Notes `start` to `end - 1` of the frame-sorted list, drawn as one mark at `x` (0–1 along the timeline). */
export interface MarkerBucket {
  start: number;
  end: number;
  x: number;
}

/** Width of a bucket on the timeline in CSS pixels (a mark's width): notes closer than this share a mark. */
export const MARKER_CELL_PX = 24;
/** Notes listed by a bucket's hover card; the rest are counted. */
const LISTED = 12;

/**
 * Merges notes into buckets of `cellPx` pixels of a timeline `widthPx` wide. `frames` must be sorted
 * (ascending). A bucket with one note sits on its frame; a bucket of several sits in the middle of its cell,
 * so crowded marks (and their counts) stand a cell apart. O(n), one object per bucket: at most
 * `widthPx / cellPx` of them, however many notes there are.
 */
export function bucketFrames(frames: ArrayLike<number>, frameCount: number, widthPx: number, cellPx = MARKER_CELL_PX): MarkerBucket[] {
  const last = frameCount - 1;
  const cells = Math.max(1, Math.floor(widthPx / cellPx));
  const buckets: MarkerBucket[] = [];
  let current: MarkerBucket | null = null;
  let currentCell = -1;
  for (let i = 0; i < frames.length; i++) {
    const ratio = last > 0 ? Math.min(1, Math.max(0, frames[i] / last)) : 0;
    const cell = Math.min(cells - 1, Math.floor(ratio * cells));
    if (current && cell === currentCell) {
      current.end = i + 1;
      current.x = (cell + 0.5) / cells;
    } else {
      current = { start: i, end: i + 1, x: ratio };
      currentCell = cell;
      buckets.push(current);
    }
  }
  return buckets;
}

/** One note on the timeline: a marker the host gave, or a root comment of the clip. */
interface Note {
  id: Id | string;
  frame: number;
  marker: PlayerMarker | null;
  comment: ClipAnnotation | null;
}

interface Notes {
  list: readonly Note[];
  indexById: ReadonlyMap<Id | string, number>;
}

interface Layout {
  buckets: readonly MarkerBucket[];
  /** Bucket index of each note. */
  bucketOf: Int32Array;
}

/** What the host knows each render; cheap to gather. */
export interface MarkerInputs {
  /** Markers the host set (`markers` property); null to mark `comments`. */
  markers: readonly PlayerMarker[] | null;
  /** The clip's comments (sorted by frame, as the comments store keeps them); the roots are marked. */
  comments: readonly ClipAnnotation[] | undefined;
  frameCount: number;
  /** Media ready: the markers show. */
  ready: boolean;
  selectedId: Id | null;
  /** Changes whenever `format` would format a frame differently (time format, rate, offset). */
  formatKey: string;
}

export interface TimelineMarkersOptions {
  /** The timeline element the markers are laid over (its width sets the buckets). */
  timeline: () => HTMLElement | null;
  /** A frame as the player shows it. */
  format: (frame: number) => string;
  /** A note was activated (click): the host selects or seeks. */
  activate: (note: { frame: number; comment?: ClipAnnotation }) => void;
}

const EMPTY: Notes = { list: [], indexById: new Map() };

/**
 * The comment markers of `<review-player>`'s timeline, at the same cost for 10 or 10,000 notes:
 *
 * - the notes are sorted and indexed once per change of the notes, and merged into buckets of
 *   `MARKER_CELL_PX` pixels once per change of the notes or of the timeline's width (`bucketFrames`);
 * - each bucket is one button (a count where notes crowd), so there are at most width / 16 of them;
 *   one listener for all of them (delegation), no closure or listener per note;
 * - the markers' template is behind `guard`: a frame change (the player re-renders for its counter and
 *   playhead) does not even visit it. Each time it is built, a `review-player:markers` performance
 *   measure is recorded (profiles, benchmarks and tests count them);
 * - hovering or focusing a bucket lists its notes (a tooltip the button is described by);
 * - `jump()` (the player's `,` and `.`) walks every note in frame order, also several on one frame, and
 *   announces the note in a live region.
 */
export class TimelineMarkers implements ReactiveController {
  #notesKey: [readonly PlayerMarker[] | null, readonly ClipAnnotation[] | undefined] | null = null;
  #notes: Notes = EMPTY;
  #layoutKey: [Notes, number, number] | null = null;
  #layout: Layout = { buckets: [], bucketOf: new Int32Array(0) };
  #width = 0;
  #observed: HTMLElement | null = null;
  readonly #resizeObserver = new ResizeObserver((entries) => {
    const width = Math.round(entries[entries.length - 1].contentRect.width);
    if (width > 0 && width !== this.#width) {
      this.#width = width;
      this.host.requestUpdate();
    }
  });
  /** The bucket whose notes are listed (hovered or focused). */
  #open: number | null = null;
  #announcement = '';
  /** The note the last jump or click went to, when no session names the selected one. */
  #lastJumped: Id | string | null = null;
  /** The selected comment at the last render (the session's). */
  #selected: Id | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: TimelineMarkersOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#observed) this.#resizeObserver.observe(this.#observed);
  }

  hostUpdated(): void {
    // The player updates every frame: look for the timeline only until it is observed.
    if (this.#observed?.isConnected) return;
    const timeline = this.options.timeline();
    if (timeline && timeline !== this.#observed) {
      if (this.#observed) this.#resizeObserver.unobserve(this.#observed);
      this.#observed = timeline;
      this.#resizeObserver.observe(timeline);
    }
  }

  hostDisconnected(): void {
    this.#resizeObserver.disconnect();
  }

  /** Number of notes marked. */
  count(inputs: Pick<MarkerInputs, 'markers' | 'comments'>): number {
    return this.#notesOf(inputs).list.length;
  }

  /**
   * The note after (`1`) or before (`-1`) frame `from` (where the player is or is going): after the note
   * `currentId` when that one is at `from`, so notes sharing a frame are visited one by one. Announces it.
   */
  jump(inputs: MarkerInputs, direction: 1 | -1, from: number): { frame: number; comment?: ClipAnnotation } | null {
    const { list, indexById } = this.#notesOf(inputs);
    const currentId = inputs.selectedId ?? this.#lastJumped;
    const current = currentId === null ? undefined : indexById.get(currentId);
    let next: number;
    if (current !== undefined && list[current].frame === from) next = current + direction;
    else {
      // first note after `from` (1), or the last before it (-1): binary search in the sorted list
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (direction > 0 ? list[mid].frame <= from : list[mid].frame < from) lo = mid + 1;
        else hi = mid;
      }
      next = direction > 0 ? lo : lo - 1;
    }
    const note = list[next];
    if (!note) return null;
    this.#lastJumped = note.id;
    this.#announcement = msg(str`Comment ${next + 1} of ${list.length} at ${this.options.format(note.frame)}: ${labelOf(note)}`);
    this.host.requestUpdate();
    return { frame: note.frame, comment: note.comment ?? note.marker?.comment };
  }

  /** The markers layer: re-built only when the notes, the width, the selection, the format or the open bucket change. */
  render(inputs: MarkerInputs): TemplateResult {
    const notes = this.#notesOf(inputs);
    const layout = this.#layoutOf(notes, inputs.frameCount);
    this.#selected = inputs.selectedId;
    const listLabel = msg('Comment markers'); // changes with the locale
    return guard([layout, inputs.ready, inputs.selectedId, inputs.formatKey, this.#open, this.#announcement, listLabel], () =>
      this.#build(notes, layout, inputs, listLabel),
    ) as unknown as TemplateResult;
  }

  #notesOf({ markers, comments }: Pick<MarkerInputs, 'markers' | 'comments'>): Notes {
    const key = this.#notesKey;
    if (key && key[0] === markers && key[1] === (markers ? undefined : comments)) return this.#notes;
    this.#notesKey = [markers, markers ? undefined : comments];
    let list: Note[];
    if (markers) {
      list = markers.map((m) => ({ id: m.id, frame: m.frame, marker: m, comment: m.comment ?? null }));
      list.sort((a, b) => a.frame - b.frame); // stable: equal frames keep the host's order
    } else {
      // The store keeps comments sorted by frame, then creation: the roots come out in that order.
      list = [];
      for (const c of comments ?? [])
        if (c.relatedToId === null && c.id > 0) list.push({ id: c.id, frame: c.start, marker: null, comment: c });
    }
    const indexById = new Map<Id | string, number>();
    list.forEach((n, i) => indexById.set(n.id, i));
    this.#notes = list.length ? { list, indexById } : EMPTY;
    if (this.#open !== null) this.#open = null;
    return this.#notes;
  }

  #layoutOf(notes: Notes, frameCount: number): Layout {
    if (!this.#width) this.#width = Math.round(this.options.timeline()?.getBoundingClientRect().width ?? 0);
    // Until the timeline has a width (hidden), a typical one: the resize observer corrects it.
    const width = this.#width || 640;
    const key = this.#layoutKey;
    if (key && key[0] === notes && key[1] === frameCount && key[2] === width) return this.#layout;
    this.#layoutKey = [notes, frameCount, width];
    const frames = new Float64Array(notes.list.length);
    notes.list.forEach((n, i) => (frames[i] = n.frame));
    const buckets = bucketFrames(frames, frameCount, width);
    const bucketOf = new Int32Array(notes.list.length);
    buckets.forEach((b, i) => bucketOf.fill(i, b.start, b.end));
    this.#layout = { buckets, bucketOf };
    if (this.#open !== null && this.#open >= buckets.length) this.#open = null;
    return this.#layout;
  }

  // One click listener for every bucket on the list: each bucket is a button, so Enter and Space click it
  // (the lint rule cannot see that through the delegation).
  /* eslint-disable lit-a11y/click-events-have-key-events */
  #build(notes: Notes, layout: Layout, inputs: MarkerInputs, listLabel: string): TemplateResult {
    const started = performance.now();
    const { format } = this.options;
    const selected = inputs.selectedId === null ? undefined : notes.indexById.get(inputs.selectedId);
    const selectedBucket = selected === undefined ? -1 : layout.bucketOf[selected];
    const open = this.#open === null ? undefined : layout.buckets[this.#open];
    const result = html`<div class="marker-layer" ?hidden=${!inputs.ready || !notes.list.length}>
        <div
          class="markers"
          role="list"
          aria-label=${listLabel}
          @click=${this.#onClick}
          @pointerover=${this.#onOver}
          @pointerout=${this.#onOut}
          @focusin=${this.#onOver}
          @focusout=${this.#onOut}
        >
          ${layout.buckets.map((b, i) => {
            const first = notes.list[b.start];
            const n = b.end - b.start;
            const lastFrame = notes.list[b.end - 1].frame;
            const label =
              n === 1
                ? msg(str`Comment at ${format(first.frame)}: ${labelOf(first)}`)
                : lastFrame === first.frame
                  ? msg(str`${n} comments at ${format(first.frame)}`)
                  : msg(str`${n} comments from ${format(first.frame)} to ${format(lastFrame)}`);
            return html`<div role="listitem">
              <button
                part=${n > 1 ? 'marker stack' : 'marker'}
                type="button"
                style="left: ${b.x * 100}%"
                aria-label=${label}
                aria-describedby=${this.#open === i ? 'marker-notes' : nothing}
                aria-current=${i === selectedBucket ? 'true' : 'false'}
                data-frame=${first.frame}
                data-bucket=${i}
                data-count=${n}
              >
                ${n > 1 ? html`<span class="count" aria-hidden="true">${n > 99 ? '99+' : n}</span>` : nothing}
              </button>
            </div>`;
          })}
        </div>
        ${open ? this.#renderList(notes, open, selected) : nothing}
      </div>
      <div class="sr-only" role="status" aria-live="polite">${this.#announcement}</div>`;
    performance.measure('review-player:markers', { start: started });
    return result;
  }
  /* eslint-enable lit-a11y/click-events-have-key-events */

  /** The notes of a bucket, as a tooltip over the timeline (not interactive: it follows hover and focus). */
  #renderList(notes: Notes, bucket: MarkerBucket, selected: number | undefined): TemplateResult {
    const end = Math.min(bucket.end, bucket.start + LISTED);
    const rows: TemplateResult[] = [];
    for (let i = bucket.start; i < end; i++) {
      const note = notes.list[i];
      rows.push(
        html`<li ?data-selected=${i === selected}><span class="frame">${this.options.format(note.frame)}</span> ${labelOf(note)}</li>`,
      );
    }
    const more = bucket.end - end;
    return html`<div
      id="marker-notes"
      part="marker-notes"
      style="left: ${bucket.x * 100}%"
      data-align=${bucket.x < 0.2 ? 'start' : bucket.x > 0.8 ? 'end' : 'middle'}
    >
      <ul>
        ${rows}
      </ul>
      ${more > 0 ? html`<p>${msg(str`and ${more} more`)}</p>` : nothing}
    </div>`;
  }

  #bucketAt(e: Event): { index: number; button: HTMLElement } | null {
    const button = (e.target as HTMLElement | null)?.closest?.<HTMLElement>('[data-bucket]');
    return button ? { index: Number(button.dataset.bucket), button } : null;
  }

  #onClick = (e: Event): void => {
    const hit = this.#bucketAt(e);
    const bucket = hit && this.#layout.buckets[hit.index];
    if (!bucket) return;
    // Clicking a crowded bucket again goes to its next note: every note can be reached by pointer too.
    const currentId = this.#selected ?? this.#lastJumped;
    const current = currentId === null ? undefined : this.#notes.indexById.get(currentId);
    const index = current !== undefined && current >= bucket.start && current < bucket.end - 1 ? current + 1 : bucket.start;
    const note = this.#notes.list[index];
    this.#lastJumped = note.id;
    this.options.activate({ frame: note.frame, comment: note.comment ?? note.marker?.comment });
  };

  #onOver = (e: Event): void => {
    const hit = this.#bucketAt(e);
    if (hit && hit.index !== this.#open) {
      this.#open = hit.index;
      this.host.requestUpdate();
    }
  };

  #onOut = (e: Event): void => {
    const to = (e as FocusEvent | PointerEvent).relatedTarget as HTMLElement | null;
    const still = to?.closest?.<HTMLElement>('[data-bucket]');
    if (this.#open !== null && !(still && Number(still.dataset.bucket) === this.#open)) {
      // Focus elsewhere in a bucket keeps it open; leaving with the pointer while a bucket has focus keeps that one.
      const focused = (this.host.shadowRoot?.activeElement as HTMLElement | null)?.closest?.<HTMLElement>('[data-bucket]');
      this.#open = e.type === 'pointerout' && focused ? Number(focused.dataset.bucket) : null;
      this.host.requestUpdate();
    }
  };
}

function labelOf(note: Note): string {
  if (note.marker) return note.marker.label;
  const c = note.comment!;
  // People read the note, not its markup: `@Alex Artist`, `#grade`.
  return `${c.creatorName ?? msg('Comment')}: ${markupToPlainText(c.description)}`;
}

/** Styles of the markers layer (part of `<review-player>`'s styles). */
export const timelineMarkerStyles = css`
  .marker-layer {
    position: absolute;
    left: calc(${v.space} * 1.5);
    right: calc(${v.space} * 1.5);
    top: 0;
    height: 0;
  }
  [part~='marker'] {
    position: absolute;
    top: 0;
    width: 24px;
    height: 24px;
    margin-left: -12px;
    padding: 0;
    border: 0;
    background: transparent;
    cursor: pointer;
    z-index: 1;
  }
  [part~='marker']::before {
    content: '';
    position: absolute;
    left: 7px;
    top: 4px;
    width: 10px;
    height: 10px;
    border-radius: 50% 50% 50% 0;
    transform: rotate(-45deg);
    background: var(--review-player-marker, ${v.warning});
    box-shadow: 0 0 0 1px ${v.bg};
  }
  [part~='marker'][aria-current='true']::before {
    background: ${v.accent};
  }
  [part~='marker'] .count {
    position: absolute;
    left: 50%;
    top: -10px;
    transform: translateX(-50%);
    min-width: 14px;
    padding: 0 2px;
    box-sizing: border-box;
    border-radius: 7px;
    background: ${v.fg};
    color: ${v.bg};
    font-size: 10px;
    line-height: 14px;
    font-variant-numeric: tabular-nums;
    pointer-events: none;
  }
  [part~='marker-notes'] {
    position: absolute;
    bottom: 4px;
    transform: translateX(-50%);
    max-width: min(28em, 90vw);
    padding: 4px 8px;
    border-radius: 4px;
    background: ${v.fg};
    color: ${v.bg};
    font-size: 0.85em;
    pointer-events: none;
    z-index: 3;
  }
  [part~='marker-notes'][data-align='start'] {
    transform: translateX(-12px);
  }
  [part~='marker-notes'][data-align='end'] {
    transform: translateX(calc(-100% + 12px));
  }
  [part~='marker-notes'] ul {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  [part~='marker-notes'] li {
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  [part~='marker-notes'] li[data-selected] {
    font-weight: 600;
  }
  [part~='marker-notes'] .frame {
    font-family: ${v['font-mono']};
  }
  [part~='marker-notes'] p {
    margin: 2px 0 0;
    opacity: 0.8;
  }
  @media (pointer: coarse) {
    [part~='marker'] {
      width: 40px;
      height: 40px;
      margin-left: -20px;
      top: -8px;
    }
    [part~='marker']::before {
      left: 15px;
      top: 14px;
    }
  }
`;
