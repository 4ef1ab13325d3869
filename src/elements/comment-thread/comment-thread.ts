import { versionNameShown } from '../../contract/version-name.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { property, state } from 'lit/decorators.js';
import { ContextSubscription, consume } from '../../store/context-subscription.js';
import { newComment } from '../../contract/new-comment.js';
import { isReviewApiError, ReviewApiError } from '../../contract/errors.js';
import { EXPORT_EXTENSIONS, EXPORT_MIME_TYPES } from '../../contract/export-formats.js';
import { offers } from '../../contract/capabilities.js';
import { isStill } from '../../media/still.js';
import { formatXywh, pointFragment } from '../../contract/fragments.js';
import { markupToPlainText } from '../../contract/markup.js';
import { canCreateComment, canEditComment, isClientViewer } from '../../contract/rights.js';
import type { Clip, ClipAnnotation, Drawing, ExportFormat, Id, NewClipAnnotation, User } from '../../contract/types.js';
import { ReviewElement } from '../../internal/review-element.js';
import {
  cmpIso,
  commentsStoreFor,
  groupThreads,
  type CommentsStore,
  type CommentThreadGroup,
  type CommentsState,
  type PendingChange,
} from '../../store/comments-store.js';
import {
  navigationContext,
  playheadContext,
  sessionContext,
  type NavigationState,
  type PlayheadState,
  type SessionState,
} from '../../store/context.js';
import { StoreController } from '../../store/store.js';
import { attachmentsStoreFor, type AttachmentsState, type AttachmentUpload } from '../../store/attachments-store.js';
import { isImageAttachment, type NoteAttachment } from '../../contract/attachments.js';
import { formatBytes } from '../../i18n/format.js';
import { clipStoreFor, displayedClip, type ClipState } from '../../store/clip-store.js';
import { formatFrame } from '../../media/frame-math.js';
import type { ComposerSubmitDetail, ReviewCommentComposer } from './comment-composer.js';
import { writeDraft } from './drafts.js';
import { OnDemand } from '../../internal/on-demand.js';
import { styles } from './comment-thread.styles.js';
import { descriptionPieces } from './format.js';
import { formatDateTime, formatRelativeTime } from '../../i18n/format.js';
import { VirtualList } from '../../internal/virtual-list.js';

export type CommentSort = 'frame' | 'newest' | 'oldest';

/** The export menu, in the current locale. */
const exportItems = (markers: boolean): Array<{ format: ExportFormat; label: string }> => [
  { format: 'vtt', label: msg('WebVTT subtitles (.vtt)') },
  { format: 'srt', label: msg('SubRip subtitles (.srt)') },
  { format: 'csv', label: msg('Spreadsheet (.csv)') },
  // The notes as timeline markers for editing systems (docs/http-api.md, "Exports", says how each imports them),
  // when the backend offers them (the `markers` capability).
  ...(markers ? nleExportItems() : []),
];

const nleExportItems = (): Array<{ format: ExportFormat; label: string }> => [
  { format: 'edl', label: msg('Avid EDL (markers)') },
  { format: 'fcp7', label: msg('Final Cut Pro 7 XML') },
  { format: 'premiere', label: msg('Premiere Pro markers') },
  { format: 'resolve', label: msg('DaVinci Resolve EDL') },
  { format: 'otio', label: msg('OpenTimelineIO') },
];

/** Up to this many threads the list is rendered whole; above, only what is in view (virtualized). */
const RENDER_ALL_UP_TO = 150;

/** Why the open edit was not saved: another version arrived (409), or the request failed. */
type EditProblem = { kind: 'conflict' } | { kind: 'failed'; reason: string };

/** Lower-cased searchable text of a comment, computed once per comment object. */
const searchText = new WeakMap<ClipAnnotation, string>();
function haystack(c: ClipAnnotation): string {
  let text = searchText.get(c);
  if (text === undefined) {
    text = `${markupToPlainText(c.description)} ${c.creatorName ?? ''}`.toLowerCase();
    searchText.set(c, text);
  }
  return text;
}

/** The threads after filter and sort, with the tags and authors offered by the filters. */
interface ThreadView {
  key: unknown[];
  threads: CommentThreadGroup[];
  tags: string[];
  authors: Array<{ id: Id; name: string }>;
}

function firstOf(t: CommentThreadGroup): ClipAnnotation {
  return (t.root ?? t.replies[0])!;
}

/** No answer arrived (offline, server down, timeout): the user needs that, not the URL that failed. */
function unreachable(err: ReviewApiError): boolean {
  return err.code === 'NETWORK' || err.code === 'TIMEOUT';
}

/** A reason that follows a full stop: its first letter upper-cased (the reasons are also used mid-sentence). */
function capitalised(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

function fileSafe(name: string): string {
  return name.replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '') || 'clip';
}

/**
 * The review comments of a clip, grouped in threads (a comment and its replies, one level), with a
 * composer pinned to the player's frame, replies, edit and delete by the rights of the user, filters,
 * sorting, export and live updates ("Offline — reconnecting…" in the header while the events stream is
 * down). Without `clip-id` it follows the session's current clip.
 *
 * It reads everything from the enclosing `<review-session>`; its comments come from the clip's shared
 * `CommentsStore` (`commentsStoreFor()`), the same instance the player's timeline uses. Give it a definite
 * height: the list scrolls inside the element, and above 150 threads only those in view there are in the
 * DOM (virtualized, `virtual-list.ts`), so 10,000 comments stay smooth; the thread holding focus stays
 * in the DOM too, wherever the list is scrolled, so focus and a half-typed reply or edit are never lost.
 *
 * Rights: `REVIEW_EDIT` writes comments and edits/deletes its own, `REVIEW_EDIT_ALL` edits/deletes any;
 * without either the list is read only, and a note where the composer would be says so (part `read-only`). Studio users may mark a comment internal (never shown to
 * clients). A deleted comment waits `undo-delay` ms (default 5000) before the DELETE is sent, so Undo is
 * exact; `undo-delay="0"` deletes at once with no Undo.
 *
 * Spot and drawing of a new comment, through the session's draft (`draftContext`): the composer's "Add spot"
 * sends `review-spot-request {action: 'wait'}` (then `review-spot-mode {active: true}`) and takes the spot
 * picked for it on the picture (percent of the frame), stored as `spatial: xywh=percent:x,y,0,0`; the draft's
 * drawing (the annotation layer's, or a host's `review-drawing-change` to the session; or the `drawing`
 * property) is attached and sent as `customFields.drawing`.
 *
 * @customElement comment-thread
 * @summary Frame-pinned review comments of a clip: threads, replies, mentions, tags, live.
 * @fires review-comment-select - `{comment}` when the user selects a comment (the session seeks the player).
 * @fires review-comment-created - `{comment}` once the server saved a new comment or reply.
 * @fires review-comment-updated - `{comment}` once the server saved an edit.
 * @fires review-comment-deleted - `{comment}` once the server deleted a comment.
 * @fires review-spot-request - `{action: 'wait' | 'cancel', requester}` from the composer: wait for a spot for it, or stop.
 * @fires review-spot-mode - `{active}` from the composer while it waits for a spot pick.
 * @slot empty - Shown when the clip has no comments (default: "No comments yet — be the first…").
 * @csspart header - Title, live or reconnecting indicator, filters and the export menu.
 * @csspart title - The "Comments" heading.
 * @csspart toolbar - Filters and sort.
 * @csspart export-button - The Export menu button.
 * @csspart export-menu - The export menu.
 * @csspart list - The list of threads (role list).
 * @csspart thread - One thread (root and replies).
 * @csspart comment - One comment; also `comment-selected`, `comment-pending`, `comment-failed`.
 * @csspart author - The author's name.
 * @csspart client-badge - "Client" next to the name of an author who came in through a share.
 * @csspart frame - The frame button (selects the comment).
 * @csspart text - The comment's text.
 * @csspart mention - A mention chip.
 * @csspart tag - A tag chip.
 * @csspart badge - Internal / drawing / spot indicators.
 * @csspart actions - Reply / Edit / Delete buttons.
 * @csspart problem - Why a comment was not sent or deleted, with Retry or Dismiss (role alert).
 * @csspart confirm - The inline delete confirmation.
 * @csspart toast - The "Comment deleted — Undo" bar.
 * @csspart files - The files under a note (capability `attachments`): thumbnails of images, links to PDFs.
 * @csspart file - One file; a picture opens the viewer.
 * @csspart upload - A file being attached, or why it was not (role alert).
 * @csspart viewer - The picture viewer (a modal dialog: Esc closes, the arrow keys go to the note's other pictures).
 * @csspart composer - The new-comment composer.
 * @csspart read-only - Where the composer would be for a user who may not write: says so (a host that says it already hides it).
 * @csspart empty - The empty state.
 * @csspart loading - The loading state.
 * @csspart error - The load error with Retry.
 * @cssprop --review-accent - Selection, frame buttons, mention chips, Send.
 * @cssprop --review-bg - Background.
 * @cssprop --review-fg - Text.
 * @cssprop --review-muted - Times, hints, counts.
 * @cssprop --review-border - Dividers and inputs.
 * @cssprop --review-danger - Errors, failed comments, delete confirmation.
 * @cssprop --review-radius - Corner radius.
 * @cssprop --review-space - Spacing unit.
 * @cssprop --review-font - Font family.
 * @attr clip-id - The clip (media object id); without it the session's current clip.
 * @attr undo-delay - Milliseconds a delete can be undone before it is sent (default 5000; 0: no undo).
 */
