import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { DEFAULT_STATUS_VALUES, type Id, type ReviewStatusOption } from '../../contract/types.js';
import type { ReviewApiError } from '../../contract/errors.js';
import { canChangeStatus } from '../../contract/rights.js';
import { ReviewElement } from '../../internal/review-element.js';
import { sessionContext, type SessionState } from '../../store/context.js';
import { ContextSubscription } from '../../store/context-subscription.js';
import { StoreController } from '../../store/store.js';
import { displayedStatus, statusStoreFor, type StatusSaveError, type StatusState, type StatusStore } from '../../store/status-store.js';
import { v } from '../../styles/tokens.js';
import { styles } from './review-status-picker.styles.js';

/** Colours of the default statuses when the production setting gives none. */
const FALLBACK_COLORS: Record<string, string> = {
  APPROVED: v.success.cssText,
  NOT_APPROVED: v.danger.cssText,
  NEEDS_WORK: v.warning.cssText,
};

/** How long typed letters add up to one type-ahead search. */
const TYPEAHEAD_MS = 700;

/** The status values of a session: the production's `reviewStatusConfig`, or the seed's defaults. */
export function statusOptions(session: SessionState | undefined): readonly ReviewStatusOption[] {
  const values = session?.settings?.reviewStatusConfig?.possibleValues;
  return values?.length ? values : DEFAULT_STATUS_VALUES;
}

