/**
 * The share dialog's forms: the share settings, "Invite people", the link, the list of links — their
 * state, validation, requests and rendering. A module of its own, fetched when a studio user who may
 * share first has the dialog on the page, so a review page does not download it up front (docs/sizes.md).
 * It renders into the dialog's shadow root, so parts, styles and ids stay the dialog's.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import { msg, str } from '@lit/localize';
import type { ReviewApi } from '../../contract/review-api.js';
import {
  DEFAULT_SHARE_SETTINGS,
  type ClientUser,
  type Id,
  type InviteRecipient,
  type Playlist,
  type Share,
  type ShareSettings,
} from '../../contract/types.js';
import { canManageShares } from '../../contract/rights.js';
import { offers, type Capabilities } from '../../contract/capabilities.js';
import type { ReviewElement } from '../../internal/review-element.js';
import { formatDate } from '../../i18n/format.js';
import type { SessionState } from '../../store/context.js';
import { StoreController } from '../../store/store.js';
import { playlistStoreFor, type PlaylistState } from '../../store/playlist-store.js';
import { sharingStoreFor, type SharingState, type SharingStore } from '../../store/sharing-store.js';
import { previewUrl } from './share-links.js';
import { MAX_MESSAGE_LENGTH } from '../../contract/limits.js';
import { isEmailAddress } from '../../contract/email.js';

export const MIN_PASSWORD_LENGTH = 6;

/** What the forms need of `<share-dialog>`. */
export interface ShareFormHost extends ReactiveControllerHost, HTMLElement, Pick<ReviewElement, 'emit'> {
  readonly session?: SessionState;
  readonly playlistId: number | null;
  readonly shareId: number | null;
  readonly open: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
  hide(): void;
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
  /** Shown only when the backend offers this part (its capabilities). */
  needs?: keyof Capabilities;
}

const TOGGLES: SettingLabel[] = [
  { key: 'commentsVisible', label: () => msg('Clients can see comments') },
  { key: 'commentsCreate', label: () => msg('Clients can create comments') },
  { key: 'allowDownload', label: () => msg('Clients can download the source files') },
  { key: 'emailThumbnails', label: () => msg('Invitation e-mails contain thumbnails') },
  { key: 'allowStatusChange', label: () => msg('Clients can change the review status') },
  { key: 'allowCompare', label: () => msg('Clients can compare the versions in the playlist'), needs: 'versions' },
  { key: 'allowRoom', label: () => msg('Clients can join the review room'), needs: 'rooms' },
];

interface FormState {
  phase: Phase;
  settings: ShareSettings;
  password: string;
  expires: string;
  pickedUsers: ReadonlySet<Id>;
  newRecipients: Array<{ name: string; email: string }>;
  newName: string;
  newEmail: string;
  message: string;
  errors: FieldErrors;
  formError: string;
  busy: boolean;
  share: Share | null;
  sentTo: string[];
  status: string;
  /** The link whose "Revoke" was pressed and awaits confirmation. */
  confirmRevoke: Id | null;
}

/** What a form starts from: the project's share defaults, nobody invited yet, nothing shared. */
function freshForm(defaults: ShareSettings, shareId: number | null) {
  return {
    phase: shareId != null ? 'invite' : 'form',
    settings: { ...defaults },
    password: '',
    expires: defaults.expiresInDays == null ? '' : dateInputValue(new Date(Date.now() + defaults.expiresInDays * 86_400_000)),
    pickedUsers: new Set<Id>(),
    newRecipients: [],
    newName: '',
    newEmail: '',
    message: '',
    errors: {},
    formError: '',
    sentTo: [],
    status: '',
    share: null,
  } satisfies Partial<FormState>;
}

/** A state object whose assignments re-render the host, as `@state()` fields do on an element. */
function reactiveState<T extends object>(initial: T, host: ReactiveControllerHost): T {
  return new Proxy(initial, {
    set(target, key, value) {
      const record = target as Record<string | symbol, unknown>;
      if (!Object.is(record[key], value)) {
        record[key] = value;
        host.requestUpdate();
      }
      return true;
    },
  });
}

