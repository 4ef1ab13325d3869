import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { DEFAULT_STATUS_VALUES, type Id, type ReviewStatusOption } from '../../api/types.js';
import type { ReviewApiError } from '../../api/errors.js';
import { canChangeStatus } from '../../api/rights.js';
import { emit } from '../../events.js';
import { sessionContext, type SessionState } from '../../state/context.js';
import { StoreController } from '../../state/store.js';
import { displayedStatus, statusStoreFor, type StatusState, type StatusStore } from '../../state/status-store.js';
import { styles } from './review-status-picker.styles.js';

/** Colours of the default statuses when the production setting gives none. */
const FALLBACK_COLORS: Record<string, string> = {
  APPROVED: 'var(--review-success, #067647)',
  NOT_APPROVED: 'var(--review-danger, #b42318)',
  NEEDS_WORK: 'var(--review-warning, #a04100)',
};

/** How long typed letters add up to one type-ahead search. */
const TYPEAHEAD_MS = 700;

/** The status values of a session: the production's `reviewStatusConfig`, or the seed's defaults. */
export function statusOptions(session: SessionState | undefined): readonly ReviewStatusOption[] {
  const values = session?.settings?.reviewStatusConfig?.possibleValues;
  return values && values.length > 0 ? values : DEFAULT_STATUS_VALUES;
}

/** A sentence saying why a status change failed, for the user. */
export function describeStatusError(error: ReviewApiError): string {
  switch (error.status) {
    case 401:
    case 403:
      return msg('you are not allowed to change the review status');
    case 409:
      return msg('someone else changed it in the meantime');
    case 0:
      return error.code === 'NETWORK' || error.code === 'TIMEOUT'
        ? msg('the server could not be reached')
        : error.message;
    default:
      return error.status >= 500 ? msg(str`the server failed (${error.message})`) : error.message;
  }
}

/**
 * Shows the review status of a clip and, for users with `REVIEW_STATUS_EDIT`, changes it through a
 * listbox menu (mouse, touch and keyboard: arrows, Home/End, Enter/Space, Escape, type-ahead).
 * The values come from the production setting `reviewStatusConfig.possibleValues`. A change is
 * optimistic; when the server refuses it, the status rolls back and an inline alert says why.
 * Without `clip-id` the picker follows the session's current clip. Must be inside `<review-session>`.
 *
 * A host that wants to confirm first vetoes `review-status-change-request` with `preventDefault()`,
 * asks, and then calls `setStatus(to)` (which does not ask again).
 *
 * @fires review-status-change-request - `{from, to}`, cancelable: before a change the user picked.
 * @fires review-status-changed - `{status}` (the saved MediaObjectAnnotation) after the server accepted it.
 * @csspart button - the menu button (editable).
 * @csspart chip - the read-only status pill.
 * @csspart dot - the status colour dot.
 * @csspart label - the status label text.
 * @csspart listbox - the popup list.
 * @csspart option - each status in the list; also `option-selected`, `option-active`.
 * @csspart error - the inline message of a failed change or load.
 * @csspart dismiss - the button that closes the error.
 * @csspart retry - the button that loads the status again after a failed load.
 * @cssprop --review-accent - focus ring and active option.
 * @cssprop --review-bg - button and popup background.
 * @cssprop --review-surface - read-only pill background.
 * @cssprop --review-shadow - popup elevation.
 * @cssprop --review-control-size - minimum button and option height (tap target).
 * @cssprop --review-fg - text colour.
 * @cssprop --review-border - button and popup border.
 * @cssprop --review-radius - corner radius.
 * @cssprop --review-space - spacing unit.
 * @cssprop --review-font - font family.
 * @cssprop --review-danger - error text; colour of NOT_APPROVED without a configured colour.
 * @cssprop --review-success - colour of APPROVED without a configured colour.
 * @cssprop --review-warning - colour of NEEDS_WORK without a configured colour.
 * @cssprop --review-muted - colour of statuses without a configured colour.
 * @attr clip-id - the clip (media object id); without it, the session's current clip.
 * @attr label - the accessible name of the control (default "Review status").
 */
@localized()
export class ReviewStatusPicker extends LitElement {
  static override styles = styles;

  /** The clip (media object id); null follows the session's current clip. */
  @property({ attribute: 'clip-id', type: Number, reflect: true }) clipId: Id | null = null;

  /** Accessible name of the control; empty: "Review status" in the UI locale. */
  @property() label = '';

  @consume({ context: sessionContext, subscribe: true })
  @state()
  private session?: SessionState;

  @state() private open = false;
  @state() private activeIndex = 0;
  @state() private failure: { to: string; error: ReviewApiError } | null = null;
  @state() private announcement = '';

