import { versionNameShown } from '../../contract/version-name.js';
import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '../../store/context-subscription.js';
import type { Operation } from '../../contract/types.js';
import { sessionContext, type SessionState } from '../../store/context.js';
import { StoreController } from '../../store/store.js';
import { playlistStoreFor, type PlaylistState } from '../../store/playlist-store.js';
import type { Clip, Id, Playlist } from '../../contract/types.js';
import { canManageShares } from '../../contract/rights.js';
import { ReviewElement } from '../../internal/review-element.js';
import { playlistStyles } from './review-playlist.styles.js';
import { safeUrl } from '../../internal/safe-url.js';

interface Grab {
  id: Id;
  /** The order before the grab, restored by Escape. */
  original: Id[];
}

/**
 * The clips of a playlist, in review order: thumbnail, version name (the client version name when the
 * production settings say so) and reason for review. Selecting a clip makes it the session's current clip.
 * With SHARE_MANAGE the list can be reordered (drag and drop, or the grab handle: Space picks up, arrows
 * move, Space drops, Escape cancels) — saved as JSON Patch `move` ops, optimistically with rollback — and
 * the reason for review of the checked clips can be edited in bulk. Without it the list is read-only.
 *
 * Without `playlist-id` the element shows the playlist of the session's share (a client session).
 *
 * @customElement review-playlist
 * @fires review-clip-select - `{clipId}` when the user picks a clip.
 * @attr playlist-id - id of the playlist to show.
 * @csspart header - title row.
 * @csspart title - the playlist name.
 * @csspart list - the `<ol>` of clips.
 * @csspart item - one clip row.
 * @csspart select - the button that selects a clip.
 * @csspart thumbnail - the clip's thumbnail image.
 * @csspart handle - the reorder grab handle.
 * @csspart bulk - the bulk reason-for-review editor.
 * @csspart error - an error message.
 * @slot empty - shown when the playlist has no clips.
 * @cssprop --review-accent - current clip, focus ring, buttons.
 * @cssprop --review-border - row borders.
 * @cssprop --review-muted - secondary text.
 */
export class ReviewPlaylist extends ReviewElement {
  static override styles = playlistStyles;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  private session?: SessionState;

  @property({ type: Number, attribute: 'playlist-id' }) playlistId: number | null = null;

  /** The playlist and its clips: the session's one copy (`PlaylistStore`), shared with every reader. */
  readonly #playlistStore = new StoreController<PlaylistState>(this, () => playlistStoreFor(this.session, this.effectivePlaylistId));
  /** The order shown while an item is grabbed or a move is being saved; null: the playlist's own order. */
  @state() private movedOrder: Id[] | null = null;
  /** Why the last save failed. */
  @state() private error = '';
  @state() private grab: Grab | null = null;
  @state() private checked: ReadonlySet<Id> = new Set();
  @state() private bulkReason = '';
  @state() private bulkBusy = false;
  @state() private announcement = '';
  @state() private dropIndicator: { id: Id; after: boolean } | null = null;

  /** The clip being dragged (shown faded and outlined in its place while the drag lasts). */
  @state() private dragId: Id | null = null;
  /** The clip being dragged, from dragstart on (`dragId` follows a frame later). */
  #dragging: Id | null = null;

  /** The playlist shown: the attribute, or the share's playlist in a client session. */
  get effectivePlaylistId(): Id | null {
    return this.playlistId ?? this.session?.me?.share?.playlistId ?? null;
  }

  /** True when the user may reorder and bulk-edit (SHARE_MANAGE). */
  get editable(): boolean {
    return canManageShares(this.session?.rights ?? []);
  }

  private get playlist(): Playlist | null {
    return this.#playlistStore.state?.playlist ?? null;
  }

  private get clips(): ReadonlyMap<Id, Clip> {
    return this.#playlistStore.state?.clips ?? new Map<Id, Clip>();
  }

  /** Display order: the playlist's, or the one being moved. */
  private get order(): Id[] {
    return this.movedOrder ?? this.playlist?.clipIds ?? [];
  }

  /** Reloads the playlist and its clips from the API. */
  reload(): Promise<void> {
    return playlistStoreFor(this.session, this.effectivePlaylistId)?.load() ?? Promise.resolve();
  }

