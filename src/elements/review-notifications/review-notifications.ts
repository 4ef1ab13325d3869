import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import type { ReviewApiError } from '../../contract/errors.js';
import type { DigestFrequency, ReviewNotification } from '../../contract/types.js';
import { formatNumber, formatRelativeTime } from '../../i18n/format.js';
import { ReviewElement } from '../../internal/review-element.js';
import { sessionContext, type SessionState } from '../../store/context.js';
import { ContextSubscription } from '../../store/context-subscription.js';
import { notificationsStoreFor, type NotificationsState, type NotificationsStore } from '../../store/notifications-store.js';
import { StoreController } from '../../store/store.js';
import { styles } from './review-notifications.styles.js';

const BELL = html`<svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
  <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" /><path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
</svg>`;

/** A sentence for a failed load or change. */
function describeError(error: ReviewApiError): string {
  if (error.code === 'NETWORK' || error.code === 'TIMEOUT') return msg('The server could not be reached.');
  if (error.status === 401) return msg('Your session ended; sign in again.');
  return error.message;
}

/**
 * The signed-in user's notifications (docs/http-api.md, "Notifications"): a bell button with the unread count
 * that opens a list — who did what, on which clip and frame, when; unread ones marked — with "Mark all as
 * read" and how often e-mail brings them. Choosing one marks it read and asks for its clip at its frame
 * (`review-notification-open`; `<review-session>` opens it). Keyboard: the arrow keys, Home and End move in
 * the list, Escape closes it. Renders nothing when the backend has no notifications (its capabilities say so).
 * Must be inside `<review-session>`.
 *
 * @customElement review-notifications
 * @fires review-notification-open - `{notification}`, cancelable: the user chose a notification; not cancelled, the session opens its clip at its frame.
 * @csspart button - the bell button.
 * @csspart badge - the unread count on the bell.
 * @csspart panel - the list's popup.
 * @csspart item - each notification; also `item-unread`.
 * @csspart mark-all - the "Mark all as read" button.
 * @csspart digest - the e-mail frequency select.
 * @csspart empty - the text shown when there is nothing yet.
 * @csspart error - a failed load or change, with Retry.
 * @cssprop --review-accent - the unread dot and focus ring.
 * @cssprop --review-danger - the badge.
 * @cssprop --review-bg - panel background.
 * @cssprop --review-surface - hover background.
 * @cssprop --review-fg - text colour.
 * @cssprop --review-muted - secondary text.
 * @cssprop --review-border - panel border.
 * @cssprop --review-shadow - panel elevation.
 * @cssprop --review-radius - corner radius.
 * @cssprop --review-space - spacing unit.
 * @cssprop --review-control-size - the bell's size (tap target).
 * @cssprop --review-font - font family.
 */
export class ReviewNotifications extends ReviewElement {
  static override styles = styles;

  static override properties = {
    open: { type: Boolean, reflect: true },
  };

  /** Whether the list is shown. */
  open = false;

  readonly #sessionConsumer = new ContextSubscription(this, sessionContext);
  readonly #state = new StoreController<NotificationsState>(this, () => this.#store());
  /** The unread count last known, and what the live region says about it. */
  #announced = -1;
  #announcement = '';

