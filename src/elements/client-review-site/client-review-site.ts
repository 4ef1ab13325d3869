import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str } from '@lit/localize';
import type { ReviewApi } from '../../contract/review-api.js';
import { connectReviewApi } from '../../store/connect.js';
import type { Id, Me, OpenAnswer, Playlist, PublicShare, ShareSession } from '../../contract/types.js';
import { StoreController } from '../../store/store.js';
import { ShareLinkStore, sessionStorageKeeper, type ShareLinkState } from '../../store/share-link-store.js';
import { applyAccent } from '../../styles/accent.js';
import { themeStyles } from '../../styles/tokens.js';
import { ReviewElement } from '../../internal/review-element.js';
import { setLocale } from '../../i18n/index.js';
import { clientSiteStyles } from './client-review-site.styles.js';
import { safeUrl } from '../../internal/safe-url.js';

/** What the page hands its `<review-session>` (its `preloaded`). */
type Preloaded = { me: Me; playlists: Playlist[] } | { opened: OpenAnswer };

/**
 * The complete client page of a share: studio branding (logo, name, accent colour as `--review-accent`),
 * the password gate when the share has one (with clear messages on a wrong password, 429 and 410), the
 * client's name (and e-mail) so notes are attributed, then a `<review-session>` on the share session's
 * token with the playlist, the player, the clip header, the comments (hidden, read-only or writable as the
 * share says; internal comments are never sent to a client), and — in the clip header — the status
 * picker (changeable when the share allows it) and "Download source" when the share allows it. The session token is kept in `sessionStorage`, so a reload does not ask
 * again. One column on a phone.
 *
 * Backend: by default a `RestReviewApi` on `api-base`. Set the `api` property to any `ReviewApi` (e.g. a
 * `MemoryReviewApi`) instead; its `withToken(token)` gives the client's API after the session opens (an
 * `api` without `withToken` is used as it is, i.e. it must already act as the client).
 *
 * `preview`: the studio's Preview mode — a blue bar above exactly what the client will see, opened from the
 * studio's sign-in (`studioApi.openSharePreview`): no password or name asked, and read-only, so nothing is
 * posted or changed as a client. Without a `studioApi` the page asks to sign in to the studio portal. The bar
 * has "Invite People". That button fires the cancelable `review-invite-request` `{shareId, shareToken}`; when no
 * listener cancels it and `studioApi` is set, the site opens its own `<share-dialog share-id>` on it. With
 * `client-review-site/define.js`, the dialog's code loads only in Preview mode with a `studioApi`: a
 * client's page never downloads it (see `loadShareDialog`).
 *
 * @customElement client-review-site
 * @fires review-invite-request - `{shareId, shareToken}` from the Preview bar's "Invite People" (cancelable).
 * @attr share-token - the token of the share link.
 * @attr api-base - base URL of the review API (e.g. `/api`).
 * @attr preview - shows the Preview-mode bar.
 * @attr theme - `light` | `dark` | `auto`. Default: the theme the studio chose in its settings (`PublicShare.theme`).
 * @attr locale - BCP 47 locale of the page (UI strings in `en`, `fr`, `ja`; dates and numbers by Intl).
 *   Default: the page's `lang`, else the browser's language. Passed on to the inner `<review-session>`.
 * @csspart preview-bar - the blue Preview bar.
 * @csspart preview-message - the line in the bar saying why "Invite People" did not open the share dialog.
 * @csspart branding - the studio header.
 * @csspart logo - the studio logo.
 * @csspart gate - the password / name form.
 * @csspart notice - the expired / revoked / not found page.
 * @cssprop --review-accent - set from the studio's accent colour unless the page sets it.
 * @cssprop --review-preview-bg - Preview bar colour (blue).
 */
export class ClientReviewSite extends ReviewElement {
  static override styles = [themeStyles, clientSiteStyles];