/** A sentence saying why a status change failed, for the user. */
export function describeStatusError(error: ReviewApiError): string {
  const { status, code, message } = error;
  if (status === 401 || status === 403) return msg('you are not allowed to change the review status');
  if (status === 409) return msg('someone else changed it in the meantime');
  if (code === 'NETWORK' || code === 'TIMEOUT') return msg('the server could not be reached');
  return status >= 500 ? msg(str`the server failed (${message})`) : message;
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
 * @customElement review-status-picker
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
export class ReviewStatusPicker extends ReviewElement {
  static override styles = styles;

  // Declared without decorators: in a decorated class esbuild turns every #private member into WeakMap
  // helper calls, which this size-budgeted element cannot afford.
  static override properties = {
    clipId: { attribute: 'clip-id', type: Number, reflect: true },
    label: {},
    open: { state: true },
    activeIndex: { state: true },
    announcement: { state: true },
  };

  /** The clip (media object id); null follows the session's current clip. */
  clipId: Id | null = null;

  /** Accessible name of the control; empty: "Review status" in the UI locale. */
  label = '';

  private open = false;
  private activeIndex = 0;
  /** Read by screen readers after a saved change. */
  private announcement = '';

  /** Re-renders on every new session snapshot. */
  readonly #sessionConsumer = new ContextSubscription(this, sessionContext);
  readonly #status = new StoreController<StatusState>(this, () => this.#store());
  #typeahead = '';
  #typeaheadTimer = 0;
  #lastClipId: Id | null = null;

  get #session(): SessionState | undefined {
    return this.#sessionConsumer.value;
  }

  get #options(): readonly ReviewStatusOption[] {
    return statusOptions(this.#session);
  }

  get #button(): HTMLButtonElement | null {
    return this.renderRoot.querySelector('[part~="button"]');
  }

  get #clipId(): Id | null {
    return this.clipId ?? this.#session?.currentClipId ?? null;
  }

  /** The shared status store of the clip (the same instance the controller follows). */
  #store(): StatusStore | undefined {
    return statusStoreFor(this.#session, this.#clipId);
  }

  /** The status id on screen (the pending one while saving); null while unknown. */
  get status(): string | null {
    return displayedStatus(this.#status.state);
  }

  /** True when the user may change the status (and it has loaded). */
  get editable(): boolean {
    const s = this.#session;
    // The server grants the right to share clients only when the share allows it; trust but verify.
    return !!s && canChangeStatus(s.rights) && (!s.me?.share || s.me.share.allowStatusChange) && this.#status.state?.phase === 'ready';
  }

  /**
   * Changes the status without firing `review-status-change-request` (for a host that already asked).
   * Resolves true when the server saved it; false when not allowed, unknown, or refused (then the
   * status rolled back and the picker shows why).
   */
  async setStatus(to: string): Promise<boolean> {
    const store = this.#store();
    if (!store || !this.editable || !this.#optionOf(to)) return false;
    try {
      const moa = await store.setStatus(to);
      this.announcement = msg(str`Review status changed to ${this.#labelOf(to)}`);
      this.emit('review-status-changed', { status: moa });
      return true;
    } catch {
      return false; // the store rolled back and holds the error (`saveError`), which render() shows
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
      // Another clip: an announcement or open menu of the previous one no longer applies.
      this.#lastClipId = id;
      this.announcement = '';
      this.#setOpen(false);
    }
    if (!this.editable) this.#setOpen(false);
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('activeIndex') && this.open) {
      this.renderRoot.querySelector(`#option-${this.activeIndex}`)?.scrollIntoView({ block: 'nearest' });
    }
  }

  protected override render(): TemplateResult {
    const state = this.#status.state;
    if (state?.phase === 'error') {
      return html`<p part="error" role="alert">
        ${msg('The review status could not be loaded.')}
        <button part="retry" class="button ghost" type="button" @click=${() => this.#store()?.load()}>${msg('Retry')}</button>
      </p>`;
    }
    const current = displayedStatus(state);
    const name = this.label || msg('Review status');
    const loading = state?.phase !== 'ready';
    return html`${
      this.editable
        ? this.#renderMenu(name, current, state!.pending !== null)
        : html`<span part="chip" aria-busy=${loading || nothing}
            ><span class="sr-only">${name}: </span>${
              loading ? html`<span part="label">${msg('Loading…')}</span>` : this.#renderValue(current)
            }</span
          >`
    }
      <span class="sr-only" role="status">${this.announcement}</span>
      ${state?.saveError ? this.#renderFailure(state.saveError, state) : nothing}`;
  }

  #renderMenu(name: string, current: string | null, pending: boolean): TemplateResult {
    return html`<span id="label" class="sr-only">${name}</span>
      <button
        part="button"
        class="button"
        type="button"
        aria-haspopup="listbox"
        aria-expanded=${this.open}
        aria-controls="listbox"
        aria-labelledby="label value"
        aria-disabled=${pending}
        @click=${this.#onButtonClick}
        @keydown=${this.#onButtonKeydown}
      >
        ${this.#renderValue(current)}
        ${
          pending
            ? html`<span class="spinner" aria-hidden="true"></span><span class="sr-only">${msg('Saving…')}</span>`
            : html`<span class="chevron" aria-hidden="true">▾</span>`
        }
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
        ${this.#options.map((option, i) => {
          const selected = option.id === current;
          // Options are chosen by keyboard on the combobox (aria-activedescendant), by pointer here.
          // eslint-disable-next-line lit-a11y/click-events-have-key-events
          return html`<li
            id="option-${i}"
            role="option"
            part="option${selected ? ' option-selected' : ''}${i === this.activeIndex ? ' option-active' : ''}"
            aria-selected=${selected}
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
    return html`<span class="dot" part="dot" style=${current === null ? '' : `--_dot: ${this.#colorOf(current)}`}></span
      ><span id="value" part="label">${current === null ? msg('No status') : this.#labelOf(current)}</span>`;
  }

  #renderFailure({ to, error }: StatusSaveError, state: StatusState): TemplateResult {
    const back = state.moa ? this.#labelOf(state.moa.reviewStatus) : '—';
    return html`<p part="error" role="alert">
      <span
        >${msg(str`Couldn't change the status to “${this.#labelOf(to)}”: ${describeStatusError(error)}. The status is “${back}”.`)}</span
      >
      <button part="dismiss" class="button ghost icon" type="button" aria-label=${msg('Dismiss')} @click=${this.#dismiss}>✕</button>
    </p>`;
  }

  #optionOf(id: string): ReviewStatusOption | undefined {
    return this.#options.find((o) => o.id === id);
  }

  #labelOf(id: string): string {
    return this.#optionOf(id)?.label ?? id;
  }

  /** The status colour; a configured value that is not a CSS colour is ignored (it goes into a style). */
  #colorOf(id: string): string {
    const color = this.#optionOf(id)?.color;
    return color && CSS.supports('color', color) ? color : (FALLBACK_COLORS[id] ?? v.muted.cssText);
  }

  // The listeners below are methods: Lit calls a listener with the element as `this`.
  #dismiss(): void {
    this.#store()?.clearError();
    this.#button?.focus();
  }

  async #openMenu(): Promise<void> {
    if (!this.editable || this.#status.state?.pending != null) return;
    this.activeIndex = Math.max(
      0,
      this.#options.findIndex((o) => o.id === this.status),
    );
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

  #onButtonClick(): void {
    if (this.open) this.#close(true);
    else void this.#openMenu();
  }

  #onButtonKeydown(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      void this.#openMenu();
    }
  }

  #onListKeydown(e: KeyboardEvent): void {
    const { key } = e;
    const last = this.#options.length - 1;
    // A printable key types (a space only inside a typed word); any other key ends the type-ahead word.
    const typing = key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && (key !== ' ' || this.#typeahead !== '');
    if (typing) this.#typeAhead(key);
    else {
      this.#typeahead = '';
      if (key === 'ArrowDown') this.activeIndex = Math.min(last, this.activeIndex + 1);
      else if (key === 'ArrowUp') this.activeIndex = Math.max(0, this.activeIndex - 1);
      else if (key === 'Home') this.activeIndex = 0;
      else if (key === 'End') this.activeIndex = last;
      else if (key === 'Enter' || key === ' ') this.#choose(this.activeIndex);
      else if (key === 'Escape') this.#close(true);
      else {
        if (key === 'Tab') this.#close(false);
        return;
      }
    }
    e.preventDefault();
    e.stopPropagation();
  }

  #onListFocusout(e: FocusEvent): void {
    const to = e.relatedTarget as Node | null;
    if (!to || !this.renderRoot.contains(to)) this.#setOpen(false);
  }

  /** Moves to the next option whose label starts with what was typed (repeating a letter cycles). */
  #typeAhead(key: string): void {
    clearTimeout(this.#typeaheadTimer);
    this.#typeaheadTimer = window.setTimeout(() => (this.#typeahead = ''), TYPEAHEAD_MS);
    const letter = key.toLowerCase();
    const typed = this.#typeahead;
    this.#typeahead = typed && [...typed].every((c) => c === letter) ? letter : typed + letter;
    const options = this.#options;
    const from = this.activeIndex + (this.#typeahead.length === 1 ? 1 : 0);
    for (let k = 0; k < options.length; k++) {
      const i = (from + k) % options.length;
      if (options[i].label.toLowerCase().startsWith(this.#typeahead)) {
        this.activeIndex = i;
        return;
      }
    }
  }

  #choose(index: number): void {
    const option = this.#options[index];
    this.#close(true);
    const from = this.status;
    if (!option || from === null || option.id === from) return;
    if (this.emit('review-status-change-request', { from, to: option.id }, { cancelable: true })) void this.setStatus(option.id);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-status-picker': ReviewStatusPicker;
  }
}
