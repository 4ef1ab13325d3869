import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '../../state/context-subscription.js';
import { sessionContext, type SessionState } from '../../state/context.js';
import type { ReviewApi } from '../../api/review-api.js';
import {
  DEFAULT_SHARE_SETTINGS,
  type ClientUser,
  type Id,
  type InviteRecipient,
  type Playlist,
  type Share,
  type ShareSettings,
} from '../../api/types.js';
import { canManageShares } from '../../api/rights.js';
import { emit } from '../../events.js';
import { formatDate } from '../../i18n/format.js';
import { shareDialogStyles } from './share-dialog.styles.js';

export const MIN_PASSWORD_LENGTH = 6;
export const MAX_MESSAGE_LENGTH = 2000;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

/**
 * The Preview link of a share: the client page in preview mode is `share.url` with `preview=1` added to
 * its query (`<client-review-site preview>` then shows the blue Preview bar).
 */
export function previewUrl(shareUrl: string): string {
  const [beforeHash, hash] = shareUrl.split('#', 2);
  const sep = beforeHash.includes('?') ? '&' : '?';
  return `${beforeHash}${sep}preview=1${hash !== undefined ? `#${hash}` : ''}`;
}

/** `yyyy-mm-dd` of a date in local time, as `<input type=date>` wants it. */
function dateInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The end of a local calendar day, as an ISO instant: a share "expires on" a day, after that day. */
function endOfDayIso(value: string): string {
  return new Date(`${value}T23:59:59`).toISOString();
}

type Phase = 'form' | 'invite' | 'done';
type FieldErrors = Partial<Record<'password' | 'expires' | 'newName' | 'newEmail' | 'message' | 'recipients', string>>;

interface SettingLabel {
  key: Exclude<keyof ShareSettings, 'requirePassword' | 'expiresInDays'>;
  /** A function, so msg() runs at render time in the locale then in force. */
  label: () => string;
}

const TOGGLES: SettingLabel[] = [
  { key: 'commentsVisible', label: () => msg('Clients can see comments') },
  { key: 'commentsCreate', label: () => msg('Clients can create comments') },
  { key: 'allowDownload', label: () => msg('Clients can download the source files') },
  { key: 'emailThumbnails', label: () => msg('Invitation e-mails contain thumbnails') },
  { key: 'allowStatusChange', label: () => msg('Clients can change the review status') },
];

/**
 * Studio side: share a playlist with clients. A modal `<dialog>` (the page behind is inert, Escape closes)
 * with the share settings — starting from the production's share defaults, overridable for this share —
 * and "Invite people": existing client users or new ones by name and e-mail, with a personal message.
 * "Share" creates the share (`review-share-created`), sends the invitations, then shows the link with a
 * copy button and an "Open preview" link: `share.url` + `?preview=1`, the client page in preview mode.
 * The existing shares of the playlist are listed and can be revoked. Needs SHARE_MANAGE.
 *
 * With `share-id` the dialog opens on the invite part of that existing share (the Preview bar's
 * "Invite People").
 *
 * @fires review-share-created - `{share}` after a share was created.
 * @attr playlist-id - the playlist to share.
 * @attr share-id - an existing share to invite people to.
 * @attr open - reflects whether the dialog is open; set it to open.
 * @csspart dialog - the `<dialog>`.
 * @csspart settings - the share settings fieldset.
 * @csspart invite - the invite-people fieldset.
 * @csspart link - the share link input.
 * @csspart copy - the copy button.
 * @csspart preview - the "Open preview" link.
 * @csspart submit - the main action button.
 * @csspart shares - the list of existing shares.
 * @cssprop --review-accent - primary buttons and focus rings.
 * @cssprop --review-danger - errors and revoke.
 */
export class ShareDialog extends LitElement {
  constructor() {
    super();
    // Not @localized(): a class decorator makes esbuild lower every #private member to WeakMap helpers.
    updateWhenLocaleChanges(this);
  }

  static override styles = shareDialogStyles;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  private session?: SessionState;