  @property({ attribute: 'share-token' }) shareToken = '';
  @property({ attribute: 'api-base' }) apiBase = '';
  @property({ type: Boolean, reflect: true }) preview = false;
  /** The client's language; the password gate shows before any `<review-session>` exists, so the site sets it. */
  @property() locale: string =
    (typeof document !== 'undefined' && document.documentElement.lang) || (typeof navigator !== 'undefined' && navigator.language) || 'en';
  /** A backend to use instead of `RestReviewApi` (stories, tests, offline demo). */
  @property({ attribute: false }) api: ReviewApi | null = null;
  /** Studio API for the Preview bar's "Invite People" dialog (needs SHARE_MANAGE). */
  @property({ attribute: false }) studioApi: ReviewApi | null = null;

  /**
   * Makes `<share-dialog>` available for Preview mode's "Invite People". The dialog serves only the
   * studio, so `client-review-site/define.js` sets this to a dynamic import and a client's page never
   * downloads it; `review-elements/define` registers the dialog itself. This default expects it registered.
   */
  static loadShareDialog: () => Promise<unknown> = async () => {
    if (!customElements.get('share-dialog')) throw new Error('<share-dialog> is not registered');
  };

  /** The link, its gate and the way in: one store per link (`share-token`) and backend. */
  @state() private link: ShareLinkStore | null = null;
  readonly #link = new StoreController<ShareLinkState>(this, () => this.link ?? undefined);
  @state() private gateError = '';
  @state() private passwordInvalid = false;
  @state() private busy = false;
  /** Why "Invite People" did not open the share dialog (not signed in to the studio, gate still shown, load failed). */
  @state() private inviteMessage = '';

  #loadKey = '';
  /** The public share whose accent colour (and theme) the page shows. */
  #accentOf: PublicShare | null = null;
  /** True when the `theme` attribute was set from the studio's settings, not by the page. */
  #themeFromShare = false;
  /**
   * What entering loaded, handed to the inner session: one object per entry, as a new one on every render of
   * the page would update the session, which then republishes its context to every element.
   */
  #handedOver: { from: ShareLinkState['entered']; preloaded: Preloaded | null } = { from: null, preloaded: null };

  /** The client's API once the share session is open (null before). */
  get sessionApi(): ReviewApi | null {
    return this.#entered?.api ?? null;
  }

