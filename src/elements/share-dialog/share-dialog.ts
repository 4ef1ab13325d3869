import { html, type PropertyValues } from 'lit';
import { msg, str } from '@lit/localize';
import { ReviewElement } from '../../internal/review-element.js';
import { property, query, state } from 'lit/decorators.js';
import { consume } from '../../store/context-subscription.js';
import { sessionContext, type SessionState } from '../../store/context.js';
import { canManageShares } from '../../contract/rights.js';
import { offers } from '../../contract/capabilities.js';
import { OnDemand } from '../../internal/on-demand.js';
import { shareDialogStyles } from './share-dialog.styles.js';

export { previewUrl } from './share-links.js';

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
 * @customElement share-dialog
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
export class ShareDialog extends ReviewElement {
  static override styles = shareDialogStyles;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  session?: SessionState;

  @property({ type: Number, attribute: 'playlist-id' }) playlistId: number | null = null;
  @property({ type: Number, attribute: 'share-id' }) shareId: number | null = null;
  @property({ type: Boolean, reflect: true }) open = false;

  @query('dialog') private dialog!: HTMLDialogElement;

  /** The forms (./share-form.ts), loaded once a user who may share has the dialog, or on opening. */
  readonly #forms = new OnDemand(this, async () => new (await import('./share-form.js')).ShareForms(this));

  /** Opens the dialog (modal). */
  show(): void {
    this.open = true;
  }

  /** Closes the dialog. */
  hide(): void {
    this.open = false;
  }

  /** Resolves once this update is done and the forms it waits for are shown. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const done = await super.getUpdateComplete();
    return (await this.#forms.whenSettled()) ? super.getUpdateComplete() : done;
  }

  protected override willUpdate(): void {
    // Fetched ahead for a user who may share, so opening is instant; a page without that right never fetches it.
    if (!this.#sharingOffered) return;
    if (this.open || canManageShares(this.session?.rights ?? [])) this.#forms.load();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('open')) {
      if (this.open && !this.dialog.open) {
        this.dialog.showModal();
      } else if (!this.open && this.dialog.open) {
        this.dialog.close();
      }
    }
    this.#forms.value?.sync(changed.has('open') && !this.open);
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

  /** False when the backend says it has no sharing (its capabilities): the dialog says so, nothing is fetched. */
  get #sharingOffered(): boolean {
    return offers(this.session?.capabilities, 'sharing');
  }

  protected override render() {
    const forms = this.#sharingOffered ? this.#forms.value : undefined;
    const failed = this.#forms.error;
    return html`
      <dialog part="dialog" aria-labelledby="title" @close=${this.#onClose} @keydown=${this.#onKeydown}>
        <div class="header">
          <h2 id="title">${forms?.title() ?? msg('Share playlist')}</h2>
          <button class="close" aria-label=${msg('Close')} @click=${() => this.hide()}>×</button>
        </div>
        <div class="body" aria-busy=${forms ? 'false' : 'true'}>
          ${
            !this.#sharingOffered
              ? html`<p class="error" role="alert">${msg('This review server does not offer sharing with clients.')}</p>`
              : forms
                ? forms.render()
                : failed
                  ? html`<p class="error" role="alert">${msg(str`The share form could not be loaded: ${failed.message}`)}</p>`
                  : html`<p class="hint">${msg('Loading…')}</p>`
          }
        </div>
      </dialog>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'share-dialog': ShareDialog;
  }
}