export class ShareForms {
  readonly state: FormState;
  /** The API and target (`playlistId/shareId`) the form was filled for; null before the session is ready. */
  #filledFrom: ReviewApi | null = null;
  #filledFor = '';

  readonly #sharingStore: StoreController<SharingState>;
  readonly #playlistStore: StoreController<PlaylistState>;

  constructor(readonly host: ShareFormHost) {
    this.#sharingStore = new StoreController(host, () => (this.#filledFrom ? sharingStoreFor(host.session) : undefined));
    this.#playlistStore = new StoreController(host, () =>
      this.#filledFrom ? playlistStoreFor(host.session, this.#playlistId) : undefined,
    );
    this.state = reactiveState<FormState>(
      {
        ...freshForm(DEFAULT_SHARE_SETTINGS, host.shareId),
        busy: false,
        confirmRevoke: null,
      },
      host,
    );
  }

  get #api(): ReviewApi | null {
    return this.host.session?.api ?? null;
  }

  /** The playlist shared: the share's own, when the dialog opened one by id. */
  get #playlistId(): Id | null {
    return this.host.playlistId ?? this.state.share?.playlistId ?? null;
  }

  get #sharing(): SharingState | undefined {
    return this.#sharingStore.state;
  }

  get #playlist(): Playlist | null {
    return this.#playlistStore.state?.playlist ?? null;
  }

  get #clientUsers(): readonly ClientUser[] {
    return this.#sharing?.clientUsers ?? [];
  }

  get #shares(): readonly Share[] {
    const plId = this.#playlistId;
    return (plId != null && this.#sharing?.shares.get(plId)) || [];
  }

  get #allowed(): boolean {
    return canManageShares(this.host.session?.rights ?? []);
  }

  /** The dialog's heading. */
  title(): string {
    if (this.state.phase === 'invite') return msg('Invite people');
    return this.#playlist ? msg(str`Share “${this.#playlist.name}”`) : msg('Share playlist');
  }

  /** Called after every update of the dialog; `closed` when it has just been closed. */
  sync(closed: boolean): void {
    // Closing keeps an unsent form, so an accidental Escape does not lose the people added and the
    // message typed; once something was shared, the next opening starts afresh.
    const unsent = this.state.phase !== 'done' && (this.state.share === null || this.host.shareId != null);
    if (closed && !unsent) this.#filledFrom = null;
    // Fill the form once the session is ready (the dialog may be opened, e.g. by the `open` attribute,
    // before <review-session> has loaded the user and the project's share defaults), and afresh for
    // another playlist or share.
    const api = this.#api;
    const session = this.host.session;
    const target = `${this.host.playlistId}/${this.host.shareId}`;
    if (this.host.open && api && session?.me && session.settings && (this.#filledFrom !== api || this.#filledFor !== target)) {
      this.#filledFrom = api;
      this.#filledFor = target;
      this.#reset();
      void this.#loadData();
    }
  }

  #reset(): void {
    Object.assign(this.state, freshForm(this.host.session?.settings?.shareDefaults ?? DEFAULT_SHARE_SETTINGS, this.host.shareId));
  }

  /** The client users, the share opened by id and the playlist's links, from the session's sharing store. */
  async #loadData(): Promise<void> {
    const sharing = sharingStoreFor(this.host.session);
    if (!sharing || !this.#allowed) return;
    const shareId = this.host.shareId;
    try {
      if (shareId != null) {
        await sharing.load(null, shareId);
        this.state.share = sharing.state.byId.get(shareId) ?? null;
      }
      await sharing.load(this.#playlistId);
      this.host.requestUpdate();
    } catch (e) {
      this.state.formError = msg(str`Could not load the sharing data: ${(e as Error).message}`);
    }
  }

  /** The dialog's body: the form of the current phase and the playlist's links. */
  render() {
    return html`${
      !this.#allowed
        ? html`<p class="error" role="alert">${msg('You can’t share playlists. Ask a production admin if you need to.')}</p>`
        : this.state.phase === 'form'
          ? this.#renderForm()
          : this.state.phase === 'invite'
            ? this.#renderInviteForm()
            : this.#renderDone()
    }
    ${this.#allowed ? this.#renderShares() : nothing}
    <p class="sr-only" role="status" aria-live="polite">${this.state.status}</p>`;
  }

  // — validation —

  #validateShare(): FieldErrors {
    const errors: FieldErrors = {};
    if (this.state.settings.requirePassword && this.state.password.length < MIN_PASSWORD_LENGTH) {
      errors.password = msg(str`Enter a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
    }
    if (this.state.expires && this.state.expires < dateInputValue(new Date())) {
      errors.expires = msg('The expiry date must be today or later.');
    }
    return { ...errors, ...this.#validateInvite(false) };
  }

  #validateInvite(requireSomeone: boolean): FieldErrors {
    const errors: FieldErrors = {};
    if (this.state.message.length > MAX_MESSAGE_LENGTH) {
      errors.message = msg(str`The message is too long (at most ${MAX_MESSAGE_LENGTH} characters).`);
    }
    if (this.state.newName.trim() || this.state.newEmail.trim()) {
      errors.newEmail = msg('Press “Add” to add this person, or clear the fields.');
    }
    if (requireSomeone && this.#recipients().length === 0) {
      errors.recipients = msg('Choose at least one person to invite.');
    }
    return errors;
  }

  #recipients(): InviteRecipient[] {
    return [
      ...[...this.state.pickedUsers].map((clientUserId) => ({ clientUserId })),
      ...this.state.newRecipients.map((r) => ({ name: r.name, email: r.email })),
    ];
  }

  async #focusFirstError(): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"], .recipients-error')?.focus();
  }

  #addRecipient(): void {
    const name = this.state.newName.trim();
    const email = this.state.newEmail.trim().toLowerCase();
    const errors: FieldErrors = { ...this.state.errors, newName: undefined, newEmail: undefined };
    if (!name) errors.newName = msg('Enter the person’s name.');
    if (!isEmailAddress(email)) errors.newEmail = msg('Enter a valid e-mail address, like name@example.com.');
    else if (
      this.state.newRecipients.some((r) => r.email === email) ||
      this.#clientUsers.some((u) => u.email.toLowerCase() === email && this.state.pickedUsers.has(u.id))
    ) {
      errors.newEmail = msg('This person is already in the list.');
    }
    this.state.errors = errors;
    if (errors.newName || errors.newEmail) {
      void this.#focusFirstError();
      return;
    }
    const existing = this.#clientUsers.find((u) => u.email.toLowerCase() === email);
    if (existing) this.state.pickedUsers = new Set(this.state.pickedUsers).add(existing.id);
    else this.state.newRecipients = [...this.state.newRecipients, { name, email }];
    this.state.newName = '';
    this.state.newEmail = '';
    this.state.errors = { ...errors, recipients: undefined };
    this.state.status = msg(str`${name} added to the invitation.`);
  }

  /** A field's new value; an error shown for it is checked again, so it goes once the value is right. */
  #edit(key: 'password' | 'expires' | 'message' | 'newName' | 'newEmail', value: string): void {
    this.state[key] = value;
    if (!this.state.errors[key]) return;
    // Name and e-mail are checked again on "Add" and on sending; until then, editing clears their error.
    const recheck: FieldErrors = key === 'newName' || key === 'newEmail' ? {} : this.#validateShare();
    this.state.errors = { ...this.state.errors, [key]: recheck[key] };
  }

  // — actions —

  async #submitShare(e: Event): Promise<void> {
    e.preventDefault();
    const sharing = sharingStoreFor(this.host.session);
    const plId = this.host.playlistId;
    if (!sharing || plId == null || this.state.busy) return;
    this.state.errors = this.#validateShare();
    this.state.formError = '';
    if (Object.values(this.state.errors).some(Boolean)) {
      void this.#focusFirstError();
      return;
    }
    this.state.busy = true;
    try {
      const share = await sharing.create(plId, {
        settings: { ...this.state.settings },
        password: this.state.settings.requirePassword ? this.state.password : null,
        expiresAt: this.state.expires ? endOfDayIso(this.state.expires) : null,
      });
      this.state.share = share;
      this.host.emit('review-share-created', { share });
      this.state.phase = 'done';
      await this.#sendInvites(sharing, share);
    } catch (err) {
      this.state.formError = msg(str`Could not share the playlist: ${(err as Error).message}`);
    } finally {
      this.state.busy = false;
    }
  }

  async #sendInvites(sharing: SharingStore, share: Share): Promise<void> {
    const recipients = this.#recipients();
    if (recipients.length === 0) return;
    try {
      const result = await sharing.invite(share.id, { recipients, message: this.state.message.trim() });
      this.state.sentTo = result.sent.map((r) => `${r.name} <${r.email}>`);
      this.state.status =
        result.sent.length === 1 ? msg('Invitation sent to 1 person.') : msg(str`Invitation sent to ${result.sent.length} people.`);
      this.state.pickedUsers = new Set();
      this.state.newRecipients = [];
      this.state.message = '';
    } catch (err) {
      this.state.formError = msg(str`The share was created, but the invitations were not sent: ${(err as Error).message}`);
      this.state.phase = 'invite';
    }
  }

  async #submitInvite(e: Event): Promise<void> {
    e.preventDefault();
    const sharing = sharingStoreFor(this.host.session);
    const share = this.state.share;
    if (!sharing || !share || this.state.busy) return;
    this.state.errors = this.#validateInvite(true);
    this.state.formError = '';
    if (Object.values(this.state.errors).some(Boolean)) {
      void this.#focusFirstError();
      return;
    }
    this.state.busy = true;
    this.state.phase = 'done';
    try {
      await this.#sendInvites(sharing, share);
    } finally {
      this.state.busy = false;
    }
  }

  async #copy(): Promise<void> {
    const url = this.state.share?.url;
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      this.state.status = msg('Link copied to the clipboard.');
    } catch {
      // No clipboard permission (e.g. http): fall back to selecting the text and the legacy copy command.
      const input = this.host.renderRoot.querySelector<HTMLInputElement>('input[part="link"]');
      input?.select();
      const ok = document.execCommand?.('copy');
      this.state.status = ok ? msg('Link copied to the clipboard.') : msg('Select the link and copy it (Ctrl+C).');
    }
  }

  /** Revoking cannot be undone: the row asks first, and focus goes to the answer. */
  async #askRevoke(id: Id | null): Promise<void> {
    this.state.confirmRevoke = id;
    await this.host.updateComplete;
    if (id != null) this.host.renderRoot.querySelector<HTMLElement>('.confirm-revoke .danger')?.focus();
  }

  async #revoke(share: Share): Promise<void> {
    const sharing = sharingStoreFor(this.host.session);
    if (!sharing) return;
    this.state.confirmRevoke = null;
    try {
      await sharing.revoke(share);
      if (this.state.share?.id === share.id) this.state.share = { ...this.state.share, revoked: true };
      this.state.status = msg('The link was revoked; it no longer opens.');
    } catch (err) {
      this.state.formError = msg(str`Could not revoke the link: ${(err as Error).message}`);
    }
  }

  #fieldError(key: keyof FieldErrors) {
    const message = this.state.errors[key];
    return message ? html`<span class="field-error" id=${`${key}-error`}>${message}</span>` : nothing;
  }

  #renderForm() {
    const s = this.state.settings;
    const set = <K extends keyof ShareSettings>(key: K, value: ShareSettings[K]) => {
      this.state.settings = { ...this.state.settings, [key]: value };
      if (key === 'commentsVisible' && !value) this.state.settings = { ...this.state.settings, commentsCreate: false };
    };
    return html`
      <form novalidate @submit=${(e: Event) => this.#submitShare(e)}>
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
            ${
              s.requirePassword
                ? html`<div class="field">
                  <label for="password">${msg('Password')}</label>
                  <input
                    id="password"
                    type="password"
                    name="password"
                    autocomplete="new-password"
                    aria-invalid=${this.state.errors.password ? 'true' : 'false'}
                    aria-describedby="password-error"
                    .value=${this.state.password}
                    @input=${(e: Event) => this.#edit('password', (e.target as HTMLInputElement).value)}
                  />
                  ${this.#fieldError('password')}
                </div>`
                : nothing
            }
            <div class="field">
              <label for="expires">${msg('Expires on (leave empty for never)')}</label>
              <input
                id="expires"
                type="date"
                name="expires"
                min=${dateInputValue(new Date())}
                aria-invalid=${this.state.errors.expires ? 'true' : 'false'}
                aria-describedby="expires-error"
                .value=${this.state.expires}
                @input=${(e: Event) => this.#edit('expires', (e.target as HTMLInputElement).value)}
              />
              ${this.#fieldError('expires')}
            </div>
            ${TOGGLES.filter((t) => !t.needs || offers(this.host.session?.capabilities, t.needs)).map(
              (t) => html`<label class="check">
                <input
                  type="checkbox"
                  name=${t.key}
                  .checked=${s[t.key] === true}
                  ?disabled=${t.key === 'commentsCreate' && !s.commentsVisible}
                  @change=${(e: Event) => set(t.key, (e.target as HTMLInputElement).checked)}
                />
                ${t.label()}
              </label>`,
            )}
          </fieldset>
          ${this.#renderInviteFields()}
          ${this.state.formError ? html`<p class="error" role="alert">${this.state.formError}</p>` : nothing}
          <div class="footer">
            <button type="button" @click=${() => this.host.hide()}>${msg('Cancel')}</button>
            <button part="submit" class="primary" type="submit" ?disabled=${this.state.busy}>
              ${this.#recipients().length ? msg(str`Share and invite ${this.#recipients().length}`) : msg('Share', { desc: 'Button: create the share link.' })}
            </button>
          </div>
        </div>
      </form>
    `;
  }

  #renderInviteFields() {
    const picked = this.state.pickedUsers;
    return html`
      <fieldset part="invite">
        <legend>${msg('Invite people')}</legend>
        ${
          this.#clientUsers.length
            ? html`<ul aria-label=${msg('Client users')}>
              ${this.#clientUsers.map(
                (u) => html`<li>
                  <label class="check">
                    <input
                      type="checkbox"
                      .checked=${picked.has(u.id)}
                      @change=${(e: Event) => {
                        const next = new Set(this.state.pickedUsers);
                        if ((e.target as HTMLInputElement).checked) next.add(u.id);
                        else next.delete(u.id);
                        this.state.pickedUsers = next;
                      }}
                    />
                    ${u.name} &lt;${u.email}&gt;
                  </label>
                </li>`,
              )}
            </ul>`
            : nothing
        }
        ${
          this.state.newRecipients.length
            ? html`<ul aria-label=${msg('New client users')}>
              ${this.state.newRecipients.map(
                (r) => html`<li class="chip">
                  <span>${r.name} &lt;${r.email}&gt;</span>
                  <button
                    type="button"
                    aria-label=${msg(str`Remove ${r.name}`)}
                    @click=${() => (this.state.newRecipients = this.state.newRecipients.filter((x) => x !== r))}
                  >
                    ×
                  </button>
                </li>`,
              )}
            </ul>`
            : nothing
        }
        <div class="row">
          ${this.#recipientField('newName', 'new-name', 'text', msg('Name'))}
          ${this.#recipientField('newEmail', 'new-email', 'email', msg('E-mail'))}
          <button type="button" @click=${() => this.#addRecipient()}>${msg('Add', { desc: 'Button: add the person typed in Name and E-mail to the invitation.' })}</button>
        </div>
        ${
          this.state.errors.recipients ? html`<p class="error recipients-error" tabindex="-1">${this.state.errors.recipients}</p>` : nothing
        }
        <div class="field">
          <label for="message">${msg('Personal message')}</label>
          <textarea
            id="message"
            aria-invalid=${this.state.errors.message ? 'true' : 'false'}
            aria-describedby="message-error"
            .value=${this.state.message}
            @input=${(e: Event) => this.#edit('message', (e.target as HTMLTextAreaElement).value)}
          ></textarea>
          ${this.#fieldError('message')}
        </div>
      </fieldset>
    `;
  }

  /** Name or e-mail of a person to add to the invitation; Enter adds them. */
  #recipientField(key: 'newName' | 'newEmail', id: string, type: 'text' | 'email', label: string) {
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input
        id=${id}
        type=${type}
        autocomplete="off"
        aria-invalid=${this.state.errors[key] ? 'true' : 'false'}
        aria-describedby=${`${key}-error`}
        .value=${this.state[key]}
        @input=${(e: Event) => this.#edit(key, (e.target as HTMLInputElement).value)}
        @keydown=${this.#enterAdds}
      />
      ${this.#fieldError(key)}
    </div>`;
  }

  #enterAdds = (e: KeyboardEvent): void => {
    if (e.key === 'Enter') {
      e.preventDefault();
      this.#addRecipient();
    }
  };

  #renderInviteForm() {
    return html`
      <form novalidate @submit=${(e: Event) => this.#submitInvite(e)}>
        <div class="body" style="padding:0">
          ${this.state.share ? this.#renderLink(this.state.share) : nothing}
          ${this.#renderInviteFields()}
          ${this.state.formError ? html`<p class="error" role="alert">${this.state.formError}</p>` : nothing}
          <div class="footer">
            <button type="button" @click=${() => this.host.hide()}>${msg('Cancel')}</button>
            <button part="submit" class="primary" type="submit" ?disabled=${this.state.busy || !this.state.share}>
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
          <button part="copy" type="button" @click=${() => this.#copy()}>${msg('Copy link')}</button>
          <a part="preview" class="button" href=${previewUrl(share.url)} target="_blank" rel="noopener">${msg('Open preview')}</a>
        </div>
        ${share.revoked ? html`<p class="error">${msg('This link was revoked.')}</p>` : nothing}
      </div>
    `;
  }

  #renderDone() {
    const share = this.state.share;
    if (!share) return nothing;
    return html`
      <p class="success">${share.hasPassword ? msg('The playlist is shared. Clients need the password to open it.') : msg('The playlist is shared.')}</p>
      ${this.#renderLink(share)}
      ${this.state.busy && !this.state.sentTo.length ? html`<p class="sending" role="status">${msg('Sending invitations…')}</p>` : nothing}
      ${
        this.state.sentTo.length
          ? html`<div>
            <h3>${msg('Invitation sent to')}</h3>
            <ul>
              ${this.state.sentTo.map((t) => html`<li>${t}</li>`)}
            </ul>
          </div>`
          : nothing
      }
      ${this.state.formError ? html`<p class="error" role="alert">${this.state.formError}</p>` : nothing}
      <div class="footer">
        <button type="button" @click=${() => (this.state.phase = 'invite')}>${msg('Invite people')}</button>
        <button class="primary" type="button" @click=${() => this.host.hide()}>${msg('Done')}</button>
      </div>
    `;
  }

  #renderShares() {
    const shares = this.#shares;
    if (!shares.length) return nothing;
    const fmt = (iso: string) => formatDate(iso, this.host.session?.locale);
    return html`
      <section part="shares" aria-labelledby="shares-title">
        <h3 id="shares-title">${msg('Links to this playlist')}</h3>
        <ul>
          ${shares.map(
            (s) => html`<li class="share">
              <span class="meta">
                <span>${s.url}</span>
                <span class="badge">
                  ${
                    s.revoked
                      ? msg('Revoked')
                      : !s.expiresAt
                        ? msg('Never expires')
                        : Date.parse(s.expiresAt) < Date.now()
                          ? msg('Expired')
                          : msg(str`Expires ${fmt(s.expiresAt)}`)
                  }
                  · ${s.hasPassword ? msg('password') : msg('no password')} · ${msg(str`created ${fmt(s.created)}`)}
                </span>
              </span>
              ${
                s.revoked
                  ? nothing
                  : this.state.confirmRevoke === s.id
                    ? html`<span class="confirm-revoke" role="group" aria-label=${msg('Revoke this link?')}>
                      <span>${msg('Clients who have this link can no longer open it.')}</span>
                      <button class="danger" type="button" @click=${() => this.#revoke(s)}>${msg('Revoke link')}</button>
                      <button type="button" @click=${() => this.#askRevoke(null)}>${msg('Keep link')}</button>
                    </span>`
                    : html`<button
                      class="danger"
                      type="button"
                      aria-label=${msg(str`Revoke link created ${fmt(s.created)}`)}
                      @click=${() => this.#askRevoke(s.id)}
                    >
                      ${msg('Revoke')}
                    </button>`
              }
            </li>`,
          )}
        </ul>
      </section>
    `;
  }
}
