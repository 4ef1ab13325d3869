import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { ReviewElement } from '../../internal/review-element.js';
import { state } from 'lit/decorators.js';
import type { Operation } from '../../contract/types.js';
import type { ClientTheme, OrgSettings } from '../../contract/types.js';
import { isEmailAddress } from '../../contract/email.js';
import { settingsFormStyles } from '../review-project-settings/settings-form.styles.js';
import { SettingsFormController } from '../../internal/settings-form-controller.js';

const HEX = /^#[0-9a-f]{6}$/i;
const FIELDS = ['studioName', 'logoUrl', 'accentColor', 'senderName', 'senderEmail'] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string> & { clientTheme: ClientTheme };

/** Accepts an absolute http(s) URL or a path on this site (`/media/logo.png`). */
function validLogoUrl(value: string): boolean {
  if (value.startsWith('/') && !value.startsWith('//')) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * The organization's settings: studio name, logo, accent colour, the client page's theme and the invitation
 * e-mail's sender. They
 * brand the client page and the invitation e-mail of every share at once. Everyone can view them; editing
 * needs SETTINGS_EDIT. Saved as JSON Patch `replace` ops with `api.patchOrgSettings`, after validation.
 *
 * @customElement review-org-settings
 * @fires review-settings-saved - `{org}` after a save; `<review-session>` publishes it (accent at once).
 * @fires review-settings-save-request - `{target: 'org', ops, reply}`: asks the session to save the change.
 * @csspart form - the `<form>`.
 * @csspart preview - the branding preview.
 * @csspart save - the save button.
 * @csspart message - the saved / error message.
 * @cssprop --review-accent - save button, focus rings.
 * @cssprop --review-danger - validation messages.
 */
export class ReviewOrgSettings extends ReviewElement {
  static override styles = settingsFormStyles;

  @state() private form: Form | null = null;
  @state() private errors: Partial<Record<Field, string>> = {};

  readonly #settings = new SettingsFormController<OrgSettings>(this, {
    loadFailed: (reason) => msg(str`Could not load the organization settings: ${reason}`),
    savedMessage: () => msg('Organization settings saved. Every shared playlist now uses them.'),
    target: 'org',
    fromSession: (session) => session.org,
    refusal: (session) => session.orgError ?? null,
    savedDetail: (org) => ({ org }),
    fill: (org) => {
      this.form = {
        studioName: org.studioName,
        logoUrl: org.logoUrl ?? '',
        accentColor: org.accentColor,
        senderName: org.senderName,
        senderEmail: org.senderEmail,
        clientTheme: org.clientTheme ?? 'light',
      };
      this.errors = {};
    },
  });

  get editable(): boolean {
    return this.#settings.editable;
  }

  #validate(f: Form): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    if (!f.studioName.trim()) errors.studioName = msg('Enter the studio name.');
    else if (f.studioName.trim().length > 100) errors.studioName = msg('Keep the studio name under 100 characters.');
    if (f.logoUrl.trim() && !validLogoUrl(f.logoUrl.trim())) {
      errors.logoUrl = msg('Enter a web address starting with https:// (or a path starting with /), or leave it empty.');
    }
    if (!HEX.test(f.accentColor.trim())) errors.accentColor = msg('Enter a colour as #rrggbb, e.g. #e4572e.');
    if (!f.senderName.trim()) errors.senderName = msg('Enter the name invitations come from.');
    if (!isEmailAddress(f.senderEmail.trim())) errors.senderEmail = msg('Enter a valid e-mail address, like review@studio.com.');
    return errors;
  }

  async #save(e: Event): Promise<void> {
    e.preventDefault();
    const f = this.form;
    const saved = this.#settings.saved;
    if (!f || !saved || !this.#settings.canSave) return;
    this.errors = this.#validate(f);
    if (Object.keys(this.errors).length) return this.#settings.submit(null);
    const next: OrgSettings = {
      studioName: f.studioName.trim(),
      logoUrl: f.logoUrl.trim() || null,
      accentColor: f.accentColor.trim().toLowerCase(),
      senderName: f.senderName.trim(),
      senderEmail: f.senderEmail.trim(),
    };
    const ops: Operation[] = FIELDS.filter((k) => next[k] !== saved[k]).map((k) => ({
      op: 'replace',
      path: `/${k}`,
      value: next[k],
    }));
    // `add` sets the key whether or not a backend's settings had it yet (it is optional in the contract).
    if (f.clientTheme !== (saved.clientTheme ?? 'light')) ops.push({ op: 'add', path: '/clientTheme', value: f.clientTheme });
    await this.#settings.submit(ops);
  }

  #input(field: Field, label: string, type: string, hint?: string) {
    const f = this.form!;
    const error = this.errors[field];
    return html`<div class="field">
      <label for=${field}>${label}</label>
      <input
        id=${field}
        name=${field}
        type=${type}
        ?disabled=${!this.editable}
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${`${field}-error ${field}-hint`}
        .value=${f[field]}
        @input=${(e: Event) => (this.form = { ...this.form!, [field]: (e.target as HTMLInputElement).value })}
      />
      ${hint ? html`<span class="hint" id=${`${field}-hint`}>${hint}</span>` : nothing}
      ${error ? html`<span class="field-error" id=${`${field}-error`}>${error}</span>` : nothing}
    </div>`;
  }

  protected override render() {
    const f = this.form;
    if (!f) return this.#settings.renderLoading(msg('Loading organization settings…'));
    const ro = !this.editable;
    const accent = HEX.test(f.accentColor) ? f.accentColor : '#808080';
    return html`
      <form part="form" novalidate @submit=${this.#save} aria-label=${msg('Organization settings')}>
        <p class="hint">${msg('These brand the client review page and the invitation e-mail of every shared playlist.')}</p>
        ${ro ? html`<p class="readonly">${msg('You can view these settings but not change them. Ask a production admin if you need to.')}</p>` : nothing}
        <fieldset>
          <legend>${msg('Studio')}</legend>
          ${this.#input('studioName', msg('Studio name'), 'text')}
          ${this.#input('logoUrl', msg('Logo URL'), 'url', msg('PNG or SVG, shown at the top of the client page and the e-mail.'))}
          <div class="row">
            ${this.#input('accentColor', msg('Accent colour'), 'text')}
            <input
              type="color"
              aria-label=${msg('Pick the accent colour')}
              ?disabled=${ro}
              .value=${accent}
              @input=${(e: Event) => (this.form = { ...this.form!, accentColor: (e.target as HTMLInputElement).value })}
            />
          </div>
          <div class="field">
            <label for="clientTheme">${msg('Client page theme')}</label>
            <select
              id="clientTheme"
              ?disabled=${ro}
              aria-describedby="clientTheme-hint"
              @change=${(e: Event) => (this.form = { ...this.form!, clientTheme: (e.target as HTMLSelectElement).value as ClientTheme })}
            >
              <option value="light" ?selected=${f.clientTheme === 'light'}>${msg('Light')}</option>
              <option value="dark" ?selected=${f.clientTheme === 'dark'}>${msg('Dark')}</option>
              <option value="auto" ?selected=${f.clientTheme === 'auto'}>${msg('As the client’s device is set')}</option>
            </select>
            <span class="hint" id="clientTheme-hint">${msg('How the review page looks to your clients.')}</span>
          </div>
        </fieldset>
        <fieldset>
          <legend>${msg('Invitation e-mail sender')}</legend>
          ${this.#input('senderName', msg('Sender name'), 'text')} ${this.#input('senderEmail', msg('Sender e-mail'), 'email')}
        </fieldset>
        ${this.#settings.renderFooter(msg('Save organization settings'))}
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-org-settings': ReviewOrgSettings;
  }
}