  get #session(): SessionState | undefined {
    return this.#sessionConsumer.value;
  }

  #store(): NotificationsStore | undefined {
    return notificationsStoreFor(this.#session);
  }

  /** The unread count, as the server last said (0 until loaded). */
  get unread(): number {
    return this.#state.state?.unread ?? 0;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.#outside);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('pointerdown', this.#outside);
  }

  protected override willUpdate(): void {
    // Said once the count is known, and again whenever it grows (a new notification arrived).
    const s = this.#state.state;
    if (s?.phase !== 'ready' || s.unread === this.#announced) return;
    this.#announcement = s.unread > this.#announced && this.#announced >= 0 ? msg(str`${s.unread} unread notifications`) : '';
    this.#announced = s.unread;
  }

  protected override updated(changed: PropertyValues<this>): void {
    const store = this.#store();
    if (store && store.state.phase === 'idle') void store.load();
    if (changed.has('open') && this.open && changed.get('open') === false) {
      void store?.load();
      (
        this.renderRoot.querySelector<HTMLElement>('[part~="item"]') ?? this.renderRoot.querySelector<HTMLElement>('[part~="panel"]')
      )?.focus();
    }
  }

  /** Shows the list. */
  show(): void {
    this.open = true;
  }

  /** Hides the list; `focusBell` puts the focus back on the bell. */
  hide(focusBell = false): void {
    this.open = false;
    if (focusBell) this.renderRoot.querySelector<HTMLElement>('[part~="button"]')?.focus();
  }

  readonly #outside = (e: PointerEvent) => {
    if (this.open && !e.composedPath().includes(this)) this.open = false;
  };

  #choose(n: ReviewNotification): void {
    void this.#store()?.markRead(n.id);
    if (this.emit('review-notification-open', { notification: n }, { cancelable: true })) this.hide(true);
  }

  #onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.open) {
      e.stopPropagation();
      this.hide(true);
      return;
    }
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="item"]')];
    const at = items.indexOf(this.shadowRoot?.activeElement as HTMLElement);
    if (at < 0) return;
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    items[Math.max(0, Math.min(items.length - 1, next))].focus();
  }

  #headline(n: ReviewNotification): string {
    const who = n.actor.name;
    switch (n.kind) {
      case 'mention':
        return msg(str`${who} mentioned you`);
      case 'reply':
        return msg(str`${who} replied`);
      case 'client-note':
        return msg(str`${who} (client) wrote a note`);
      case 'status': {
        const label = this.#session?.settings?.reviewStatusConfig?.possibleValues.find((v) => v.id === n.status)?.label ?? n.status ?? '';
        return msg(str`${who} set the status to ${label}`);
      }
    }
  }

  #item(n: ReviewNotification, now: number): TemplateResult {
    const locale = this.#session?.locale;
    const where = n.kind === 'status' ? n.clipName : `${n.clipName} · ${msg(str`Frame ${formatNumber(n.frame, locale)}`)}`;
    return html`<li>
      <button type="button" part=${n.read ? 'item' : 'item item-unread'} @click=${() => this.#choose(n)}>
        <span class="dot" aria-hidden="true"></span>
        ${n.read ? nothing : html`<span class="sr-only">${msg('Unread:')}</span>`}
        <span class="text">
          <strong>${this.#headline(n)}</strong>
          <span class="meta">${where} · <time datetime=${n.created}>${formatRelativeTime(n.created, locale, now)}</time></span>
          ${n.excerpt ? html`<span class="excerpt">${n.excerpt}</span>` : nothing}
        </span>
      </button>
    </li>`;
  }

  #body(s: NotificationsState): TemplateResult {
    if (s.phase === 'error' && s.error) {
      return html`<div part="error" role="alert">
        ${msg('The notifications could not be loaded:')} ${describeError(s.error)}
        <button type="button" class="button" @click=${() => void this.#store()?.load()}>${msg('Retry')}</button>
      </div>`;
    }
    if (s.phase !== 'ready') return html`<p class="status" role="status">${msg('Loading notifications…')}</p>`;
    if (s.items.length === 0) {
      return html`<p part="empty">
        ${msg('Nothing yet. You will be told here when someone mentions you, replies to you, or changes the status of a clip you commented on.')}
      </p>`;
    }
    const now = Date.now();
    return html`<ul class="list" aria-label=${msg('Notifications')}>
      ${s.items.map((n) => this.#item(n, now))}
    </ul>`;
  }

  #digest(s: NotificationsState): TemplateResult | typeof nothing {
    if (s.digest === null || !this.#session?.api?.setNotificationPreferences) return nothing;
    const options: Array<[DigestFrequency, string]> = [
      ['immediately', msg('As they happen')],
      ['hourly', msg('Hourly digest')],
      ['daily', msg('Daily digest')],
      ['off', msg('Never')],
    ];
    return html`<label class="digest"
      >${msg('E-mail me')}
      <select
        part="digest"
        @change=${(e: Event) => void this.#store()?.setDigest((e.target as HTMLSelectElement).value as DigestFrequency)}
      >
        ${options.map(([value, label]) => html`<option value=${value} ?selected=${s.digest === value}>${label}</option>`)}
      </select></label
    >`;
  }

  override render(): TemplateResult | typeof nothing {
    const s = this.#state.state;
    if (!s) return nothing;
    const unread = s.unread;
    const count = unread > 99 ? '99+' : formatNumber(unread, this.#session?.locale);
    const label = unread ? msg(str`Notifications, ${unread} unread`) : msg('Notifications');
    return html`<div class="root" @keydown=${this.#onKeydown}>
      <button
        type="button"
        part="button"
        class="button ghost icon"
        aria-label=${label}
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls="panel"
        @click=${() => (this.open = !this.open)}
      >
        ${BELL} ${unread ? html`<span part="badge" aria-hidden="true">${count}</span>` : nothing}
      </button>
      <span class="sr-only" role="status">${this.#announcement}</span>
      <div id="panel" part="panel" role="dialog" aria-label=${msg('Notifications')} tabindex="-1" ?hidden=${!this.open}>
        <div class="head">
          <h2>${msg('Notifications')}</h2>
          <button type="button" part="mark-all" class="button ghost" ?disabled=${unread === 0} @click=${() => void this.#store()?.markRead('all')}>
            ${msg('Mark all as read')}
          </button>
        </div>
        ${s.saveError ? html`<p part="error" role="alert">${msg('The change was not saved:')} ${describeError(s.saveError)}</p>` : nothing}
        <div class="body">${this.#body(s)}</div>
        <div class="foot">${this.#digest(s)}</div>
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-notifications': ReviewNotifications;
  }
}
