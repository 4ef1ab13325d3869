import { attachmentProblem, type NoteAttachment } from '../contract/attachments.js';
import { ReviewApiError, toApiError } from '../contract/errors.js';
import type { ReviewApi } from '../contract/review-api.js';
import type { Id } from '../contract/types.js';
import type { SessionState } from './context.js';
import { Store } from './store.js';

/** A file on its way to a note, or refused (`error`) until dismissed. */
export interface AttachmentUpload {
  /** Unique per upload. */
  key: number;
  commentId: Id;
  name: string;
  size: number;
  state: 'sending' | 'failed';
  error: ReviewApiError | null;
}

/** One clip's attachments (docs/http-api.md, "Attachments"). An immutable snapshot: never mutate it. */
export interface AttachmentsState {
  clipId: Id;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: ReviewApiError | null;
  /** The attachments of each note, oldest first. */
  byComment: ReadonlyMap<Id, readonly NoteAttachment[]>;
  /** Uploads under way or refused, in the order they started. */
  uploads: readonly AttachmentUpload[];
  /** Ids being deleted. */
  deleting: ReadonlySet<Id>;
}

/**
 * The files on one clip's notes, shared by every element of a session (`attachmentsStoreFor()`): loads
 * them once (`ReviewApi.listAttachments`), uploads to a note and deletes. A backend without the calls
 * leaves it empty and `ready`.
 */
export class AttachmentsStore extends Store<AttachmentsState> {
  readonly #api: ReviewApi;
  #loading: Promise<void> | null = null;
  #seq = 0;
  #unsubscribe: (() => void) | null = null;
  #disposed = false;

  constructor(api: ReviewApi, clipId: Id) {
    super({ clipId, status: 'idle', error: null, byComment: new Map(), uploads: [], deleting: new Set() });
    this.#api = api;
  }

  get supported(): boolean {
    return !!this.#api.listAttachments && !!this.#api.uploadAttachment;
  }

  ensureLoaded(): Promise<void> {
    if (this.state.status === 'idle') {
      this.#follow();
      return this.load();
    }
    return this.#loading ?? Promise.resolve();
  }

  load(): Promise<void> {
    const list = this.#api.listAttachments?.bind(this.#api);
    if (!list) {
      this.setState({ ...this.state, status: 'ready' });
      return Promise.resolve();
    }
    if (this.state.status !== 'ready') this.setState({ ...this.state, status: 'loading' });
    this.#loading = list(this.state.clipId).then(
      (items) => {
        const byComment = new Map<Id, NoteAttachment[]>();
        for (const a of items) byComment.set(a.commentId, [...(byComment.get(a.commentId) ?? []), a]);
        this.setState({ ...this.state, status: 'ready', error: null, byComment });
      },
      (err: unknown) => this.setState({ ...this.state, status: 'error', error: toApiError(err) }),
    );
    return this.#loading;
  }

  /**
   * Uploads `file` to note `commentId`. A file the composer can tell is wrong (too big, not a picture or a
   * PDF) is refused at once, without a request; the backend judges the content. Resolves with the
   * attachment, or null when refused (the upload stays in `uploads` with its error until dismissed).
   */
  async upload(commentId: Id, file: File): Promise<NoteAttachment | null> {
    const key = ++this.#seq;
    const entry: AttachmentUpload = { key, commentId, name: file.name, size: file.size, state: 'sending', error: null };
    const problem = attachmentProblem(file);
    // A file whose declared type is unknown (some systems give none) goes to the backend, which reads its content.
    if (problem && !(problem === 'type' && file.type === '')) {
      const status = problem === 'too-big' ? 413 : problem === 'type' ? 415 : 400;
      const code = problem === 'too-big' ? 'PAYLOAD_TOO_LARGE' : problem === 'type' ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST';
      this.setState({
        ...this.state,
        uploads: [...this.state.uploads, { ...entry, state: 'failed', error: new ReviewApiError(status, code, problem) }],
      });
      return null;
    }
    const send = this.#api.uploadAttachment?.bind(this.#api);
    if (!send) throw new ReviewApiError(0, 'CONFIG', 'this backend takes no attachments');
    this.setState({ ...this.state, uploads: [...this.state.uploads, entry] });
    try {
      const saved = await send(commentId, file, file.name);
      const byComment = new Map(this.state.byComment);
      // The events stream may have brought it first (a reload after its `attachments.changed`).
      const known = byComment.get(commentId) ?? [];
      if (!known.some((a) => a.id === saved.id)) byComment.set(commentId, [...known, saved]);
      this.setState({ ...this.state, byComment, uploads: this.state.uploads.filter((u) => u.key !== key) });
      return saved;
    } catch (err) {
      const error = toApiError(err, 'NETWORK');
      this.setState({ ...this.state, uploads: this.state.uploads.map((u) => (u.key === key ? { ...u, state: 'failed', error } : u)) });
      return null;
    }
  }

  /** Stops following the events stream. */
  dispose(): void {
    this.#disposed = true;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  /** Files attached or deleted elsewhere (another user, another tab) show without a reload. */
  #follow(): void {
    if (this.#unsubscribe || this.#disposed || !this.supported) return;
    const catchUp = this.reloadOnReconnection(() => {
      if (this.state.status === 'ready') void this.load();
    });
    this.#unsubscribe = this.#api.subscribe((event) => {
      if (this.#disposed) return;
      if (event.type === 'attachments.changed' && event.mediaObjectId === this.state.clipId) void this.load();
      else if (event.type === 'comment.deleted' && event.mediaObjectId === this.state.clipId) {
        // The backend deletes a note's files with it.
        const byComment = new Map(this.state.byComment);
        if (event.ids.some((id) => byComment.delete(id))) this.setState({ ...this.state, byComment });
      }
    }, catchUp);
  }

  dismissUpload(key: number): void {
    this.setState({ ...this.state, uploads: this.state.uploads.filter((u) => u.key !== key) });
  }

  /** Deletes an attachment; rejects with the backend's refusal (the attachment stays then). */
  async remove(attachment: NoteAttachment): Promise<void> {
    const del = this.#api.deleteAttachment?.bind(this.#api);
    if (!del) throw new ReviewApiError(0, 'CONFIG', 'this backend cannot delete attachments');
    this.setState({ ...this.state, deleting: new Set([...this.state.deleting, attachment.id]) });
    const done = () => {
      const deleting = new Set(this.state.deleting);
      deleting.delete(attachment.id);
      return deleting;
    };
    try {
      await del(attachment.id);
    } catch (err) {
      const error = toApiError(err, 'NETWORK');
      if (error.status !== 404) {
        this.setState({ ...this.state, deleting: done() });
        throw error;
      }
    }
    const byComment = new Map(this.state.byComment);
    byComment.set(
      attachment.commentId,
      (byComment.get(attachment.commentId) ?? []).filter((a) => a.id !== attachment.id),
    );
    this.setState({ ...this.state, byComment, deleting: done() });
  }
}

/** The session's attachments store of `clipId`, created and loaded on first use. Undefined without an API. */
export function attachmentsStoreFor(
  session: Pick<SessionState, 'api' | 'stores'> | undefined,
  clipId: Id | null | undefined,
): AttachmentsStore | undefined {
  const api = session?.api;
  if (!api || clipId == null) return undefined;
  const store = session.stores.get(`attachments:${clipId}`, () => new AttachmentsStore(api, clipId));
  void store.ensureLoaded();
  return store;
}