export class CommentThread extends ReviewElement {
  static override styles = styles;

  /**
   * Registers `<review-comment-composer>`. The define module sets it to a dynamic import, so the composer
   * is a chunk of its own that a reader who may not write never downloads; the thread calls it the first
   * time it shows a composer, and `updateComplete` waits for it. A page that registers the tags itself
   * registers the composer too, as before.
   */
  static loadComposer: () => Promise<unknown> = async () => undefined;
  /** One registration for every thread on the page; a failure lets the next attempt try again. */
  static #composerRegistration: Promise<unknown> | null = null;

  readonly #composer = new OnDemand(this, async () => {
    CommentThread.#composerRegistration ??= (this.constructor as typeof CommentThread).loadComposer().catch((err: unknown) => {
      CommentThread.#composerRegistration = null;
      throw err;
    });
    await CommentThread.#composerRegistration;
    return true;
  });

  @consume({ context: sessionContext, subscribe: true })
  @state()
  private session?: SessionState;

  /**
   * Where the player is. It changes every frame while the player plays: the thread re-renders only when
   * what its frame labels show changes (clip, rate, time format, numbering), not for the frame itself. The
   * one text that follows the frame, the new-comment composer's "New comment at …", is set on its own.
   */
  readonly #playhead = new ContextSubscription(this, playheadContext, (next) => {
    const shown = this.#playheadShown;
    this.#playheadShown = next;
    if (
      !shown ||
      next.clipId !== shown.clipId ||
      next.frameCount !== shown.frameCount ||
      next.frameRate !== shown.frameRate ||
      next.timeFormat !== shown.timeFormat ||
      next.frameOffset !== shown.frameOffset ||
      next.timecodeStart !== shown.timecodeStart
    )
      return true;
    const composer = this.renderRoot?.querySelector<ReviewCommentComposer>('review-comment-composer[mode="new"]');
    if (composer) composer.label = this.#newCommentLabel();
    return false;
  });
  #playheadShown: PlayheadState | undefined;

  private get playhead(): PlayheadState | undefined {
    return this.#playhead.value;
  }

  /** The review store's navigation: the selected comment (selected through a `review-comment-select` request). */
  @consume({ context: navigationContext, subscribe: true })
  @state()
  private navigation?: NavigationState;

  /** The clip whose comments are shown; null follows the session's current clip. */
  @property({ attribute: 'clip-id', type: Number }) clipId: Id | null = null;
  /** Milliseconds during which a delete can be undone before the request is sent; 0 disables Undo. */
  @property({ attribute: 'undo-delay', type: Number }) undoDelay = 5000;
  /** A drawing to attach to the comment being composed (same as a `review-drawing-change` event). */
  @property({ attribute: false }) drawing: Drawing | null = null;

  @state() private _filterText = '';
  @state() private _filterTag = '';
  @state() private _filterAuthor = '';
  @state() private _sort: CommentSort = 'frame';
  @state() private _replyTo: Id | null = null;
  @state() private _editingId: Id | null = null;
  @state() private _editInitial = '';
  @state() private _editProblem: EditProblem | null = null;
  @state() private _confirmDeleteId: Id | null = null;
  @state() private _undo: ClipAnnotation | null = null;
  @state() private _exportOpen = false;
  /** Whether an export keeps the internal notes (marked `[Internal]`); off: a file safe to forward. */
  @state() private _exportInternal = false;
  @state() private _announcement = '';
  /** The picture open in the viewer: a note's pictures and which one. */
  @state() private _viewer: { commentId: Id; index: number } | null = null;
  /** The attachment whose delete is being confirmed. */
  @state() private _confirmFileId: Id | null = null;
  @state() private _fileError = '';
  @state() private _now = Date.now();

  readonly #comments = new StoreController<CommentsState>(this, () => commentsStoreFor(this.session, this.#clipId));
  /** The clip (its frame rate for timecodes when the player shows another clip, its name for exports): the session's one store of it. */
  readonly #clipStore = new StoreController<ClipState>(this, () => clipStoreFor(this.session, this.#clipId));
  /** The files on the clip's notes, when the backend has them (capability `attachments`). */
  readonly #attachments = new StoreController<AttachmentsState>(this, () =>
    this.#filesOffered ? attachmentsStoreFor(this.session, this.#clipId) : undefined,
  );
  #clock: ReturnType<typeof setInterval> | undefined;
  /** The store's last frame request seen: a new one (a selection from anywhere) scrolls to the selected comment. */
  #seenFrameRequest = 0;
  #scrollToSelected = false;
  #clipRequested: Id | null = null;
  #focusAfterUpdate: string | null = null;
  /** The comment's version when the open edit started. */
  #editVersion: number | null = null;
  #view: ThreadView | null = null;
  /** The comments store last seen live: when it goes offline the header says it is reconnecting. */
  #liveStore: CommentsStore | null = null;
  /** A comment just sent (its temporary id), to scroll into view once it is listed. */
  #revealSent: Id | null = null;
  readonly #rows = new VirtualList<CommentThreadGroup>(this, {
    scroller: () => this.renderRoot.querySelector('.scroll'),
    list: () => this.renderRoot.querySelector('.list'),
    key: (t) => t.rootId,
    renderAllUpTo: RENDER_ALL_UP_TO,
    estimate: 120,
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.#clock = setInterval(() => (this._now = Date.now()), 60_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
  }

  /** The threads currently listed (after filter and sort), for hosts and tests. */
  get threads(): readonly CommentThreadGroup[] {
    return this.#computeView().threads;
  }

  get #clipId(): Id | null {
    return this.clipId ?? this.session?.currentClipId ?? null;
  }

  get #state(): CommentsState | undefined {
    return this.#comments.state;
  }

  get #rights() {
    return this.session?.rights ?? [];
  }

  get #filesOffered(): boolean {
    return !!this.session?.api?.listAttachments && offers(this.session.capabilities, 'attachments');
  }

  /** Whether the composers take files: the backend takes uploads, and the user may write. */
  get #canAttach(): boolean {
    return this.#filesOffered && !!this.session?.api?.uploadAttachment && this.#canCreate;
  }

  get #canCreate(): boolean {
    return !!this.session?.me && canCreateComment(this.#rights);
  }

  #canEdit(c: ClipAnnotation): boolean {
    return c.id > 0 && canEditComment(this.#rights, this.session?.me?.user.id, c);
  }

  #repliesOf(c: ClipAnnotation): ClipAnnotation[] {
    return c.relatedToId == null ? (this.#state?.comments ?? []).filter((r) => r.relatedToId === c.id) : [];
  }

  /** Deleting this root leaves the replies of others (the server keeps it as a tombstone above them). */
  #keepsReplies(c: ClipAnnotation): boolean {
    return this.#repliesOf(c).some((r) => r.id > 0 && !this.#canEdit(r));
  }

  get #isClient(): boolean {
    return isClientViewer(this.session?.me);
  }

  /** A share link that does not show the comments. */
  get #hiddenByShare(): boolean {
    const share = this.session?.me?.share;
    return !!share && !share.commentsVisible;
  }

  /** Resolves once this update is done and, if it shows a composer, once the composer is registered. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    return (await this.#composer.whenSettled()) ? super.getUpdateComplete() : done;
  }

  /**
   * A composer's template once the composer is registered; until then a box of its height, so the layout
   * does not jump, and nothing typed or drawn goes to an element that is not listening yet.
   */
  #composerOr(template: TemplateResult, kind: 'new' | 'reply' | 'edit') {
    return customElements.get('review-comment-composer')
      ? template
      : html`<div class="composer-placeholder ${kind}" aria-busy="true"></div>`;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const showsComposer = this.#canCreate || this._replyTo != null || this._editingId != null;
    if (showsComposer && !customElements.get('review-comment-composer')) this.#composer.load();
    const s = this.session;
    const frameRequest = this.navigation?.wantedFrame?.seq ?? 0;
    if (frameRequest !== this.#seenFrameRequest) {
      this.#seenFrameRequest = frameRequest;
      if (this.#selectedId != null) this.#scrollToSelected = true;
    }
    const clipId = this.#clipId;
    if (s?.api && clipId != null && clipId !== this.#clipRequested) {
      this.#clipRequested = clipId;
      this.#closeTransient();
    }
    if (changed.has('clipId') && this.clipId == null && clipId == null) this.#clipRequested = null;
    if (this.#state?.live) this.#liveStore = this.#store() ?? null;
    if (this.#revealSent != null) {
      const id = this.#revealSent;
      this.#revealSent = null;
      const index = this.#computeView().threads.findIndex((t) => t.rootId === id || t.replies.some((r) => r.id === id));
      // Sorted by frame, a note at a later frame lands below the fold: show it, so the user sees it sending.
      if (index >= 0) this.#rows.reveal(index);
    }
    if (this.#scrollToSelected && this.#selectedId != null && this.#state?.comments.length) {
      const index = this.#computeView().threads.findIndex(
        (t) => t.rootId === this.#selectedId || t.replies.some((r) => r.id === this.#selectedId),
      );
      if (index >= 0) {
        this.#scrollToSelected = false;
        this.#rows.reveal(index); // rendered and scrolled to in this update, even far off screen
      } else if (this.#state.status === 'ready') {
        this.#scrollToSelected = false; // filtered out or gone
      }
    }
  }

  protected override updated(): void {
    if (this.#focusAfterUpdate) {
      this.#focusSoon(this.#focusAfterUpdate);
      this.#focusAfterUpdate = null;
    }
  }

  /** Focuses `selector` once it is rendered and focusable: a composer renders its field an update later. */
  #focusSoon(selector: string, tries = 10): void {
    const el = this.renderRoot.querySelector<HTMLElement>(selector);
    if (el) el.focus();
    else if (tries > 0) requestAnimationFrame(() => this.#focusSoon(selector, tries - 1));
  }

  // — derived data —

  #computeView(): ThreadView {
    const state = this.#state;
    const comments = state?.comments ?? [];
    const key = [comments, this._filterText, this._filterTag, this._filterAuthor, this._sort, this.#isClient];
    if (this.#view && this.#view.key.every((k, i) => Object.is(k, key[i]))) return this.#view;
    const visible = this.#isClient ? comments.filter((c) => !c.customFields?.internal) : comments;
    const tags = new Set<string>();
    const authors = new Map<Id, string>();
    for (const c of visible) {
      for (const t of c.tags) tags.add(t);
      if (!authors.has(c.creatorId)) authors.set(c.creatorId, c.creatorName ?? msg(str`User ${c.creatorId}`));
    }
    const text = this._filterText.trim().toLowerCase();
    const tag = this._filterTag;
    const author = this._filterAuthor ? Number(this._filterAuthor) : null;
    const filtering = !!(text || tag || author != null);
    const matches = (c: ClipAnnotation) =>
      (!tag || c.tags.includes(tag)) && (author == null || c.creatorId === author) && (!text || haystack(c).includes(text));
    let threads = groupThreads(visible);
    // A thread stays whole when any of its comments matches, so a matching reply keeps its context.
    if (filtering) threads = threads.filter((t) => (t.root && matches(t.root)) || t.replies.some(matches));
    if (this._sort !== 'frame') {
      const sign = this._sort === 'newest' ? -1 : 1;
      threads = [...threads].sort((a, b) => sign * cmpIso(firstOf(a).created, firstOf(b).created));
    }
    this.#view = {
      key,
      threads,
      tags: [...tags].sort((a, b) => a.localeCompare(b)),
      authors: [...authors].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name)),
    };
    return this.#view;
  }

  #frameLabel(frame: number): string {
    const p = this.playhead;
    const clipId = this.#clipId;
    const rate = (p?.clipId === clipId ? p?.frameRate : null) ?? this.#clip?.media.frameRate ?? null;
    const format = rate ? (p?.timeFormat ?? 'frames') : 'frames';
    const sameClip = p?.clipId === clipId;
    return formatFrame(frame, { format, frameRate: rate, frameOffset: p?.frameOffset ?? 0, timecodeStart: sameClip ? p.timecodeStart : 0 });
  }

  /** The frame as read aloud: "frame 12" for frame numbers, the timecode or seconds as they are. */
  #frameSpoken(frame: number): string {
    const label = this.#frameLabel(frame);
    return /^\d+$/.test(label) ? msg(str`frame ${label}`) : label;
  }

  /**
   * The frame a new comment is pinned to: the player's, when it shows this clip. While versions are compared
   * (the session's `navigation.compare`), it names the version the note goes to.
   */
  #newCommentLabel(): string {
    const compare = this.navigation?.compare;
    const clip = this.#clip;
    if (compare && clip && compare.notesOn === clip.id && (compare.a === clip.id || compare.b === clip.id)) {
      const version = versionNameShown(clip, this.session?.settings);
      const side = compare.a === clip.id ? 'A' : 'B';
      return this.#still
        ? msg(str`New comment on ${side}: ${version}`)
        : msg(str`New comment on ${side}: ${version}, at ${this.#frameSpoken(this.#pinFrame())}`);
    }
    return this.#still ? msg('New comment on the image') : msg(str`New comment at ${this.#frameSpoken(this.#pinFrame())}`);
  }

  /** A still image has no time: its notes show no frame or timecode. */
  get #still(): boolean {
    const clip = this.#clip;
    return clip ? isStill(clip.media) : false;
  }

  #pinFrame(): number {
    const p = this.playhead;
    const frame = p && (p.clipId == null || p.clipId === this.#clipId) ? p.frame : 0;
    const count = this.#clip?.media.frameCount ?? p?.frameCount ?? 0;
    return Math.max(0, count > 0 ? Math.min(frame, count - 1) : frame);
  }

  #draftKey(suffix = ''): string | null {
    const api = this.session?.api;
    const clipId = this.#clipId;
    return api && clipId != null ? `${api.productionId}:${clipId}${suffix}` : null;
  }

  // — render —

  protected override render() {
    const session = this.session;
    const clipId = this.#clipId;
    const state = this.#state;
    const view = this.#computeView();
    const count = view.threads.reduce((n, t) => n + (t.root ? 1 : 0) + t.replies.length, 0);
    const total = (state?.comments ?? []).filter((c) => !this.#isClient || !c.customFields?.internal).length;
    const filtering = !!(this._filterText.trim() || this._filterTag || this._filterAuthor);
    // Everything in one column frame: the layout holds even when the page sets "display: block" on the tag.
    return html`<div class="frame">
      <header part="header">
        <h2 part="title" id="title">
          ${msg('Comments')}
          <span class="count">${filtering ? msg(str`(${count} of ${total})`) : total ? `(${total})` : ''}</span>
        </h2>
        <span class="connection" role="status">${this.#renderConnection(state)}</span>
        <span class="grow"></span>
        ${clipId != null && total > 0 && offers(this.session?.capabilities, 'exports') ? this.#renderExport() : nothing}
        ${total > 0 ? this.#renderToolbar(view) : nothing}
      </header>
      <div class="sr-only" role="status" aria-live="polite">${this._announcement}</div>
      <div class="scroll">${this.#renderBody(session, clipId, state, view, filtering)}</div>
      ${this.#renderViewer()}
      ${
        this._undo
          ? html`<div part="toast" role="status">
            <span class="grow">${msg('Comment deleted.')}</span>
            <button type="button" class="button undo" @click=${this.#undoDelete}>${msg('Undo')}</button>
          </div>`
          : nothing
      }
      ${
        clipId != null && this.#canCreate && state && state.status !== 'error'
          ? this.#composerOr(
              html`<review-comment-composer
            part="composer"
            exportparts="textarea: composer-textarea, submit: composer-submit, picker: composer-picker"
            mode="new"
            ?allow-files=${this.#canAttach}
            label=${this.#newCommentLabel()}
            submit-label=${msg('Send')}
            placeholder=${msg('Write a comment…')}
            draft-key=${this.#draftKey() ?? ''}
            allow-spot
            ?allow-internal=${!!session?.me && !isClientViewer(session.me)}
            .drawing=${this.drawing}
            .knownTags=${view.tags}
            @comment-composer-submit=${this.#onCreate}
          ></review-comment-composer>`,
              'new',
            )
          : nothing
      }
      ${
        clipId != null && session?.me && !this.#canCreate && state?.status === 'ready' && !this.#hiddenByShare
          ? html`<p part="read-only">
            ${
              this.#isClient
                ? msg('You can read these comments but cannot add any here.')
                : msg('You can read notes here but not write them. Ask a production admin if you need to.')
            }
          </p>`
          : nothing
      }
    </div>`;
  }

  /** "Live" while changes stream in; "Offline — reconnecting…" once a live stream dropped, until it is back. */
  #renderConnection(state: CommentsState | undefined) {
    if (!state) return nothing;
    if (state.live && state.status === 'ready') {
      return html`<span class="live" title=${msg('New comments appear as they are made')}>${msg('Live')}</span>`;
    }
    if (!state.live && this.#liveStore !== null && this.#liveStore === this.#store()) {
      return html`<span class="reconnecting" title=${msg('Comments made elsewhere show up once the connection is back.')}
        >${msg('Offline — reconnecting…')}</span
      >`;
    }
    return nothing;
  }

  #renderBody(
    session: SessionState | undefined,
    clipId: Id | null,
    state: CommentsState | undefined,
    view: ThreadView,
    filtering: boolean,
  ) {
    if (!session || session.status === 'loading' || session.status === 'idle') {
      return html`<div part="loading" class="notice" role="status" aria-busy="true">${msg('Loading comments…')}</div>`;
    }
    if (session.status === 'error') {
      return html`<div part="error" role="alert"><strong>${msg('Comments are unavailable.')}</strong> ${session.error?.message ?? ''}</div>`;
    }
    if (clipId == null) return html`<p class="notice">${msg('Select a clip to see its comments.')}</p>`;
    if (!state || state.status === 'idle' || (state.status === 'loading' && state.comments.length === 0)) {
      return html`<div part="loading" class="notice" role="status" aria-busy="true">${msg('Loading comments…')}</div>`;
    }
    if (state.status === 'error') {
      return html`<div part="error" role="alert">
        <p title=${this.#technical(state.error)}><strong>${msg('Could not load the comments.')}</strong> ${state.error ? capitalised(this.#message(state.error)) : ''}</p>
        <button type="button" class="button" @click=${() => void this.#store()?.load()}>
          ${msg('Retry')}
        </button>
      </div>`;
    }
    const hiddenByShare = this.#hiddenByShare;
    if (view.threads.length === 0 && !filtering) {
      return html`<div part="empty" class="notice">
        <slot name="empty"
          >${
            hiddenByShare
              ? msg('Comments are not shown for this review.')
              : this.#canCreate
                ? msg('No comments yet — be the first to leave one.')
                : msg('No comments yet.')
          }</slot
        >
      </div>`;
    }
    if (view.threads.length === 0) {
      return html`<div class="notice">
        <p>${msg('No comments match the filter.')}</p>
        <button type="button" class="button" @click=${this.#clearFilters}>${msg('Clear filters')}</button>
      </div>`;
    }
    const setSize = view.threads.length;
    return html`
      <div class="list" part="list" role="list" aria-labelledby="title">
        ${this.#rows.render(view.threads, (t, i) => this.#renderThread(t, i, setSize))}
      </div>
      ${state.status === 'loading' ? html`<p class="loading-more" role="status">${msg(str`Loading more comments… (${state.comments.length} of ${state.total})`)}</p>` : nothing}
    `;
  }

  #renderToolbar(view: ThreadView) {
    return html`<div part="toolbar" role="group" aria-label=${msg('Filter and sort comments')}>
      <input
        type="search"
        aria-label=${msg('Filter comments by text')}
        placeholder=${msg('Filter…')}
        .value=${this._filterText}
        @input=${(e: Event) => (this._filterText = (e.target as HTMLInputElement).value)}
      />
      ${
        view.tags.length
          ? html`<select aria-label=${msg('Filter by tag')} @change=${(e: Event) => (this._filterTag = (e.target as HTMLSelectElement).value)}>
            <option value="" .selected=${!this._filterTag}>${msg('All tags')}</option>
            ${view.tags.map((t) => html`<option value=${t} .selected=${t === this._filterTag}>#${t}</option>`)}
          </select>`
          : nothing
      }
      <select aria-label=${msg('Filter by author')} @change=${(e: Event) => (this._filterAuthor = (e.target as HTMLSelectElement).value)}>
        <option value="" .selected=${!this._filterAuthor}>${msg('All authors')}</option>
        ${view.authors.map((a) => html`<option value=${String(a.id)} .selected=${String(a.id) === this._filterAuthor}>${a.name}</option>`)}
      </select>
      <select aria-label=${msg('Sort comments')} @change=${(e: Event) => (this._sort = (e.target as HTMLSelectElement).value as CommentSort)}>
        <option value="frame" .selected=${this._sort === 'frame'}>${msg('By frame')}</option>
        <option value="newest" .selected=${this._sort === 'newest'}>${msg('Newest first')}</option>
        <option value="oldest" .selected=${this._sort === 'oldest'}>${msg('Oldest first')}</option>
      </select>
    </div>`;
  }

  #renderExport() {
    return html`<div class="menu-wrap" @focusout=${this.#onMenuFocusOut} @keydown=${this.#onMenuKeydown}>
      <button
        type="button"
        class="button"
        part="export-button"
        id="export-button"
        aria-haspopup="menu"
        aria-expanded=${this._exportOpen ? 'true' : 'false'}
        aria-controls="export-menu"
        @click=${() => this.#toggleExport(!this._exportOpen)}
      >
        ${msg('Export')}
      </button>
      ${
        this._exportOpen
          ? html`<div role="menu" id="export-menu" part="export-menu" aria-labelledby="export-button">
            ${
              this.#isClient
                ? nothing
                : html`<button
                    type="button"
                    class="button ghost internal-choice"
                    role="menuitemcheckbox"
                    tabindex="-1"
                    aria-checked=${this._exportInternal ? 'true' : 'false'}
                    @click=${() => (this._exportInternal = !this._exportInternal)}
                  >
                    <span aria-hidden="true">${this._exportInternal ? '☑' : '☐'}</span>
                    ${msg('Include internal notes, marked “[Internal]”')}
                  </button>`
            }
            ${exportItems(offers(this.session?.capabilities, 'markers')).map(
              (x) => html`<button type="button" class="button ghost" role="menuitem" tabindex="-1" @click=${() => this.#export(x.format)}>
                ${x.label}
              </button>`,
            )}
          </div>`
          : nothing
      }
    </div>`;
  }

  #renderThread(t: CommentThreadGroup, index: number, setSize: number): TemplateResult {
    // A tombstone (a deleted root kept for the replies of others) shows like a missing root, said plainly.
    const root = t.root?.customFields?.deleted ? undefined : t.root;
    const canReply = this.#canCreate && !!root && root.id > 0;
    const replying = this._replyTo === t.rootId;
    return html`<div class="thread" part="thread" role="listitem" aria-posinset=${index + 1} aria-setsize=${setSize}>
      ${
        root
          ? this.#renderComment(root, true)
          : html`<h3 class="deleted-root">${t.root ? msg('This comment was deleted.') : msg('Replies to a deleted comment')}</h3>`
      }
      ${
        t.replies.length
          ? html`<ul class="replies" aria-label=${t.replies.length === 1 ? msg('1 reply') : msg(str`${t.replies.length} replies`)}>
            ${t.replies.map((r) => html`<li>${this.#renderComment(r, false)}</li>`)}
          </ul>`
          : nothing
      }
      ${
        canReply && replying
          ? this.#composerOr(
              html`<review-comment-composer
            class="reply-box"
            mode="reply"
            ?allow-files=${this.#canAttach}
            label=${root!.creatorName ? msg(str`Reply to ${root!.creatorName}`) : msg('Reply to this comment')}
            submit-label=${msg('Reply')}
            draft-key=${this.#draftKey(`:reply:${t.rootId}`) ?? ''}
            .knownTags=${this.#computeView().tags}
            @comment-composer-submit=${(e: CustomEvent<ComposerSubmitDetail>) => this.#onReply(root!, e)}
            @comment-composer-cancel=${() => this.#closeReply(t.rootId)}
          ></review-comment-composer>`,
              'reply',
            )
          : canReply
            ? html`<div class="actions">
              <button type="button" class="button ghost reply" data-reply=${t.rootId} @click=${() => this.#openReply(t.rootId)}
                aria-label=${root!.creatorName ? msg(str`Reply to ${root!.creatorName}`) : msg('Reply to this comment')}>
                ${msg('Reply')}
              </button>
            </div>`
            : nothing
      }
    </div>`;
  }

  #renderComment(c: ClipAnnotation, isRoot: boolean): TemplateResult {
    const pending = this.#state?.pending.get(c.id);
    const selected = this.#selectedId === c.id;
    const editing = this._editingId === c.id;
    const author = c.creatorName ?? msg(str`User ${c.creatorId}`);
    // "frame 12", not a bare "12" that reads as a count; a timecode or seconds shows as it is.
    const spoken = this.#frameSpoken(c.start);
    const locale = this.session?.locale ?? 'en';
    const parts = [
      'comment',
      selected ? 'comment-selected' : '',
      pending?.state === 'failed' ? 'comment-failed' : pending ? 'comment-pending' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const still = this.#still;
    const authorEl = isRoot
      ? html`<h3 class="author" part="author">${author}${still ? nothing : html`<span class="sr-only">${msg(str`, comment at ${spoken}`)}</span>`}</h3>`
      : html`<span class="author" part="author">${author}</span>`;
    // Who wrote it as a client, whatever name they gave at the share gate.
    const clientBadge =
      c.creatorKind === 'client'
        ? html`<span class="badge client" part="client-badge" title=${msg('Written by a client of the studio')}>${msg('Client')}</span>`
        : nothing;
    // The click on the card is a shortcut for the pointer; the keyboard selects through the frame button inside.
    // eslint-disable-next-line lit-a11y/click-events-have-key-events
    return html`<article
      class="comment ${pending?.state === 'failed' ? 'failed' : pending ? 'sending' : ''}"
      part=${parts}
      data-comment-id=${c.id}
      aria-current=${selected ? 'true' : nothing}
      aria-label=${
        still
          ? isRoot
            ? msg(str`Comment by ${author}`)
            : msg(str`Reply by ${author}`)
          : isRoot
            ? msg(str`Comment by ${author} at ${spoken}`)
            : msg(str`Reply by ${author} at ${spoken}`)
      }
      @click=${(e: Event) => this.#onCommentClick(e, c)}
    >
      <div class="meta">
        ${authorEl} ${clientBadge}
        ${
          still
            ? nothing
            : html`<button type="button" class="button ghost" part="frame" aria-label=${msg(str`Go to ${spoken} (comment by ${author})`)} @click=${() => this.#select(c)}>
                ${spoken}
              </button>`
        }
        <time part="time" datetime=${c.created} title=${formatDateTime(c.created, locale, true)}>${formatRelativeTime(c.created, locale, this._now)}</time>
        ${c.modified !== c.created && c.version > 1 ? html`<span class="state">${msg('(edited)')}</span>` : nothing}
        ${c.customFields?.internal ? html`<span class="badge internal" part="badge">${msg('Internal')}</span>` : nothing}
        ${c.customFields?.drawing?.shapes?.length ? html`<span class="badge" part="badge" title=${msg('Has a drawing')}><span aria-hidden="true">✎</span> ${msg('Drawing')}</span>` : nothing}
        ${c.spatial ? html`<span class="badge" part="badge" title=${msg('Has a spot on the frame')}><span aria-hidden="true">◎</span> ${msg('Spot')}</span>` : nothing}
        ${this.#renderPendingState(pending)}
      </div>
      ${editing ? this.#renderEditor(c) : html`<p class="text" part="text">${this.#renderText(c.description)}</p>`}
      ${this.#renderFiles(c)}
      ${this.#renderProblem(c, pending)}
      ${editing ? nothing : this.#renderActions(c, pending)}
    </article>`;
  }

  #renderFiles(c: ClipAnnotation) {
    const state = this.#attachments.state;
    if (!state || c.id < 0) return nothing;
    const files = state.byComment.get(c.id) ?? [];
    const uploads = state.uploads.filter((u) => u.commentId === c.id);
    if (files.length === 0 && uploads.length === 0) return nothing;
    const locale = this.session?.locale ?? 'en';
    const canEdit = this.#canEdit(c) && !!this.session?.api?.deleteAttachment;
    const pictures = files.filter(isImageAttachment);
    return html`<ul class="files" part="files" aria-label=${msg('Attachments')}>
      ${files.map((a) => {
        const deleting = state.deleting.has(a.id);
        const open = isImageAttachment(a)
          ? html`<button type="button" class="file-open" part="file" aria-label=${msg(str`Open ${a.name}`)} @click=${() => this.#openViewer(c.id, pictures.indexOf(a))}>
              <img src=${a.thumbnailUrl ?? a.url} alt=${a.name} loading="lazy" width="96" height="72" />
            </button>`
          : html`<a class="file-open doc" part="file" href=${a.url} target="_blank" rel="noopener noreferrer" download=${a.name}
              ><span class="badge" aria-hidden="true">${msg('PDF')}</span> ${a.name} <span class="size">${formatBytes(a.size, locale)}</span></a
            >`;
        const confirm =
          this._confirmFileId === a.id
            ? html`<div class="confirm" part="confirm" role="group" aria-label=${msg('Confirm delete')}>
                <span class="grow">${msg(str`Delete ${a.name}?`)}</span>
                <button type="button" class="button danger confirm-file-delete" @click=${() => this.#deleteFile(a)}>${msg('Delete')}</button>
                <button type="button" class="button cancel-file-delete" @click=${() => (this._confirmFileId = null)}>${msg('Cancel')}</button>
              </div>`
            : nothing;
        return html`<li class="file ${deleting ? 'sending' : ''}" data-attachment-id=${a.id}>
          ${open}
          ${
            canEdit && this._confirmFileId !== a.id
              ? html`<button type="button" class="button ghost icon file-delete" ?disabled=${deleting} aria-label=${msg(str`Delete ${a.name}`)} @click=${() => (this._confirmFileId = a.id)}>✕</button>`
              : nothing
          }
          ${confirm}
        </li>`;
      })}
      ${uploads.map((u) => this.#renderUpload(u))}
    </ul>`;
  }

  #renderUpload(u: AttachmentUpload) {
    if (u.state === 'sending') {
      return html`<li class="upload" part="upload">
        <span>${msg(str`Attaching ${u.name}…`)}</span>
        <progress aria-label=${msg(str`Attaching ${u.name}`)}></progress>
      </li>`;
    }
    const locale = this.session?.locale ?? 'en';
    const why =
      u.error?.status === 413
        ? msg(str`it is over ${formatBytes(10_000_000, locale)}`)
        : u.error?.status === 415
          ? msg('it is not a PNG, JPEG, WebP or GIF image, or a PDF')
          : this.#reason(u.error);
    return html`<li class="upload problem" part="upload" role="alert">
      <span class="grow" title=${this.#technical(u.error)}>${msg(str`${u.name} not attached: ${why}`)}</span>
      <button type="button" class="button ghost" @click=${() => attachmentsStoreFor(this.session, this.#clipId)?.dismissUpload(u.key)}>${msg('Dismiss')}</button>
    </li>`;
  }

  #deleteFile(a: NoteAttachment): void {
    this._confirmFileId = null;
    this._fileError = '';
    attachmentsStoreFor(this.session, this.#clipId)
      ?.remove(a)
      .then(
        () => this.#announce(msg(str`${a.name} deleted.`)),
        (err: unknown) => {
          this._fileError = msg(str`Could not delete ${a.name}: ${this.#message(err)}`);
          this.#announce(this._fileError);
        },
      );
  }

  /** The pictures of the note open in the viewer. */
  get #viewerPictures(): readonly NoteAttachment[] {
    const v = this._viewer;
    return v ? (this.#attachments.state?.byComment.get(v.commentId) ?? []).filter(isImageAttachment) : [];
  }

  #openViewer(commentId: Id, index: number): void {
    this.#viewerOpener = this.shadowRoot?.activeElement as HTMLElement | null;
    this._viewer = { commentId, index: Math.max(0, index) };
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog.viewer');
      if (dialog && !dialog.open) dialog.showModal();
    });
  }

  #viewerOpener: HTMLElement | null = null;

  #closeViewer = (): void => {
    this._viewer = null;
    // Back to the thumbnail that opened it.
    this.#viewerOpener?.focus();
    this.#viewerOpener = null;
  };

  #stepViewer(delta: number): void {
    const v = this._viewer;
    const n = this.#viewerPictures.length;
    if (!v || n < 2) return;
    this._viewer = { ...v, index: (v.index + delta + n) % n };
  }

  #onViewerKey = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowRight') this.#stepViewer(1);
    else if (e.key === 'ArrowLeft') this.#stepViewer(-1);
    else return;
    e.preventDefault();
  };

  #renderViewer() {
    const pictures = this.#viewerPictures;
    const v = this._viewer;
    const a = v ? pictures[Math.min(v.index, pictures.length - 1)] : undefined;
    if (!v || !a) return html`${this._fileError ? html`<p class="problem" part="problem" role="alert">${this._fileError}</p>` : nothing}`;
    const n = pictures.length;
    // Esc closes a modal <dialog> by itself (its `close` event ends the viewer); the arrows step.
    return html`<dialog class="viewer" part="viewer" aria-label=${a.name} @close=${this.#closeViewer} @keydown=${this.#onViewerKey}>
      <div class="viewer-bar">
        <span class="grow viewer-name">${a.name}</span>
        ${n > 1 ? html`<span class="viewer-count">${msg(str`${v.index + 1} of ${n}`)}</span>` : nothing}
        <a class="button ghost" href=${a.url} target="_blank" rel="noopener noreferrer">${msg('Open original')}</a>
        <button type="button" class="button ghost viewer-close" aria-label=${msg('Close')} @click=${() => this.renderRoot.querySelector<HTMLDialogElement>('dialog.viewer')?.close()}>✕</button>
      </div>
      <div class="viewer-stage">
        ${n > 1 ? html`<button type="button" class="button ghost viewer-prev" aria-label=${msg('Previous picture')} @click=${() => this.#stepViewer(-1)}>‹</button>` : nothing}
        <img class="viewer-image" src=${a.url} alt=${a.name} width=${a.width ?? nothing} height=${a.height ?? nothing} />
        ${n > 1 ? html`<button type="button" class="button ghost viewer-next" aria-label=${msg('Next picture')} @click=${() => this.#stepViewer(1)}>›</button>` : nothing}
      </div>
    </dialog>`;
  }

  #renderPendingState(pending: PendingChange | undefined) {
    if (!pending) return nothing;
    if (pending.kind === 'create' && pending.state === 'sending') return html`<span class="state" part="state">${msg('Sending…')}</span>`;
    if (pending.kind === 'update') return html`<span class="state" part="state">${msg('Saving…')}</span>`;
    return nothing;
  }

  #renderText(description: string) {
    return descriptionPieces(description).map((p) => {
      switch (p.type) {
        case 'mention':
          return html`<span class="chip mention" part="mention">@${p.name}</span>`;
        case 'tag':
          return html`<span class="chip tag" part="tag">#${p.tag}</span>`;
        case 'link':
          return html`<a href=${p.href} target="_blank" rel="noopener noreferrer nofollow ugc">${p.text}</a>`;
        default:
          return p.text;
      }
    });
  }

  #renderEditor(c: ClipAnnotation) {
    const conflict = this._editProblem?.kind === 'conflict';
    return html`${conflict ? html`<p class="text" part="text"><strong>${msg('Current version:')}</strong> ${this.#renderText(c.description)}</p>` : nothing}
      ${this.#composerOr(
        html`<review-comment-composer
          class="editor"
          mode="edit"
          ?allow-files=${this.#canAttach}
          label=${msg('Edit comment')}
          submit-label=${msg('Save')}
          draft-key=${this.#draftKey(`:edit:${c.id}`) ?? ''}
          .value=${this._editInitial}
          .knownTags=${this.#computeView().tags}
          message=${this._editProblem ? this.#editProblemText(this._editProblem) : nothing}
          @comment-composer-submit=${(e: CustomEvent<ComposerSubmitDetail>) => this.#onEditSubmit(c, e)}
          @comment-composer-cancel=${() => this.#cancelEdit(c)}
        ></review-comment-composer>`,
        'edit',
      )}`;
  }

  #renderProblem(c: ClipAnnotation, pending: PendingChange | undefined) {
    if (!pending || pending.state !== 'failed') return nothing;
    if (pending.kind === 'create') {
      return html`<div class="problem" part="problem" role="alert">
        <span class="grow" title=${this.#technical(pending.error)}>${msg(str`Not sent: ${this.#reason(pending.error)}`)}</span>
        <button type="button" class="button retry" @click=${() => this.#retry(c)}>${msg('Retry')}</button>
        <button type="button" class="button ghost" @click=${() => this.#editFailed(c)}>${msg('Edit text')}</button>
        <button type="button" class="button ghost" @click=${() => this.#discard(c)}>${msg('Discard')}</button>
      </div>`;
    }
    return html`<div class="problem" part="problem" role="alert">
      <span class="grow" title=${this.#technical(pending.error)}>${msg(str`Could not delete: ${this.#reason(pending.error)}`)}</span>
      <button type="button" class="button ghost" @click=${() => this.#store()?.dismissError(c.id)}>
        ${msg('Dismiss')}
      </button>
    </div>`;
  }

  #renderActions(c: ClipAnnotation, pending: PendingChange | undefined) {
    if (!this.#canEdit(c) || (pending && pending.state !== 'failed')) return nothing;
    if (this._confirmDeleteId === c.id) {
      const replies = this.#repliesOf(c).length;
      const question = this.#keepsReplies(c)
        ? msg('Delete this comment? The replies of others stay.')
        : replies === 1
          ? msg('Delete this comment and its reply?')
          : replies
            ? msg(str`Delete this comment and its ${replies} replies?`)
            : msg('Delete this comment?');
      return html`<div class="confirm" part="confirm" role="group" aria-label=${msg('Confirm delete')}>
        <span class="grow">${question}</span>
        <button type="button" class="button danger confirm-delete" @click=${() => this.#delete(c)}>${msg('Delete')}</button>
        <button type="button" class="button cancel-delete" @click=${() => this.#cancelDelete(c)}>${msg('Cancel')}</button>
      </div>`;
    }
    return html`<div class="actions" part="actions">
      <button type="button" class="button ghost edit" aria-label=${c.creatorName ? msg(str`Edit comment by ${c.creatorName}`) : msg('Edit this comment')} @click=${() => this.#startEdit(c)}>${msg('Edit')}</button>
      <button type="button" class="button ghost delete" aria-label=${c.creatorName ? msg(str`Delete comment by ${c.creatorName}`) : msg('Delete this comment')} @click=${() => this.#askDelete(c)}>
        ${msg('Delete')}
      </button>
    </div>`;
  }

  // — actions —

  #store() {
    return commentsStoreFor(this.session, this.#clipId);
  }

  #announce(message: string): void {
    // Re-announce the same text: clear first so the live region changes.
    this._announcement = '';
    requestAnimationFrame(() => (this._announcement = message));
  }

  get #clip(): Clip | null {
    return displayedClip(this.#clipStore.state);
  }

  /** The selected comment: the review store's, never a copy of it here. */
  get #selectedId(): Id | null {
    return this.navigation?.commentId ?? null;
  }

  /** Asks the session to select `c` (a note still sending has no id yet to select). */
  #select(c: ClipAnnotation): void {
    if (c.id > 0) this.emit('review-comment-select', { comment: c });
  }

  #onCommentClick(e: Event, c: ClipAnnotation): void {
    const target = e.target as Element;
    if (target.closest('button, a, input, textarea, select, label, review-comment-composer')) return;
    if (window.getSelection()?.toString()) return; // the user is selecting text to copy
    this.#select(c);
  }

  #onCreate = (e: CustomEvent<ComposerSubmitDetail>): void => {
    const store = this.#store();
    const me = this.session?.me;
    const clipId = this.#clipId;
    if (!store || !me || clipId == null) return;
    const { text, spot, drawing, internal } = e.detail;
    const input = newComment({
      mediaObjectId: clipId,
      description: text,
      start: this.#pinFrame(),
      // The comment box sits just right of and above the spot, as in the studio's UI.
      spatial: spot ? pointFragment(spot.x, spot.y) : null,
      uiLocation: spot ? formatXywh({ x: spot.x + 2, y: spot.y - 4, w: 20, h: 10 }) : null,
      drawing,
      internal,
    });
    (e.currentTarget as ReviewCommentComposer).clear();
    this.#attachOnceSaved(this.#send(store, input, me.user), e.detail.files);
  };

  #onReply(root: ClipAnnotation, e: CustomEvent<ComposerSubmitDetail>): void {
    const store = this.#store();
    const me = this.session?.me;
    if (!store || !me) return;
    const input = newComment({ mediaObjectId: root.mediaObjectId, description: e.detail.text, start: root.start, relatedToId: root.id });
    (e.currentTarget as ReviewCommentComposer).clear();
    this._replyTo = null;
    this.#focusAfterUpdate = `[data-reply="${root.id}"]`;
    this.#attachOnceSaved(this.#send(store, input, me.user), e.detail.files);
  }

  /** Creates the comment and brings its optimistic copy into view (focus stays where it is). */
  #send(store: CommentsStore, input: NewClipAnnotation, author: User): Promise<ClipAnnotation> {
    const before = new Set(store.state.pending.keys());
    const saving = store.create(input, author);
    this.#revealSent = [...store.state.pending.keys()].find((id) => !before.has(id)) ?? null;
    this.requestUpdate();
    this.#track(saving);
    return saving;
  }

  /** Uploads the files chosen in a composer to the note once the server has saved it (it needs its id). */
  #attachOnceSaved(saving: Promise<ClipAnnotation>, files: readonly File[]): void {
    if (files.length === 0) return;
    const store = attachmentsStoreFor(this.session, this.#clipId);
    saving.then(
      (saved) => {
        for (const f of files) void store?.upload(saved.id, f).then((a) => a && this.#announce(msg(str`${a.name} attached.`)));
      },
      () => undefined, // the note shows why it was not sent; its files go with a retry no more
    );
  }

  #track(saving: Promise<ClipAnnotation>): void {
    this.#announce(msg('Sending comment…'));
    saving.then(
      (saved) => {
        this.#announce(msg('Comment posted.'));
        this.emit('review-comment-created', { comment: saved });
      },
      (err: unknown) => this.#announce(msg(str`Comment not sent: ${this.#message(err)} It is kept in the list with a Retry button.`)),
    );
  }

  #retry(c: ClipAnnotation): void {
    const store = this.#store();
    if (store) this.#track(store.retryCreate(c.id));
  }

  #discard(c: ClipAnnotation): void {
    this.#store()?.discardCreate(c.id);
    this.#announce(msg('Unsent comment discarded.'));
  }

  /** Puts a failed comment's text back into a composer to change it before sending again. */
  #editFailed(c: ClipAnnotation): void {
    if (c.relatedToId != null) {
      writeDraft(this.#draftKey(`:reply:${c.relatedToId}`), { text: c.description });
      this._replyTo = c.relatedToId;
      this.#focusAfterUpdate = '.reply-box';
    } else {
      const composer = this.renderRoot.querySelector<ReviewCommentComposer>('[part="composer"]');
      if (composer) {
        composer.value = c.description;
        writeDraft(this.#draftKey(), { text: c.description });
        this.#focusAfterUpdate = '[part="composer"]';
      }
    }
    this.#store()?.discardCreate(c.id);
  }

  #openReply(rootId: Id): void {
    this._replyTo = rootId;
    this.#focusAfterUpdate = '.reply-box';
  }

  #closeReply(rootId: Id): void {
    this._replyTo = null;
    this.#focusAfterUpdate = `[data-reply="${rootId}"]`;
  }

  #startEdit(c: ClipAnnotation): void {
    this.#store()?.prepareToEdit();
    this._confirmDeleteId = null;
    this.#editVersion = c.version;
    this._editingId = c.id;
    this._editInitial = c.description;
    this._editProblem = null;
    this.#focusAfterUpdate = '.editor';
  }

  #cancelEdit(c: ClipAnnotation): void {
    writeDraft(this.#draftKey(`:edit:${c.id}`), null);
    this._editingId = null;
    this._editProblem = null;
    this.#focusAfterUpdate = `[data-comment-id="${c.id}"] .edit`;
  }

  #onEditSubmit(c: ClipAnnotation, e: CustomEvent<ComposerSubmitDetail>): void {
    const store = this.#store();
    if (!store) return;
    const text = e.detail.text;
    this.#attachOnceSaved(Promise.resolve(c), e.detail.files);
    const key = this.#draftKey(`:edit:${c.id}`);
    writeDraft(key, { text }); // kept until the server confirms
    this._editingId = null;
    this._editProblem = null;
    this.#focusAfterUpdate = `[data-comment-id="${c.id}"] .edit`;
    this.#announce(msg('Saving comment…'));
    // The version the user started from: a change that arrived live meanwhile makes this a 409, not a lost update.
    store.update(c.id, { description: text }, { baseVersion: this.#editVersion ?? undefined }).then(
      (saved) => {
        writeDraft(key, null);
        this.#announce(msg('Comment saved.'));
        this.emit('review-comment-updated', { comment: saved });
      },
      (err: unknown) => {
        const conflict = isReviewApiError(err) && err.status === 409;
        // After a conflict the store shows the other version: saving again replaces that one, knowingly.
        if (conflict) this.#editVersion = store.get(c.id)?.version ?? null;
        this._editingId = c.id;
        this._editInitial = text;
        this._editProblem = conflict ? { kind: 'conflict' } : { kind: 'failed', reason: this.#message(err) };
        this.#focusAfterUpdate = '.editor';
        this.#announce(this.#editProblemText(this._editProblem));
      },
    );
  }

  #askDelete(c: ClipAnnotation): void {
    this._confirmDeleteId = c.id;
    this.#focusAfterUpdate = `[data-comment-id="${c.id}"] .cancel-delete`;
  }

  #cancelDelete(c: ClipAnnotation): void {
    this._confirmDeleteId = null;
    this.#focusAfterUpdate = `[data-comment-id="${c.id}"] .delete`;
  }

  #delete(c: ClipAnnotation): void {
    const store = this.#store();
    if (!store) return;
    this._confirmDeleteId = null;
    const undo = Math.max(0, this.undoDelay || 0);
    if (undo > 0) {
      this._undo = c;
      this.#focusAfterUpdate = '[part="toast"] .undo';
    }
    this.#announce(undo > 0 ? msg('Comment deleted. Undo is available for a few seconds.') : msg('Deleting comment…'));
    store.remove(c.id, undo, { keepReplies: this.#keepsReplies(c) }).then(
      (deleted) => {
        if (this._undo?.id === c.id) this._undo = null;
        if (deleted) this.emit('review-comment-deleted', { comment: deleted });
      },
      (err: unknown) => {
        if (this._undo?.id === c.id) this._undo = null;
        this.#announce(msg(str`Could not delete the comment: ${this.#message(err)}`));
      },
    );
  }

  #undoDelete = (): void => {
    const c = this._undo;
    if (!c) return;
    this._undo = null;
    if (this.#store()?.undoRemove(c.id)) {
      this.#announce(msg('Comment restored.'));
      this.#focusAfterUpdate = `[data-comment-id="${c.id}"] .delete`;
    }
  };

  #clearFilters = (): void => {
    this._filterText = '';
    this._filterTag = '';
    this._filterAuthor = '';
  };

  #closeTransient(): void {
    this._replyTo = null;
    this._editingId = null;
    this._confirmDeleteId = null;
    this._exportOpen = false;
  }

  // — export —

  #toggleExport(open: boolean): void {
    this._exportOpen = open;
    // The first format, not the internal-notes choice above it: Enter at once exports.
    this.#focusAfterUpdate = open ? '[role="menuitem"]' : '#export-button';
  }

  #onMenuKeydown = (e: KeyboardEvent): void => {
    if (!this._exportOpen) return;
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
    const index = items.indexOf(this.shadowRoot?.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      this.#toggleExport(false);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (index + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    }
  };

  #onMenuFocusOut = (e: FocusEvent): void => {
    const wrap = e.currentTarget as HTMLElement;
    if (!wrap.contains(e.relatedTarget as Node | null)) this._exportOpen = false;
  };

  async #export(format: ExportFormat): Promise<void> {
    const store = this.#store();
    const clipId = this.#clipId;
    this.#toggleExport(false);
    if (!store || clipId == null) return;
    try {
      const text = await store.exportAs(format, this.#isClient || !this._exportInternal ? 'omit' : 'mark');
      const blob = new Blob([text], { type: EXPORT_MIME_TYPES[format] });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `${fileSafe(this.#clip?.name ?? `clip-${clipId}`)}-comments.${EXPORT_EXTENSIONS[format]}`;
      a.style.display = 'none';
      this.renderRoot.appendChild(a);
      a.click();
      a.remove();
      // Revoke later: the download may still be reading the URL.
      setTimeout(() => URL.revokeObjectURL(url), 30_000);
      this.#announce(msg(str`Comments exported as ${format.toUpperCase()}.`));
    } catch (err) {
      this.#announce(msg(str`Export failed: ${this.#message(err)}`));
    }
  }

  #editProblemText(problem: EditProblem): string {
    return problem.kind === 'conflict'
      ? msg(
          'Someone else changed this comment while you were editing. Their version is shown above; your text is kept here — save again to replace it, or cancel.',
        )
      : msg(str`Could not save: ${problem.reason} Your text is kept — try again.`);
  }

  /** Why a request failed, in the user's words (a lost connection says so, not which URL failed). */
  #reason(err: Error | null | undefined): string {
    return err ? this.#message(err) : msg('unknown error');
  }

  /** The technical message behind "the server could not be reached" (URL, browser error): a tooltip for support. */
  #technical(err: ReviewApiError | null | undefined): string | typeof nothing {
    return err && unreachable(err) ? err.message : nothing;
  }

  #message(err: unknown): string {
    if (err instanceof ReviewApiError) {
      if (unreachable(err)) return `${msg('the server could not be reached')}.`;
      return err.message.endsWith('.') ? err.message : `${err.message}.`;
    }
    return err instanceof Error ? err.message : String(err);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'comment-thread': CommentThread;
  }
}