  @property({ type: Number, attribute: 'playlist-id' }) playlistId: number | null = null;
  @property({ type: Number, attribute: 'share-id' }) shareId: number | null = null;
  @property({ type: Boolean, reflect: true }) open = false;

  @state() private phase: Phase = 'form';
  @state() private settings: ShareSettings = { ...DEFAULT_SHARE_SETTINGS };
  @state() private password = '';
  @state() private expires = '';
  @state() private clientUsers: ClientUser[] = [];
  @state() private pickedUsers: ReadonlySet<Id> = new Set();
  @state() private newRecipients: Array<{ name: string; email: string }> = [];
  @state() private newName = '';
  @state() private newEmail = '';
  @state() private message = '';
  @state() private errors: FieldErrors = {};
  @state() private formError = '';
  @state() private busy = false;
  @state() private share: Share | null = null;
  @state() private sentTo: string[] = [];
  @state() private shares: Share[] = [];
  @state() private playlist: Playlist | null = null;
  @state() private status = '';

  @query('dialog') private dialog!: HTMLDialogElement;

  /** Opens the dialog (modal). */
  show(): void {
    this.open = true;
  }

  /** Closes the dialog. */
  hide(): void {
    this.open = false;
  }

  private get api(): ReviewApi | null {
    return this.session?.api ?? null;
  }

  private get allowed(): boolean {
    return canManageShares(this.session?.rights ?? []);
  }