  get #state(): ShareLinkState | undefined {
    return this.#link.state;
  }

  get #entered(): ShareLinkState['entered'] {
    return this.#state?.entered ?? null;
  }

  get #phase(): ShareLinkState['phase'] {
    return this.#state?.phase ?? 'loading';
  }

  get #publicShare(): PublicShare | null {
    return this.#state?.publicShare ?? null;
  }

  get #preloaded(): Preloaded | null {
    const entered = this.#entered;
    if (this.#handedOver.from !== entered) {
      // With the open call's answer the session starts with everything (who, settings, clips, the first clip).
      const preloaded = entered && (entered.opened ? { opened: entered.opened } : { me: entered.me, playlists: [entered.playlist] });
      this.#handedOver = { from: entered, preloaded };
    }
    return this.#handedOver.preloaded;
  }

  get #me(): Me | null {
    return this.#entered?.me ?? null;
  }

  /** The clip the session starts on: the playlist's first. */
  get #firstClipId(): Id | null {
    return this.#entered?.playlist.clipIds[0] ?? null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) void setLocale(this.locale);
    const pub = this.#publicShare;
    if (pub && pub !== this.#accentOf) {
      this.#accentOf = pub;
      applyAccent(this, pub.accentColor);
      // The studio's choice of theme, unless the page set one itself.
      if (pub.theme && (!this.hasAttribute('theme') || this.#themeFromShare)) {
        this.#themeFromShare = true;
        this.setAttribute('theme', pub.theme);
      }
    }
    // Fetched ahead, while the studio looks at the preview, so "Invite People" opens at once.
    const previewChanged = changed.has('preview') || changed.has('studioApi');
    if (previewChanged && this.preview && this.studioApi) void this.#loadShareDialog().catch(() => undefined);
    if (changed.has('shareToken') || changed.has('apiBase') || changed.has('api') || changed.has('preview') || changed.has('studioApi')) {
      const key = `${this.shareToken}|${this.apiBase}|${this.preview}`;
      if (this.shareToken && (key !== this.#loadKey || changed.has('api') || (this.preview && changed.has('studioApi')))) {
        this.#loadKey = key;
        this.link = new ShareLinkStore({
          shareToken: this.shareToken,
          publicApi: this.#publicApi(),
          apiFor: (session) => this.#apiFor(session),
          keeper: sessionStorageKeeper(this.shareToken),
          // Preview: opened from the studio's sign-in, read-only, with no gate (docs: `ReviewApi.openSharePreview`).
          preview: this.preview ? { studioApi: this.studioApi } : null,
        });
        void this.link.open();
      }
    }
  }

  #publicApi(): ReviewApi {
    if (this.api) return this.api;
    return connectReviewApi({ baseUrl: this.apiBase, productionId: '' });
  }

  #apiFor(session: ShareSession): ReviewApi {
    if (this.api) {
      // RestReviewApi.withToken takes the session's production as a second argument; others ignore it.
      const withToken = this.api.withToken as ((token: string, productionId?: string) => ReviewApi) | undefined;
      return withToken ? withToken.call(this.api, session.token, session.productionId) : this.api;
    }
    return connectReviewApi({ baseUrl: this.apiBase, productionId: session.productionId, token: session.token });
  }

  async #submitGate(e: Event): Promise<void> {
    e.preventDefault();
    if (this.busy) return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const password = String(data.get('password') ?? '');
    const name = String(data.get('name') ?? '').trim();
    const email = String(data.get('email') ?? '').trim();
    this.gateError = '';
    this.passwordInvalid = false;
    if (!name) {
      this.gateError = msg('Please enter your name, so the studio knows who left the notes.');
      form.querySelector<HTMLInputElement>('#name')?.focus();
      return;
    }
    if (this.#publicShare?.requiresPassword && !password) {
      this.gateError = msg('Please enter the password from your invitation.');
      this.passwordInvalid = true;
      form.querySelector<HTMLInputElement>('#password')?.focus();
      return;
    }
    const link = this.link;
    if (!link) return;
    this.busy = true;
    try {
      const refusal = await link.enterThroughGate({ name, email, password });
      if (refusal?.kind === 'wrong-password') {
        this.gateError = msg('That password is not right. Check your invitation and try again.');
        this.passwordInvalid = true;
        await this.updateComplete;
        const input = this.renderRoot.querySelector<HTMLInputElement>('#password');
        input?.focus();
        input?.select();
      } else if (refusal?.kind === 'too-many-tries') {
        this.gateError = msg('Too many wrong passwords. Please wait a minute, then try again.');
      } else if (refusal?.kind === 'not-opened') {
        this.gateError = msg('Could not open the playlist. Please try again.');
      } else if (refusal?.kind === 'failed') {
        this.gateError = msg(str`Could not open the playlist: ${refusal.error.message}`);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Signs the client out of this share (forgets the stored session) and shows the gate again. */
  signOut(): void {
    void this.link?.signOut();
  }

  #inviteRequest(): void {
    const shareId = this.#me?.share?.shareId ?? null;
    const go = this.emit('review-invite-request', { shareId, shareToken: this.shareToken }, { cancelable: true });
    this.inviteMessage = '';
    if (!go) return;
    if (!this.studioApi) this.inviteMessage = msg('Invite people from the studio portal: this page is not signed in to the studio.');
    else if (shareId == null) this.inviteMessage = msg('Open the playlist first, then invite people.');
    else void this.#openShareDialog();
  }

  #loadShareDialog(): Promise<unknown> {
    return (this.constructor as typeof ClientReviewSite).loadShareDialog();
  }

  async #openShareDialog(): Promise<void> {
    try {
      await this.#loadShareDialog();
    } catch (err) {
      this.inviteMessage = msg(str`The share dialog could not be loaded: ${(err as Error).message}`);
      return;
    }
    const dialog = this.renderRoot.querySelector('share-dialog');
    await dialog?.updateComplete;
    dialog?.show();
  }

  protected override render() {
    return html`
      ${this.preview ? this.#renderPreviewBar() : nothing} ${this.#renderBrand()}
      ${
        this.#phase === 'loading'
          ? html`<p class="notice muted" role="status">${msg('Loading…')}</p>`
          : this.#phase === 'gate'
            ? this.#renderGate()
            : this.#phase === 'ready'
              ? this.#renderSite()
              : this.#phase === 'preview-signed-out'
                ? this.#renderPreviewSignedOut()
                : this.#renderNotice()
      }
      ${
        this.preview && this.studioApi && this.#me?.share
          ? html`<review-session .api=${this.studioApi} locale=${this.locale}>
            <share-dialog share-id=${this.#me.share.shareId}></share-dialog>
          </review-session>`
          : nothing
      }
    `;
  }

  #renderPreviewBar() {
    return html`<div part="preview-bar" class="preview-bar" role="region" aria-label=${msg('Preview mode')}>
      <span>${msg('Preview — this is exactly what your client will see')}</span>
      <button type="button" @click=${this.#inviteRequest}>${msg('Invite People')}</button>
      ${this.inviteMessage ? html`<span part="preview-message" role="alert">${this.inviteMessage}</span>` : nothing}
    </div>`;
  }

  #renderBrand() {
    const pub = this.#publicShare;
    if (!pub) return nothing;
    // The logo URL comes from the studio's settings: only a web or image URL becomes an <img src>.
    const logo = safeUrl(pub.logoUrl, { images: true });
    return html`<header part="branding" class="brand">
      ${logo ? html`<img part="logo" src=${logo} alt=${pub.studioName} />` : nothing}
      <span class="studio" ?hidden=${!!logo}>${pub.studioName}</span>
      <h1 class="playlist">${pub.playlistName}</h1>
      ${
        this.#phase !== 'ready'
          ? nothing
          : this.#me?.share?.preview
            ? html`<span class="who">${msg(str`Previewing as ${this.#entered?.name ?? ''}`)}</span>`
            : html`<span class="who">${msg(str`Reviewing as ${this.#entered?.name ?? ''}`)}</span>
                <button type="button" @click=${() => this.signOut()}>${msg('Sign out')}</button>`
      }
    </header>`;
  }

  #renderGate() {
    const pub = this.#publicShare;
    const needsPassword = !!pub?.requiresPassword;
    return html`<section part="gate" class="gate" aria-labelledby="gate-title">
      <h1 id="gate-title">${pub?.playlistName || msg('Shared playlist')}</h1>
      <p class="muted">
        ${pub?.studioName ? msg(str`${pub.studioName} shared this playlist with you.`) : msg('The studio shared this playlist with you.')}
        ${
          needsPassword
            ? msg('Enter the password from your invitation and your name.')
            : pub?.commentsCreate === false
              ? msg('Tell us your name, so the studio knows who reviewed.')
              : msg('Tell us your name so your notes are attributed to you.')
        }
      </p>
      <form novalidate @submit=${this.#submitGate}>
        ${
          needsPassword
            ? html`<div class="field">
              <label for="password">${msg('Password')}</label>
              <input
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
                aria-invalid=${this.passwordInvalid ? 'true' : 'false'}
                aria-describedby="gate-error"
              />
            </div>`
            : nothing
        }
        <div class="field">
          <label for="name">${msg('Your name')}</label>
          <input id="name" name="name" type="text" autocomplete="name" required aria-describedby="gate-error" />
        </div>
        <div class="field">
          <label for="email">${msg('Your e-mail (optional)')}</label>
          <input id="email" name="email" type="email" autocomplete="email" />
        </div>
        <p id="gate-error" class="error" role="alert">${this.gateError}</p>
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.busy ? msg('Opening…') : msg('View playlist')}</button>
      </form>
    </section>`;
  }

  #renderPreviewSignedOut() {
    return html`<section part="notice" class="notice" role="alert">
      <h1>${msg('Sign in to the studio portal to preview this link')}</h1>
      <p class="muted">
        ${msg('Preview opens with your studio sign-in in this browser, so you see exactly what your client sees without posting as them.')}
      </p>
    </section>`;
  }

  #renderNotice() {
    const title =
      this.#phase === 'gone'
        ? this.#state?.goneReason === 'revoked'
          ? msg('The studio closed this link')
          : this.#state?.goneReason === 'expired'
            ? msg('This link has expired')
            : msg('This link has expired or was closed')
        : this.#phase === 'not-found'
          ? msg('This link does not exist')
          : msg('Something went wrong');
    const text =
      this.#phase === 'gone'
        ? this.#state?.goneReason === 'expired'
          ? msg(
              'Review links are open for a set time, and this one’s time is up. Ask the studio for a new invitation if you still need to review.',
            )
          : msg('Ask the studio for a new invitation if you still need to review.')
        : this.#phase === 'not-found'
          ? msg('Check that you opened the whole link from your invitation.')
          : (this.#state?.error?.message ?? '');
    return html`<section part="notice" class="notice" role="alert">
      <h1>${title}</h1>
      <p class="muted">${text}</p>
      ${this.#phase === 'error' ? html`<button type="button" @click=${() => void this.link?.open()}>${msg('Try again')}</button>` : nothing}
    </section>`;
  }

  /** `<review-room>`, whose code loads only for a share that allows rooms. */
  #room(playlistId: Id): TemplateResult {
    void import('../review-room/define.js');
    return html`<review-room playlist-id=${playlistId}></review-room>`;
  }

  #renderSite() {
    const scope = this.#me?.share;
    const commentsVisible = scope?.commentsVisible ?? true;
    // The clip header carries the status picker (changeable only with REVIEW_STATUS_EDIT, i.e. when the
    // share allows it) and "Download source" (only when the share allows downloads). Source order is the
    // reading and Tab order of a phone: picture, the playlist as a strip of clips, then the notes (whose
    // own header says "Comments": the page adds no second heading).
    return html`<review-session
      .api=${this.#entered?.api ?? null}
      .preloaded=${this.#preloaded}
      locale=${this.locale}
      clip-id=${this.#firstClipId ?? nothing}
    >
      <main class=${commentsVisible ? 'layout' : 'layout no-comments'}>
        <section class="stage" aria-label=${msg('Player')}>
          <review-player no-download>
            <review-annotation-layer slot="overlay"></review-annotation-layer>
          </review-player>
          <review-clip-header></review-clip-header>
        </section>
        <section class="playlist" aria-label=${msg('Playlist')}>
          ${
            // A share that allows rooms: the client joins the studio's review room here, by the clips (issue 23).
            scope?.allowRoom && !scope.preview ? this.#room(scope.playlistId) : nothing
          }
          <review-playlist></review-playlist>
        </section>
        ${
          commentsVisible
            ? html`<section class="comments">
              ${
                scope?.preview
                  ? html`<p class="muted" part="preview-note">
                    ${
                      scope.commentsCreate
                        ? msg('Your client can write notes here. In Preview nothing is posted or changed.')
                        : msg('Notes are read-only on this link. In Preview nothing is posted or changed.')
                    }
                  </p>`
                  : scope && !scope.commentsCreate
                    ? html`<p class="muted">${msg('Notes are read-only on this link.')}</p>`
                    : nothing
              }
              <comment-thread></comment-thread>
            </section>`
            : nothing
        }
      </main>
    </review-session>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'client-review-site': ClientReviewSite;
  }
}
