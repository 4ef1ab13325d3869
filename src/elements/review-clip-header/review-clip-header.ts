import { versionNameShown } from '../../contract/version-name.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '../../store/context-subscription.js';
import { msg, str } from '@lit/localize';
import { ReviewElement } from '../../internal/review-element.js';
import type { ReviewApiError } from '../../contract/errors.js';
import { canDownload, canManageShares, isClientViewer } from '../../contract/rights.js';
import type { Clip, ClipChanges, Id, Me } from '../../contract/types.js';
import { sessionContext, type SessionState } from '../../store/context.js';
import { StoreController } from '../../store/store.js';
import { clipStoreFor, displayedClip, type ClipState, type ClipStore } from '../../store/clip-store.js';
import { styles } from './review-clip-header.styles.js';
import { safeUrl } from '../../internal/safe-url.js';

/** The two texts that can be edited in place. */
type Field = 'clientName' | 'reasonForReview';

/** The version name a client sees (`versionNameShown`); exported here since 0.1.0. */
export const clientVisibleName = versionNameShown;

/** The "Download source" link: `canDownload(me)`, and a source URL that is a web URL (never `javascript:`). */
export function canDownloadSource(clip: Pick<Clip, 'sourceUrl'>, me: Me | null | undefined): boolean {
  return !!safeUrl(clip.sourceUrl) && canDownload(me);
}

/**
 * The header of a clip under review: the version name clients see, the reason for review, the review
 * status picker and the "Download source" link.
 *
 * Clients see one name: the internal `name`, or the `clientName` when the production setting
 * `clientVersionName` says so. Studio users see the client name with the internal name as secondary text,
 * and a tag on the one clients see. Studio users with `SHARE_MANAGE` edit the client version name and the
 * reason for review in place: click (or Enter) to edit, Enter or leaving the field saves, Escape cancels
 * (Shift+Enter adds a line to the reason). Saving is optimistic and rolls back with an inline message when
 * the server refuses. The download link shows for studio users, and for clients when their share allows
 * downloads; never when the clip has no source file. Without `clip-id` the header follows the session's
 * current clip. Must be inside `<review-session>`.
 *
 * @customElement review-clip-header
 * @fires review-status-change-request - from the inner `<review-status-picker>` (cancelable).
 * @fires review-status-changed - from the inner `<review-status-picker>`.
 * @slot actions - extra controls placed beside the status picker and the download link.
 * @slot download-icon - icon of the download link (default ⤓).
 * @csspart header - the whole header row.
 * @csspart titles - the name and reason column.
 * @csspart name - the version name (heading).
 * @csspart internal-name - the internal name under the client name (studio users).
 * @csspart reason - the reason-for-review block; `reason-label`, `reason-text` inside it.
 * @csspart edit - the in-place edit buttons and fields.
 * @csspart actions - the status and download row.
 * @csspart status-picker - the inner `<review-status-picker>`; its parts are exported as `status-button`,
 *   `status-chip`, `status-listbox` and `status-option`.
 * @csspart download - the "Download source" link.
 * @csspart error - the inline message of a failed save or load.
 * @csspart saving - the "Saving…" note beside a text being saved.
 * @cssprop --review-fg - text colour.
 * @cssprop --review-muted - secondary text.
 * @cssprop --review-accent - focus ring and the border of a field being edited.
 * @cssprop --review-border - borders.
 * @cssprop --review-surface - hover background of editable text.
 * @cssprop --review-danger - error text.
 * @cssprop --review-font - font family; `--review-font-mono` for the internal name.
 * @cssprop --review-space - spacing unit.
 * @attr clip-id - the clip (media object id); without it, the session's current clip.
 * @attr heading-level - ARIA level of the version-name heading (default 2).
 */
export class ReviewClipHeader extends ReviewElement {
  static override styles = styles;

  /** The clip (media object id); null follows the session's current clip. */
  @property({ attribute: 'clip-id', type: Number, reflect: true }) clipId: Id | null = null;

  /** ARIA level of the version-name heading. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  private session?: SessionState;

  @state() private editing: Field | null = null;
  /** A failed save; `text` is what the user typed, kept so it is not lost. */
  @state() private failure: { field: Field; error: ReviewApiError; text: string } | null = null;

  readonly #clip = new StoreController<ClipState>(this, () => this.#store());
  #lastClipId: Id | null = null;
  /** Set when Escape or Enter already settled the edit, so the blur that follows does nothing. */
  #settled = false;
  /** Text a reopened field starts with (the user's text of a failed save), instead of the clip's. */
  #draft: string | null = null;

  #store(): ClipStore | undefined {
    return clipStoreFor(this.session, this.#clipId);
  }