  /** The API and target (`playlistId/shareId`) the form was filled for; null before the session is ready. */
  #filledFrom: ReviewApi | null = null;
  #filledFor = '';

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) {
      if (this.open && !this.dialog.open) {
        this.dialog.showModal();
      } else if (!this.open && this.dialog.open) {
        this.dialog.close();
      }
      // Closing keeps an unsent form, so an accidental Escape does not lose the people added and the
      // message typed; once something was shared, the next opening starts afresh.
      const unsent = this.phase !== 'done' && (this.share === null || this.shareId != null);
      if (!this.open && !unsent) this.#filledFrom = null;
    }
    // Fill the form once the session is ready (the dialog may be opened, e.g. by the `open` attribute,
    // before <review-session> has loaded the user and the project's share defaults), and afresh for
    // another playlist or share.
    const api = this.api;
    const target = `${this.playlistId}/${this.shareId}`;
    if (
      this.open &&
      api &&
      this.session?.me &&
      this.session.settings &&
      (this.#filledFrom !== api || this.#filledFor !== target)
    ) {
      this.#filledFrom = api;
      this.#filledFor = target;
      this.#reset();
      void this.#loadData();
    }
  }

  #reset(): void {
    const defaults = this.session?.settings?.shareDefaults ?? DEFAULT_SHARE_SETTINGS;
    this.settings = { ...defaults };
    this.password = '';
    this.expires =
      defaults.expiresInDays == null ? '' : dateInputValue(new Date(Date.now() + defaults.expiresInDays * 86_400_000));
    this.pickedUsers = new Set();
    this.newRecipients = [];
    this.newName = '';
    this.newEmail = '';
    this.message = '';
    this.errors = {};
    this.formError = '';
    this.sentTo = [];
    this.status = '';
    this.share = null;
    this.phase = this.shareId != null ? 'invite' : 'form';
  }

  async #loadData(): Promise<void> {
    const api = this.api;
    if (!api || !this.allowed) return;
    try {
      const [clientUsers, share] = await Promise.all([
        api.listClientUsers(),
        this.shareId != null ? api.getShare(this.shareId) : Promise.resolve(null),
      ]);
      this.clientUsers = clientUsers;
      if (share) this.share = share;
      const plId = this.playlistId ?? share?.playlistId ?? null;
      if (plId != null) {
        const [playlist, shares] = await Promise.all([api.getPlaylist(plId), api.listShares(plId)]);
        this.playlist = playlist;
        this.shares = shares;
      }
    } catch (e) {
      this.formError = msg(str`Could not load the sharing data: ${(e as Error).message}`);
    }
  }

  #onClose(): void {
    this.open = false;
  }

  /** Escape closes even where the browser's close-request handling would skip the native cancel. */
  #onKeydown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      this.hide();
    }
  }

  // — validation —

  #validateShare(): FieldErrors {
    const errors: FieldErrors = {};
    if (this.settings.requirePassword && this.password.length < MIN_PASSWORD_LENGTH) {
      errors.password = msg(str`Enter a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    if (this.expires && this.expires < dateInputValue(new Date())) {
      errors.expires = msg('The expiry date must be today or later.');
    }
    return { ...errors, ...this.#validateInvite(false) };
  }

  #validateInvite(requireSomeone: boolean): FieldErrors {
    const errors: FieldErrors = {};
    if (this.message.length > MAX_MESSAGE_LENGTH) {
      errors.message = msg(str`The message is too long (at most ${MAX_MESSAGE_LENGTH} characters).`);
    }
    if (this.newName.trim() || this.newEmail.trim()) {
      errors.newEmail = msg('Press “Add” to add this person, or clear the fields.');
    }
    if (requireSomeone && this.#recipients().length === 0) {
      errors.recipients = msg('Choose at least one person to invite.');
    }
    return errors;
  }

  #recipients(): InviteRecipient[] {
    return [
      ...[...this.pickedUsers].map((clientUserId) => ({ clientUserId })),
      ...this.newRecipients.map((r) => ({ name: r.name, email: r.email })),
    ];
  }

  async #focusFirstError(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], .recipients-error')?.focus();
  }

  #addRecipient(): void {
    const name = this.newName.trim();
    const email = this.newEmail.trim().toLowerCase();
    const errors: FieldErrors = { ...this.errors, newName: undefined, newEmail: undefined };
    if (!name) errors.newName = msg('Enter the person’s name.');
    if (!EMAIL.test(email)) errors.newEmail = msg('Enter a valid e-mail address, like name@example.com.');
    else if (
      this.newRecipients.some((r) => r.email === email) ||
      this.clientUsers.some((u) => u.email.toLowerCase() === email && this.pickedUsers.has(u.id))
    ) {
      errors.newEmail = msg('This person is already in the list.');
    }
    this.errors = errors;
    if (errors.newName || errors.newEmail) {
      void this.#focusFirstError();
      return;
    }
    const existing = this.clientUsers.find((u) => u.email.toLowerCase() === email);
    if (existing) this.pickedUsers = new Set(this.pickedUsers).add(existing.id);
    else this.newRecipients = [...this.newRecipients, { name, email }];
    this.newName = '';
    this.newEmail = '';
    this.errors = { ...errors, recipients: undefined };
    this.status = msg(str`${name} added to the invitation.`);
  }

  // — actions —

  async #submitShare(e: Event): Promise<void> {
    e.preventDefault();
    const api = this.api;
    const plId = this.playlistId;
    if (!api || plId == null || this.busy) return;
    this.errors = this.#validateShare();
    this.formError = '';
    if (Object.values(this.errors).some(Boolean)) {
      void this.#focusFirstError();
      return;
    }
    this.busy = true;
    try {
      const share = await api.createShare(plId, {
        settings: { ...this.settings },
        password: this.settings.requirePassword ? this.password : null,
        expiresAt: this.expires ? endOfDayIso(this.expires) : null,
      });
      this.share = share;
      this.shares = [share, ...this.shares.filter((s) => s.id !== share.id)];
      emit(this, 'review-share-created', { share });
      this.phase = 'done';
      await this.#sendInvites(api, share);
    } catch (err) {
      this.formError = msg(str`Could not share the playlist: ${(err as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  async #sendInvites(api: ReviewApi, share: Share): Promise<void> {
    const recipients = this.#recipients();
    if (recipients.length === 0) return;
    try {
      const result = await api.invite(share.id, { recipients, message: this.message.trim() });
      this.sentTo = result.sent.map((r) => `${r.name} <${r.email}>`);
      this.status =
        result.sent.length === 1 ? msg('Invitation sent to 1 person.') : msg(str`Invitation sent to ${result.sent.length} people.`);
      this.pickedUsers = new Set();
      this.newRecipients = [];
      this.message = '';
      this.clientUsers = await api.listClientUsers().catch(() => this.clientUsers);
    } catch (err) {
      this.formError = msg(str`The share was created, but the invitations were not sent: ${(err as Error).message}`);
      this.phase = 'invite';
    }
  }

  async #submitInvite(e: Event): Promise<void> {
    e.preventDefault();
    const api = this.api;
    const share = this.share;
    if (!api || !share || this.busy) return;
    this.errors = this.#validateInvite(true);
    this.formError = '';
    if (Object.values(this.errors).some(Boolean)) {
      void this.#focusFirstError();
      return;
    }
    this.busy = true;
    this.phase = 'done';
    try {
      await this.#sendInvites(api, share);
    } finally {
      this.busy = false;
    }
  }

  async #copy(): Promise<void> {
    const url = this.share?.url;
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      this.status = msg('Link copied to the clipboard.');
    } catch {
      // No clipboard permission (e.g. http): fall back to selecting the text and the legacy copy command.
      const input = this.renderRoot.querySelector<HTMLInputElement>('input[part="link"]');
      input?.select();
      const ok = document.execCommand?.('copy');
      this.status = ok ? msg('Link copied to the clipboard.') : msg('Select the link and copy it (Ctrl+C).');
    }
  }

  async #revoke(share: Share): Promise<void> {
    const api = this.api;
    if (!api) return;
    try {
      await api.deleteShare(share.id);
      this.shares = this.shares.map((s) => (s.id === share.id ? { ...s, revoked: true } : s));
      if (this.share?.id === share.id) this.share = { ...this.share, revoked: true };
      this.status = msg('The link was revoked; it no longer opens.');
    } catch (err) {
      this.formError = msg(str`Could not revoke the link: ${(err as Error).message}`);
    }
  }

  // — rendering —

  protected override render() {
    const title = this.playlist ? msg(str`Share “${this.playlist.name}”`) : msg('Share playlist');
    return html`
      <dialog part="dialog" aria-labelledby="title" @close=${this.#onClose} @keydown=${this.#onKeydown}>
        <div class="header">
          <h2 id="title">${this.phase === 'invite' ? msg('Invite people') : title}</h2>
          <button class="close" aria-label=${msg('Close')} @click=${() => this.hide()}>×</button>
        </div>
        <div class="body">
          ${!this.allowed
            ? html`<p class="error" role="alert">${msg('You don’t have the right to share playlists (SHARE_MANAGE).')}</p>`
            : this.phase === 'form'
              ? this.#renderForm()
              : this.phase === 'invite'
                ? this.#renderInviteForm()
                : this.#renderDone()}
          ${this.allowed ? this.#renderShares() : nothing}
          <p class="sr-only" role="status" aria-live="polite">${this.status}</p>
        </div>
      </dialog>
    `;
  }

  #fieldError(key: keyof FieldErrors) {
    const message = this.errors[key];
    return message ? html`<span class="field-error" id=${`${key}-error`}>${message}</span>` : nothing;
  }

  #renderForm() {
    const s = this.settings;
    const set = <K extends keyof ShareSettings>(key: K, value: ShareSettings[K]) => {
      this.settings = { ...this.settings, [key]: value };
      if (key === 'commentsVisible' && !value) this.settings = { ...this.settings, commentsCreate: false };
    };
    return html`
      <form novalidate @submit=${this.#submitShare}>
        <div class="body" style="padding:0">
          <fieldset part="settings">
            <legend>${msg('Share settings')}</legend>
            <p class="hint">${msg('From the project’s defaults; changes apply to this share only.')}</p>
            <label class="check">
              <input
                type="checkbox"
                name="requirePassword"
                .checked=${s.requirePassword}
                @change=${(e: Event) => set('requirePassword', (e.target as HTMLInputElement).checked)}
              />
              ${msg('Require a password')}
            </label>
            ${s.requirePassword
              ? html`<div class="field">
                  <label for="password">${msg('Password')}</label>
                  <input
                    id="password"
                    type="password"
                    name="password"
                    autocomplete="new-password"
                    aria-invalid=${this.errors.password ? 'true' : 'false'}
                    aria-describedby="password-error"
                    .value=${this.password}
                    @input=${(e: Event) => (this.password = (e.target as HTMLInputElement).value)}
                  />
                  ${this.#fieldError('password')}
                </div>`
              : nothing}
            <div class="field">
              <label for="expires">${msg('Expires on (leave empty for never)')}</label>
              <input
                id="expires"
                type="date"
                name="expires"
                min=${dateInputValue(new Date())}
                aria-invalid=${this.errors.expires ? 'true' : 'false'}
                aria-describedby="expires-error"
                .value=${this.expires}
                @input=${(e: Event) => (this.expires = (e.target as HTMLInputElement).value)}
              />
              ${this.#fieldError('expires')}
            </div>
            ${TOGGLES.map(
              (t) => html`<label class="check">
                <input
                  type="checkbox"
                  name=${t.key}
                  .checked=${s[t.key]}
                  ?disabled=${t.key === 'commentsCreate' && !s.commentsVisible}
                  @change=${(e: Event) => set(t.key, (e.target as HTMLInputElement).checked)}
                />
                ${t.label()}
              </label>`,
            )}
          </fieldset>
          ${this.#renderInviteFields()}
          ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
          <div class="footer">
            <button type="button" @click=${() => this.hide()}>${msg('Cancel')}</button>
            <button part="submit" class="primary" type="submit" ?disabled=${this.busy}>
              ${this.#recipients().length ? msg(str`Share and invite ${this.#recipients().length}`) : msg('Share', { desc: 'Button: create the share link.' })}
            </button>
          </div>
        </div>
      </form>
    `;
  }

  #renderInviteFields() {
    const picked = this.pickedUsers;
    return html`
      <fieldset part="invite">
        <legend>${msg('Invite people')}</legend>
        ${this.clientUsers.length
          ? html`<ul aria-label=${msg('Client users')}>
              ${this.clientUsers.map(
                (u) => html`<li>
                  <label class="check">
                    <input
                      type="checkbox"
                      .checked=${picked.has(u.id)}
                      @change=${(e: Event) => {
                        const next = new Set(this.pickedUsers);
                        if ((e.target as HTMLInputElement).checked) next.add(u.id);
                        else next.delete(u.id);
                        this.pickedUsers = next;
                      }}
                    />
                    ${u.name} &lt;${u.email}&gt;
                  </label>
                </li>`,
              )}
            </ul>`
          : nothing}
        ${this.newRecipients.length
          ? html`<ul aria-label=${msg('New client users')}>
              ${this.newRecipients.map(
                (r) => html`<li class="chip">
                  <span>${r.name} &lt;${r.email}&gt;</span>
                  <button
                    type="button"
                    aria-label=${msg(str`Remove ${r.name}`)}
                    @click=${() => (this.newRecipients = this.newRecipients.filter((x) => x !== r))}
                  >
                    ×
                  </button>
                </li>`,
              )}
            </ul>`
          : nothing}
        <div class="row">
          <div class="field">
            <label for="new-name">${msg('Name')}</label>
            <input
              id="new-name"
              type="text"
              autocomplete="off"
              aria-invalid=${this.errors.newName ? 'true' : 'false'}
              aria-describedby="newName-error"
              .value=${this.newName}
              @input=${(e: Event) => (this.newName = (e.target as HTMLInputElement).value)}
              @keydown=${this.#enterAdds}
            />
            ${this.#fieldError('newName')}
          </div>
          <div class="field">
            <label for="new-email">${msg('E-mail')}</label>
            <input
              id="new-email"
              type="email"
              autocomplete="off"
              aria-invalid=${this.errors.newEmail ? 'true' : 'false'}
              aria-describedby="newEmail-error"
              .value=${this.newEmail}
              @input=${(e: Event) => (this.newEmail = (e.target as HTMLInputElement).value)}
              @keydown=${this.#enterAdds}
            />
            ${this.#fieldError('newEmail')}
          </div>
          <button type="button" @click=${this.#addRecipient}>${msg('Add', { desc: 'Button: add the person typed in Name and E-mail to the invitation.' })}</button>
        </div>
        ${this.errors.recipients
          ? html`<p class="error recipients-error" tabindex="-1">${this.errors.recipients}</p>`
          : nothing}
        <div class="field">
          <label for="message">${msg('Personal message')}</label>
          <textarea
            id="message"
            aria-invalid=${this.errors.message ? 'true' : 'false'}
            aria-describedby="message-error"
            .value=${this.message}
            @input=${(e: Event) => (this.message = (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          ${this.#fieldError('message')}
        </div>
      </fieldset>
    `;
  }

  #enterAdds = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      this.#addRecipient();
    }
  };

  #renderInviteForm() {
    return html`
      <form novalidate @submit=${this.#submitInvite}>
        <div class="body" style="padding:0">
          ${this.share ? this.#renderLink(this.share) : nothing}
          ${this.#renderInviteFields()}
          ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
          <div class="footer">
            <button type="button" @click=${() => this.hide()}>${msg('Cancel')}</button>
            <button part="submit" class="primary" type="submit" ?disabled=${this.busy || !this.share}>
              ${msg('Send invitations')}
            </button>
          </div>
        </div>
      </form>
    `;
  }

  #renderLink(share: Share) {
    return html`
      <div class="field">
        <label for="link">${msg('Share link')}</label>
        <div class="link-row">
          <input id="link" part="link" type="url" readonly .value=${share.url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
          <button part="copy" type="button" @click=${this.#copy}>${msg('Copy link')}</button>
          <a part="preview" class="button" href=${previewUrl(share.url)} target="_blank" rel="noopener">${msg('Open preview')}</a>
        </div>
        ${share.revoked ? html`<p class="error">${msg('This link was revoked.')}</p>` : nothing}
      </div>
    `;
  }

  #renderDone() {
    const share = this.share;
    if (!share) return nothing;
    return html`
      <p class="success">${share.hasPassword ? msg('The playlist is shared. Clients need the password to open it.') : msg('The playlist is shared.')}</p>
      ${this.#renderLink(share)}
      ${this.busy && !this.sentTo.length ? html`<p class="sending" role="status">${msg('Sending invitations…')}</p>` : nothing}
      ${this.sentTo.length
        ? html`<div>
            <h3>${msg('Invitation sent to')}</h3>
            <ul>
              ${this.sentTo.map((t) => html`<li>${t}</li>`)}
            </ul>
          </div>`
        : nothing}
      ${this.formError ? html`<p class="error" role="alert">${this.formError}</p>` : nothing}
      <div class="footer">
        <button type="button" @click=${() => (this.phase = 'invite')}>${msg('Invite people')}</button>
        <button class="primary" type="button" @click=${() => this.hide()}>${msg('Done')}</button>
      </div>
    `;
  }

  #renderShares() {
    const shares = this.shares;
    if (!shares.length) return nothing;
    const fmt = (iso: string) => formatDate(iso, this.session?.locale);
    return html`
      <section part="shares" aria-labelledby="shares-title">
        <h3 id="shares-title">${msg('Links to this playlist')}</h3>
        <ul>
          ${shares.map(
            (s) => html`<li class="share">
              <span class="meta">
                <span>${s.url}</span>
                <span class="badge">
                  ${s.revoked
                    ? msg('Revoked')
                    : !s.expiresAt
                      ? msg('Never expires')
                      : Date.parse(s.expiresAt) < Date.now()
                        ? msg('Expired')
                        : msg(str`Expires ${fmt(s.expiresAt)}`)}
                  · ${s.hasPassword ? msg('password') : msg('no password')} · ${msg(str`created ${fmt(s.created)}`)}
                </span>
              </span>
              ${s.revoked
                ? nothing
                : html`<button class="danger" type="button" aria-label=${msg(str`Revoke link created ${fmt(s.created)}`)} @click=${() => this.#revoke(s)}>
                    ${msg('Revoke')}
                  </button>`}
            </li>`,
          )}
        </ul>
      </section>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'share-dialog': ShareDialog;
  }
}