  #name(clip: Clip): string {
    return versionNameShown(clip, this.session?.settings);
  }

  #select(id: Id): void {
    this.emit('review-clip-select', { clipId: id });
  }

  // — reorder —

  /** Moves a clip to index `to` of the display order and saves it. Public for hosts with their own UI. */
  async moveClip(id: Id, to: number): Promise<void> {
    const from = this.order.indexOf(id);
    if (from < 0 || to < 0 || to >= this.order.length || from === to) return;
    const next = [...this.order];
    next.splice(from, 1);
    next.splice(to, 0, id);
    this.movedOrder = next;
    await this.#save(from, to);
  }

  /**
   * Saves a move as one JSON Patch `move` op (remove at `from`, insert at `to` of the shortened array —
   * which is exactly the final index). Shows the playlist's order as the server answered it, or as it was
   * when the server refuses.
   */
  async #save(from: number, to: number): Promise<void> {
    const store = playlistStoreFor(this.session, this.effectivePlaylistId);
    if (!store?.state.playlist || from === to) {
      this.movedOrder = null;
      return;
    }
    const ops: Operation[] = [{ op: 'move', from: `/clipIds/${from}`, path: `/clipIds/${to}` }];
    this.error = '';
    try {
      await store.patch(ops);
      if (!this.grab) this.movedOrder = null;
    } catch (e) {
      if (!this.grab) this.movedOrder = null;
      this.error = msg(str`Could not save the new order: ${(e as Error).message}`);
      this.announcement = msg('The new order could not be saved; the previous order is back.');
    }
  }

  /** Tells screen readers where a clip is after a keyboard or drag step (whole sentences: word order differs by language). */
  #announcePosition(id: Id, step: 'grab' | 'move' | 'drop' | 'cancel'): void {
    const clip = this.clips.get(id);
    const name = clip ? this.#name(clip) : msg(str`Clip ${id}`);
    const at = this.order.indexOf(id) + 1;
    const of = this.order.length;
    this.announcement =
      step === 'grab'
        ? msg(str`${name} picked up at position ${at} of ${of}. Use the arrow keys to move it, Space to drop, Escape to cancel.`)
        : step === 'move'
          ? msg(str`${name} moved to position ${at} of ${of}.`)
          : step === 'drop'
            ? msg(str`${name} dropped at position ${at} of ${of}.`)
            : msg(str`${name}: move cancelled; back at position ${at} of ${of}.`);
  }

  async #focusHandle(id: Id): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLButtonElement>(`li[data-clip-id="${id}"] .handle`)?.focus();
  }

  #onHandleKey(e: KeyboardEvent, id: Id): void {
    const grab = this.grab;
    if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      if (!grab) {
        this.grab = { id, original: [...this.order] };
        this.#announcePosition(id, 'grab');
      } else {
        this.#drop();
      }
      return;
    }
    if (!grab || grab.id !== id) return;
    const index = this.order.indexOf(id);
    let to = index;
    if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') to = index - 1;
    else if (e.key === 'ArrowDown' || e.key === 'ArrowRight') to = index + 1;
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = this.order.length - 1;
    else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.movedOrder = null;
      this.grab = null;
      this.#announcePosition(id, 'cancel');
      void this.#focusHandle(id);
      return;
    } else return;
    e.preventDefault();
    to = Math.max(0, Math.min(this.order.length - 1, to));
    if (to === index) return;
    const next = [...this.order];
    next.splice(index, 1);
    next.splice(to, 0, id);
    this.movedOrder = next;
    this.#announcePosition(id, 'move');
    void this.#focusHandle(id);
  }

  #drop(): void {
    const grab = this.grab;
    if (!grab) return;
    this.grab = null;
    const from = grab.original.indexOf(grab.id);
    const to = this.order.indexOf(grab.id);
    this.#announcePosition(grab.id, 'drop');
    void this.#focusHandle(grab.id);
    if (from !== to) void this.#save(from, to);
    else this.movedOrder = null;
  }

  #onHandleBlur(id: Id): void {
    // Focus leaves while re-rendering a move; only a real blur (focus elsewhere) drops the item.
    requestAnimationFrame(() => {
      if (this.grab?.id !== id) return;
      const active = this.shadowRoot?.activeElement;
      if (!active || !active.classList.contains('handle')) this.#drop();
    });
  }

  // — drag and drop (pointer) —

  #onDragStart(e: DragEvent, id: Id): void {
    if (!this.editable) return;
    this.#dragging = id;
    // Marked on the next frame: the browser takes the drag image from the row as it is after dragstart, and
    // that image should be the clip itself, not its faded placeholder.
    requestAnimationFrame(() => {
      if (this.#dragging === id) this.dragId = id;
    });
    e.dataTransfer?.setData('text/plain', String(id));
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
  }

  #onDragOver(e: DragEvent, id: Id): void {
    if (this.#dragging == null) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
    const li = e.currentTarget as HTMLElement;
    const rect = li.getBoundingClientRect();
    const after = e.clientY > rect.top + rect.height / 2;
    if (this.dropIndicator?.id !== id || this.dropIndicator.after !== after) this.dropIndicator = { id, after };
  }

  #onDrop(e: DragEvent, targetId: Id): void {
    const dragId = this.#dragging;
    if (dragId == null) return;
    e.preventDefault();
    const after = this.dropIndicator?.id === targetId ? this.dropIndicator.after : false;
    this.#dragging = this.dragId = null;
    this.dropIndicator = null;
    if (dragId === targetId) return;
    const from = this.order.indexOf(dragId);
    let to = this.order.indexOf(targetId) + (after ? 1 : 0);
    if (from < to) to -= 1;
    void this.moveClip(dragId, to).then(() => this.#announcePosition(dragId, 'move'));
  }

  #onDragEnd(): void {
    this.#dragging = this.dragId = null;
    this.dropIndicator = null;
  }

  // — bulk reason for review —

  #toggleChecked(id: Id, on: boolean): void {
    const next = new Set(this.checked);
    if (on) next.add(id);
    else next.delete(id);
    this.checked = next;
  }

  async #applyBulk(e: Event): Promise<void> {
    e.preventDefault();
    const store = playlistStoreFor(this.session, this.effectivePlaylistId);
    const ids = this.order.filter((id) => this.checked.has(id));
    if (!store || ids.length === 0) return;
    this.bulkBusy = true;
    this.error = '';
    try {
      const updated = await store.setReasonForReview(ids, this.bulkReason.trim());
      this.announcement =
        updated.length === 1
          ? msg('Reason for review updated on 1 clip.')
          : msg(str`Reason for review updated on ${updated.length} clips.`);
      this.checked = new Set();
      this.bulkReason = '';
    } catch (e) {
      this.error = msg(str`Could not update the reason for review: ${(e as Error).message}`);
    } finally {
      this.bulkBusy = false;
    }
  }

  protected override render() {
    const editable = this.editable;
    const playlist = this.playlist;
    const current = this.session?.currentClipId ?? null;
    const order = this.order.filter((id) => this.clips.has(id));
    const loaded = this.#playlistStore.state;
    const error =
      this.error || (loaded?.phase === 'error' ? msg(str`Could not load the playlist: ${loaded.loadError?.message ?? ''}`) : '');
    return html`
      <div part="header" class="header">
        <h2 part="title">${playlist?.name ?? (loaded?.phase === 'loading' ? msg('Loading playlist…') : msg('Playlist'))}</h2>
        ${playlist ? html`<span class="count">${order.length === 1 ? msg('1 clip') : msg(str`${order.length} clips`)}</span>` : nothing}
      </div>
      ${
        error
          ? html`<div part="error" class="error" role="alert">
            ${error}
            ${!playlist ? html`<button class="retry" @click=${() => this.reload()}>${msg('Retry')}</button>` : nothing}
          </div>`
          : nothing
      }
      ${
        editable && order.length > 1
          ? html`<p class="hint" id="reorder-help">
            ${msg('Drag a clip to reorder, or focus its handle and press Space, the arrow keys, then Space to drop.')}
          </p>`
          : nothing
      }
      ${playlist && order.length === 0 ? html`<slot name="empty"><p>${msg('This playlist has no clips.')}</p></slot>` : nothing}
      <ol part="list" class=${editable ? 'reorderable' : ''} aria-label=${playlist ? msg(str`Clips of ${playlist.name}`) : msg('Clips')} ?hidden=${order.length === 0}>
        ${repeat(
          order,
          (id) => id,
          (id, index) => this.#renderItem(this.clips.get(id)!, index, order.length, editable, current === id),
        )}
      </ol>
      ${
        editable && order.length > 0
          ? this.checked.size > 0
            ? this.#renderBulk()
            : html`<p class="hint">${msg('Tick clips to edit their reason for review together.')}</p>`
          : nothing
      }
      <div class="sr-only" role="status" aria-live="assertive" aria-atomic="true">${this.announcement}</div>
    `;
  }

  #renderItem(clip: Clip, index: number, total: number, editable: boolean, isCurrent: boolean) {
    const name = this.#name(clip);
    const internal = editable && name !== clip.name ? clip.name : '';
    const grabbed = this.grab?.id === clip.id;
    const drop = this.dropIndicator?.id === clip.id ? (this.dropIndicator.after ? 'drop-after' : 'drop-before') : '';
    const dragging = this.dragId === clip.id ? 'dragging' : '';
    return html`
      <li
        part="item"
        data-clip-id=${clip.id}
        class="${grabbed ? 'grabbed' : ''} ${drop} ${dragging}"
        aria-current=${isCurrent ? 'true' : 'false'}
        draggable=${editable ? 'true' : 'false'}
        @dragstart=${(e: DragEvent) => this.#onDragStart(e, clip.id)}
        @dragover=${(e: DragEvent) => this.#onDragOver(e, clip.id)}
        @drop=${(e: DragEvent) => this.#onDrop(e, clip.id)}
        @dragend=${this.#onDragEnd}
      >
        ${
          editable
            ? html`<label class="pick">
              <input
                type="checkbox"
                aria-label=${msg(str`Select ${name} for bulk edit`)}
                .checked=${this.checked.has(clip.id)}
                @change=${(e: Event) => this.#toggleChecked(clip.id, (e.target as HTMLInputElement).checked)}
              />
            </label>`
            : nothing
        }
        <button
          part="select"
          class="select"
          aria-current=${isCurrent ? 'true' : 'false'}
          @click=${() => this.#select(clip.id)}
        >
          ${
            safeUrl(clip.thumbnailUrl, { images: true })
              ? // Low priority: on a phone network the thumbnails would share the line with the clip on show.
                html`<img part="thumbnail" class="thumb" src=${clip.thumbnailUrl!} alt="" loading="lazy" fetchpriority="low" />`
              : html`<span part="thumbnail" class="thumb"></span>`
          }
          <span class="text">
            <span class="name" title=${name}>${name}</span>
            ${internal ? html`<span class="internal" title=${internal}>${internal}</span>` : nothing}
            ${clip.reasonForReview ? html`<span class="reason" title=${clip.reasonForReview}>${clip.reasonForReview}</span>` : nothing}
          </span>
        </button>
        ${
          editable
            ? html`<button
              part="handle"
              class="handle"
              aria-label=${msg(str`Reorder ${name}, position ${index + 1} of ${total}`)}
              aria-describedby="reorder-help"
              aria-pressed=${grabbed ? 'true' : 'false'}
              @keydown=${(e: KeyboardEvent) => this.#onHandleKey(e, clip.id)}
              @blur=${() => this.#onHandleBlur(clip.id)}
            >
              <span aria-hidden="true">⠿</span>
            </button>`
            : nothing
        }
      </li>
    `;
  }

  #renderBulk() {
    const n = this.checked.size;
    return html`
      <form part="bulk" class="bulk" @submit=${this.#applyBulk}>
        <label>
          ${msg('Reason for review of the selected clips')}
          <textarea
            rows="1"
            .value=${this.bulkReason}
            @input=${(e: Event) => (this.bulkReason = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
        </label>
        <button type="submit" ?disabled=${this.bulkBusy}>${n === 1 ? msg('Apply to 1 clip') : msg(str`Apply to ${n} clips`)}</button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-playlist': ReviewPlaylist;
  }
}