  get #button(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('[part~="button"]');
  }

  readonly #status = new StoreController<StatusState>(this, () => this.#store());
  #typeahead = '';
  #typeaheadTimer = 0;
  #lastClipId: Id | null = null;

  /** The shared status store of the clip (the same instance the controller follows). */
  #store(): StatusStore | undefined {
    return statusStoreFor(this.session, this.#clipId);
  }

  get #clipId(): Id | null {
    return this.clipId ?? this.session?.currentClipId ?? null;
  }

  /** The status id on screen (the pending one while saving); null while unknown. */
  get status(): string | null {
    return displayedStatus(this.#status.state);
  }

  /** True when the user may change the status (and it has loaded). */
  get editable(): boolean {
    const s = this.session;
    if (!s || !canChangeStatus(s.rights)) return false;
    // The server grants the right to share clients only when the share allows it; trust but verify.
    if (s.me?.share && !s.me.share.allowStatusChange) return false;
    return this.#status.state?.phase === 'ready';
  }

  /**
   * Changes the status without firing `review-status-change-request` (for a host that already asked).
   * Resolves true when the server saved it; false when not allowed, unknown, or refused (then the
   * status rolled back and the picker shows why).
   */
  async setStatus(to: string): Promise<boolean> {
    const store = this.#store();
    if (!store || !this.editable || !statusOptions(this.session).some((o) => o.id === to)) return false;
    this.failure = null;
    try {
      const moa = await store.setStatus(to);
      this.announcement = msg(str`Review status changed to ${this.#labelOf(to)}`);
      emit(this, 'review-status-changed', { status: moa });
      return true;
    } catch (err) {
      this.failure = { to, error: err as ReviewApiError };
      return false;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#setOpen(false);
    clearTimeout(this.#typeaheadTimer);
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const id = this.#clipId;
    if (id !== this.#lastClipId) {
      // Another clip: an error or open menu of the previous one no longer applies.
      this.#lastClipId = id;
      this.failure = null;
      this.announcement = '';
      if (this.open) this.#setOpen(false);
    }
    if (this.open && !this.editable) this.#setOpen(false);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('activeIndex') && this.open) {
      this.renderRoot.querySelector(`#option-${this.activeIndex}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  protected override render(): TemplateResult {
    const state = this.#status.state;
    if (!state || state.phase === 'loading') {
      return html`<span part="chip" aria-busy="true"
        ><span class="sr-only">${this.label || msg('Review status')}: </span><span part="label">${msg('Loading…')}</span></span
      >`;
    }
    if (state.phase === 'error') {
      return html`<p part="error" role="alert">
        ${msg('The review status could not be loaded.')}
        <button part="retry" class="button ghost" type="button" @click=${() => this.#store()?.load()}>${msg('Retry')}</button>
      </p>`;
    }
    const current = displayedStatus(state);
    return html`${this.editable ? this.#renderMenu(current, state.pending !== null) : this.#renderChip(current)}
      <span class="sr-only" role="status">${this.announcement}</span>
      ${this.failure ? this.#renderFailure(this.failure, state) : nothing}`;
  }

  #renderChip(current: string | null): TemplateResult {
    return html`<span part="chip"
      ><span class="sr-only">${this.label || msg('Review status')}: </span>${this.#renderValue(current)}</span
    >`;
  }

  #renderMenu(current: string | null, pending: boolean): TemplateResult {
    const options = statusOptions(this.session);
    return html`<span id="label" class="sr-only">${this.label || msg('Review status')}</span>
      <button
        part="button"
        class="button"
        type="button"
        aria-haspopup="listbox"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="listbox"
        aria-labelledby="label value"
        aria-disabled=${pending ? 'true' : 'false'}
        @click=${this.#onButtonClick}
        @keydown=${this.#onButtonKeydown}
      >
        ${this.#renderValue(current)}
        ${pending
          ? html`<span class="spinner" aria-hidden="true"></span><span class="sr-only">${msg('Saving…')}</span>`
          : html`<span class="chevron" aria-hidden="true">▾</span>`}
      </button>
      <ul
        id="listbox"
        part="listbox"
        role="listbox"
        tabindex="-1"
        aria-labelledby="label"
        aria-activedescendant=${this.open ? `option-${this.activeIndex}` : nothing}
        ?hidden=${!this.open}
        @keydown=${this.#onListKeydown}
        @focusout=${this.#onListFocusout}
      >
        ${options.map((option, i) => {
          const selected = option.id === current;
          const active = i === this.activeIndex;
          return html`<li
            id="option-${i}"
            role="option"
            part="option${selected ? ' option-selected' : ''}${active ? ' option-active' : ''}"
            aria-selected=${selected ? 'true' : 'false'}
            data-value=${option.id}
            @pointerdown=${(e: PointerEvent) => e.preventDefault()}
            @pointermove=${() => (this.activeIndex = i)}
            @click=${() => this.#choose(i)}
          >
            <span class="dot" style="--_dot: ${this.#colorOf(option.id)}"></span>
            <span>${option.label}</span>
            ${selected ? html`<span class="check" aria-hidden="true">✓</span>` : nothing}
          </li>`;
        })}
      </ul>`;
  }

  #renderValue(current: string | null): TemplateResult {
    const known = current !== null;
    return html`<span
        class="dot"
        part="dot"
        style=${known ? `--_dot: ${this.#colorOf(current)}` : ''}
      ></span
      ><span id="value" part="label">${known ? this.#labelOf(current) : msg('No status')}</span>`;
  }

  #renderFailure(failure: { to: string; error: ReviewApiError }, state: StatusState): TemplateResult {
    const to = this.#labelOf(failure.to);
    const back = state.moa ? this.#labelOf(state.moa.reviewStatus) : '—';
    const why = describeStatusError(failure.error);
    return html`<p part="error" role="alert">
      <span>${msg(str`Couldn't change the status to “${to}”: ${why}. The status is “${back}”.`)}</span>
      <button part="dismiss" class="button ghost icon" type="button" aria-label=${msg('Dismiss')} @click=${this.#dismiss}>✕</button>
    </p>`;
  }

  #labelOf(id: string): string {
    return statusOptions(this.session).find((o) => o.id === id)?.label ?? id;
  }

  /** The status colour; a configured value that is not a CSS colour is ignored (it goes into a style). */
  #colorOf(id: string): string {
    const color = statusOptions(this.session).find((o) => o.id === id)?.color;
    if (color && CSS.supports('color', color)) return color;
    return FALLBACK_COLORS[id] ?? 'var(--review-muted, #555c69)';
  }

  #dismiss = (): void => {
    this.failure = null;
    this.#store()?.clearError();
    this.#button?.focus();
  };

  #currentIndex(): number {
    const i = statusOptions(this.session).findIndex((o) => o.id === this.status);
    return i < 0 ? 0 : i;
  }

  #isPending(): boolean {
    return (this.#status.state?.pending ?? null) !== null;
  }

  async #openMenu(index = this.#currentIndex()): Promise<void> {
    if (!this.editable || this.#isPending()) return;
    this.activeIndex = index;
    this.#setOpen(true);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part~="listbox"]')?.focus();
  }

  #close(returnFocus: boolean): void {
    this.#setOpen(false);
    if (returnFocus) this.#button?.focus();
  }

  #setOpen(open: boolean): void {
    if (this.open === open) return;
    this.open = open;
    if (open) document.addEventListener('pointerdown', this.#onDocumentPointerdown, true);
    else document.removeEventListener('pointerdown', this.#onDocumentPointerdown, true);
  }

  #onDocumentPointerdown = (e: PointerEvent): void => {
    if (!e.composedPath().includes(this)) this.#close(false);
  };

  #onButtonClick = (): void => {
    if (this.open) this.#close(true);
    else void this.#openMenu();
  };

  #onButtonKeydown = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      void this.#openMenu();
    }
  };

  #onListKeydown = (e: KeyboardEvent): void => {
    const last = statusOptions(this.session).length - 1;
    // Any key but a letter (or a space inside a typed word) ends the type-ahead word.
    const typing = (e.key.length === 1 && e.key !== ' ') || (e.key === ' ' && this.#typeahead !== '');
    if (!typing) this.#typeahead = '';
    switch (e.key) {
      case 'ArrowDown':
        this.activeIndex = Math.min(last, this.activeIndex + 1);
        break;
      case 'ArrowUp':
        this.activeIndex = Math.max(0, this.activeIndex - 1);
        break;
      case 'Home':
        this.activeIndex = 0;
        break;
      case 'End':
        this.activeIndex = last;
        break;
      case 'Enter':
      case ' ':
        if (e.key === ' ' && this.#typeahead) {
          this.#typeAhead(' ');
          break;
        }
        this.#choose(this.activeIndex);
        break;
      case 'Escape':
        this.#close(true);
        break;
      case 'Tab':
        this.#close(false);
        return;
      default:
        if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
          this.#typeAhead(e.key);
          break;
        }
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  #onListFocusout = (e: FocusEvent): void => {
    const to = e.relatedTarget as Node | null;
    if (!to || !this.renderRoot.contains(to)) this.#setOpen(false);
  };

  /** Moves to the next option whose label starts with what was typed (repeating a letter cycles). */
  #typeAhead(key: string): void {
    clearTimeout(this.#typeaheadTimer);
    this.#typeaheadTimer = window.setTimeout(() => (this.#typeahead = ''), TYPEAHEAD_MS);
    const options = statusOptions(this.session);
    const repeated = this.#typeahead.length > 0 && [...this.#typeahead].every((c) => c === key.toLowerCase());
    this.#typeahead = repeated ? key.toLowerCase() : this.#typeahead + key.toLowerCase();
    const from = this.#typeahead.length === 1 ? this.activeIndex + 1 : this.activeIndex;
    for (let k = 0; k < options.length; k++) {
      const i = (from + k) % options.length;
      if (options[i].label.toLowerCase().startsWith(this.#typeahead)) {
        this.activeIndex = i;
        return;
      }
    }
  }

  #choose(index: number): void {
    const option = statusOptions(this.session)[index];
    this.#close(true);
    const from = this.status;
    if (!option || from === null || option.id === from) return;
    const allowed = emit(this, 'review-status-change-request', { from, to: option.id }, { cancelable: true });
    if (allowed) void this.setStatus(option.id);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-status-picker': ReviewStatusPicker;
  }
}