  get #clipId(): Id | null {
    return this.clipId ?? this.session?.currentClipId ?? null;
  }

  /** True when the user may edit the client version name and the reason for review. */
  get editable(): boolean {
    const s = this.session;
    return !!s?.me && !isClientViewer(s.me) && canManageShares(s.rights) && this.#clip.state?.phase === 'ready';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const id = this.#clipId;
    if (id !== this.#lastClipId) {
      this.#lastClipId = id;
      this.editing = null;
      this.failure = null;
    }
    if (this.editing && !this.editable) this.editing = null;
  }

  protected override render(): TemplateResult | typeof nothing {
    const state = this.#clip.state;
    if (!state) return nothing;
    if (state.phase === 'loading') {
      return html`<div part="header" aria-busy="true"><p class="empty">${msg('Loading clip…')}</p></div>`;
    }
    const clip = displayedClip(state);
    if (state.phase === 'error' || !clip) {
      return html`<div part="header">
        <p part="error" role="alert">
          <span>${msg('The clip could not be loaded.')}</span>
          <button class="button ghost" type="button" @click=${() => this.#store()?.load()}>${msg('Retry')}</button>
        </p>
      </div>`;
    }
    const me = this.session?.me;
    const client = isClientViewer(me);
    return html`<div part="header">
      <div part="titles" class=${this.editable ? 'can-edit' : ''}>
        ${client ? this.#renderClientName(clip) : this.#renderStudioNames(clip, state)}
        ${this.#renderReason(clip, state)}
      </div>
      <div part="actions">
        <review-status-picker
          part="status-picker"
          exportparts="button: status-button, chip: status-chip, listbox: status-listbox, option: status-option"
          clip-id=${clip.id}
        ></review-status-picker>
        ${
          canDownloadSource(clip, me)
            ? html`<a part="download" class="button" href=${clip.sourceUrl!} download target="_blank" rel="noopener"
              ><slot name="download-icon"><span aria-hidden="true">⤓</span></slot>${msg('Download source')}</a
            >`
            : nothing
        }
        <slot name="actions"></slot>
      </div>
      ${this.failure ? this.#renderFailure(this.failure, state) : nothing}
    </div>`;
  }

  #renderClientName(clip: Clip): TemplateResult {
    return html`<div part="name" role="heading" aria-level=${this.headingLevel}>
      ${clientVisibleName(clip, this.session?.settings)}
    </div>`;
  }

  #renderStudioNames(clip: Clip, state: ClipState): TemplateResult {
    const clientsSeeClientName = this.session?.settings?.clientVersionName === 'clientName' && !!clip.clientName;
    const tag = html`<span class="client-sees">${msg('shown to clients')}</span>`;
    const primary = clip.clientName || clip.name;
    const saving = state.pending !== null && 'clientName' in state.pending;
    const heading =
      this.editing === 'clientName'
        ? this.#renderField('clientName', clip.clientName ?? '', msg('Client version name'))
        : html`<div part="name" role="heading" aria-level=${this.headingLevel}>
            ${
              this.editable
                ? html`<button
                  part="edit edit-name"
                  class="editable"
                  type="button"
                  aria-busy=${saving ? 'true' : 'false'}
                  @click=${() => this.#startEdit('clientName')}
                >
                  <!-- The name comes from the content (visible text first), so speech users can say what they see. -->
                  <span class="sr-only">${msg('Client version name:')} </span><span class=${clip.clientName ? '' : 'empty'}>${clip.clientName || msg('Add a client version name')}</span><span class="sr-only">${msg('. Edit')}</span>
                  ${this.#renderMark(saving)}
                </button>`
                : primary
            }
            ${clip.clientName && clientsSeeClientName ? tag : nothing}
          </div>`;
    const showInternal = !!clip.clientName || this.editable;
    return html`${heading}
      ${
        showInternal
          ? html`<p part="internal-name">
            <span class="sr-only">${msg('Internal name:')} </span>${clip.name}
            ${!clientsSeeClientName ? tag : nothing}
          </p>`
          : nothing
      }`;
  }

  #renderReason(clip: Clip, state: ClipState): TemplateResult | typeof nothing {
    const text = clip.reasonForReview;
    if (this.editing === 'reasonForReview') {
      // The label stays, and the field takes the text's place and height: nothing below moves.
      return html`<div part="reason">
        <span part="reason-label" id="reason-label" aria-hidden="true">${msg('Reason for review')}</span>
        ${this.#renderField('reasonForReview', text, msg('Reason for review'))}
      </div>`;
    }
    if (!this.editable && !text) return nothing;
    const saving = state.pending !== null && 'reasonForReview' in state.pending;
    return html`<div part="reason">
      <span part="reason-label" id="reason-label">${msg('Reason for review')}</span>
      ${
        this.editable
          ? html`<button
            part="edit edit-reason"
            class="editable"
            type="button"
            aria-labelledby="reason-label reason-value reason-edit"
            aria-busy=${saving ? 'true' : 'false'}
            @click=${() => this.#startEdit('reasonForReview')}
          >
            <span id="reason-value" part="reason-text" class=${text ? '' : 'empty'}>${text || msg('Add a reason for review')}</span>
            <span id="reason-edit" class="sr-only">${msg('Edit')}</span>
            ${this.#renderMark(saving)}
          </button>`
          : html`<span part="reason-text">${text}</span>`
      }
    </div>`;
  }

  /** The pencil that invites an edit, or "Saving…" while an edit is on its way. */
  #renderMark(saving: boolean): TemplateResult {
    return saving
      ? html`<span class="saving" part="saving">${msg('Saving…')}</span>`
      : html`<span class="pencil" aria-hidden="true">✎</span>`;
  }

  #renderField(field: Field, value: string, label: string): TemplateResult {
    const hint =
      field === 'reasonForReview'
        ? msg('Enter saves, Shift+Enter adds a line, Escape cancels.')
        : msg('Enter saves, Escape cancels. Leave empty to show the internal name.');
    const common = {
      keydown: (e: KeyboardEvent) => this.#onFieldKeydown(e, field),
      blur: (e: FocusEvent) => this.#commit(field, (e.target as HTMLInputElement | HTMLTextAreaElement).value, false),
    };
    return html`<div part="edit edit-field">
      ${
        field === 'reasonForReview'
          ? html`<textarea
            class="field"
            aria-label=${label}
            aria-describedby="edit-hint"
            .value=${this.#draft ?? value}
            @keydown=${common.keydown}
            @blur=${common.blur}
          ></textarea>`
          : html`<input
            class="field"
            aria-label=${label}
            aria-describedby="edit-hint"
            .value=${this.#draft ?? value}
            @keydown=${common.keydown}
            @blur=${common.blur}
          />`
      }
      <p class="hint" id="edit-hint">${hint}</p>
    </div>`;
  }

  #renderFailure(failure: { field: Field; error: ReviewApiError; text: string }, state: ClipState): TemplateResult {
    const what = failure.field === 'clientName' ? msg('the client version name') : msg('the reason for review');
    const back = state.clip?.[failure.field] || msg('empty');
    return html`<p part="error" role="alert">
      <span>${msg(str`Couldn't save ${what}: ${describeClipError(failure.error)}. It is back to “${back}”.`)}</span>
      <span>${msg(str`Your text: “${failure.text}”.`)}</span>
      ${
        this.editable
          ? html`<button class="button ghost" type="button" @click=${() => this.#startEdit(failure.field, failure.text)}>${msg('Edit')}</button>`
          : nothing
      }
      <button class="button ghost icon" type="button" aria-label=${msg('Dismiss')} @click=${() => (this.failure = null)}>✕</button>
    </p>`;
  }

  /** Opens the field; `text` (the user's text of a failed save) replaces the clip's value in it. */
  async #startEdit(field: Field, text?: string): Promise<void> {
    if (!this.editable) return;
    this.#draft = text ?? null;
    this.failure = null;
    this.#settled = false;
    this.editing = field;
    await this.updateComplete;
    const input = this.renderRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>('.field');
    input?.focus();
    input?.select();
  }

  #onFieldKeydown(e: KeyboardEvent, field: Field): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.#settled = true;
      void this.#finishEdit(field, true);
    } else if (e.key === 'Enter' && !(field === 'reasonForReview' && e.shiftKey) && !e.isComposing) {
      e.preventDefault();
      void this.#commit(field, (e.target as HTMLInputElement | HTMLTextAreaElement).value, true);
    }
  }

  /** Saves the edited text; `refocus` puts focus back on the text (not after a blur: the user went elsewhere). */
  async #commit(field: Field, raw: string, refocus: boolean): Promise<void> {
    if (this.#settled || this.editing !== field) return;
    this.#settled = true;
    const store = this.#store();
    const current = store?.state.clip;
    const value = field === 'clientName' ? raw.trim() || null : raw.trim();
    const changes: ClipChanges = field === 'clientName' ? { clientName: value } : { reasonForReview: value ?? '' };
    // Start the save first so the new text is already there when the field closes.
    const saving =
      store && current && value !== current[field]
        ? store.update(changes).then(
            () => null,
            (err: unknown) => err as ReviewApiError,
          )
        : null;
    await this.#finishEdit(field, refocus);
    const error = await saving;
    // The rollback shows the server's text again; the user's text stays in the alert, and Edit brings it back.
    if (error) this.failure = { field, error, text: raw };
  }

  /** Leaves edit mode and, when asked, puts focus back on the text that was edited. */
  async #finishEdit(field: Field, refocus: boolean): Promise<void> {
    this.editing = null;
    this.#draft = null;
    await this.updateComplete;
    if (refocus)
      this.renderRoot.querySelector<HTMLElement>(field === 'clientName' ? '[part~="edit-name"]' : '[part~="edit-reason"]')?.focus();
  }
}

/** A sentence saying why saving a clip failed, for the user. */
export function describeClipError(error: ReviewApiError): string {
  switch (error.status) {
    case 401:
    case 403:
      return msg('you are not allowed to edit this clip');
    case 409:
      return msg('someone else changed it in the meantime');
    case 0:
      return error.code === 'NETWORK' || error.code === 'TIMEOUT' ? msg('the server could not be reached') : error.message;
    default:
      return error.status >= 500 ? msg(str`the server failed (${error.message})`) : error.message;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-clip-header': ReviewClipHeader;
  }
}
