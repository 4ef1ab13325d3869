import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { localized, msg } from '@lit/localize';
import { state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { Operation } from '../../api/json-patch.js';
import { sessionContext, type SessionState } from '../../state/context.js';
import type { ReviewApi } from '../../api/review-api.js';
import type { OrgSettings } from '../../api/types.js';
import { canEditSettings } from '../../api/rights.js';
import { settingsFormStyles } from '../review-project-settings/settings-form.styles.js';

const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const HEX = /^#[0-9a-f]{6}$/i;
const FIELDS = ['studioName', 'logoUrl', 'accentColor', 'senderName', 'senderEmail'] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string>;

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
 * The organization's settings: studio name, logo, accent colour and the invitation e-mail's sender. They
 * brand the client page and the invitation e-mail of every share at once. Everyone can view them; editing
 * needs SETTINGS_EDIT. Saved as JSON Patch `replace` ops with `api.patchOrgSettings`, after validation.
 *
 * @csspart form - the `<form>`.
 * @csspart preview - the branding preview.
 * @csspart save - the save button.
 * @csspart message - the saved / error message.
 * @cssprop --review-accent - save button, focus rings.
 * @cssprop --review-danger - validation messages.
 */
@localized()
export class ReviewOrgSettings extends LitElement {
  static override styles = settingsFormStyles;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  private session?: SessionState;

  @state() private saved: OrgSettings | null = null;
  @state() private form: Form | null = null;
  @state() private errors: Partial<Record<Field, string>> = {};
  @state() private message = '';
  @state() private failed = false;
  @state() private busy = false;

  #api: ReviewApi | null = null;

  get editable(): boolean {
    return canEditSettings(this.session?.rights ?? []);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const api = this.session?.api ?? null;
    if (changed.has('session' as keyof ReviewOrgSettings) && api !== this.#api) {
      this.#api = api;
      if (this.session?.org) this.#fill(this.session.org);
      if (api) void this.#load(api);
    }
  }

  async #load(api: ReviewApi): Promise<void> {
    try {
      const org = await api.getOrgSettings();
      if (api === this.#api) this.#fill(org);
    } catch (e) {
      this.failed = true;
      this.message = `Could not load the organization settings: ${(e as Error).message}`;
    }
  }

  #fill(org: OrgSettings): void {
    this.saved = org;
    this.form = {
      studioName: org.studioName,
      logoUrl: org.logoUrl ?? '',
      accentColor: org.accentColor,
      senderName: org.senderName,
      senderEmail: org.senderEmail,
    };
    this.errors = {};
  }

  #validate(f: Form): Partial<Record<Field, string>> {
    const errors: Partial<Record<Field, string>> = {};
    if (!f.studioName.trim()) errors.studioName = 'Enter the studio name.';
    else if (f.studioName.trim().length > 100) errors.studioName = 'Keep the studio name under 100 characters.';
    if (f.logoUrl.trim() && !validLogoUrl(f.logoUrl.trim())) {
      errors.logoUrl = 'Enter a web address starting with https:// (or a path starting with /), or leave it empty.';
    }
    if (!HEX.test(f.accentColor.trim())) errors.accentColor = 'Enter a colour as #rrggbb, e.g. #e4572e.';
    if (!f.senderName.trim()) errors.senderName = 'Enter the name invitations come from.';
    if (!EMAIL.test(f.senderEmail.trim())) errors.senderEmail = 'Enter a valid e-mail address, like review@studio.com.';
    return errors;
  }

  async #save(e: Event): Promise<void> {
    e.preventDefault();
    const api = this.#api;
    const f = this.form;
    const saved = this.saved;
    if (!api || !f || !saved || !this.editable || this.busy) return;
    this.errors = this.#validate(f);
    this.message = '';
    this.failed = false;
    if (Object.keys(this.errors).length) {
      this.failed = true;
      this.message = 'Please fix the highlighted fields.';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
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
    if (!ops.length) {
      this.message = 'Nothing to save.';
      return;
    }
    this.busy = true;
    try {
      this.#fill(await api.patchOrgSettings(ops));
      this.message = 'Organization settings saved. Every shared playlist now uses them.';
    } catch (err) {
      this.failed = true;
      this.message = `Could not save: ${(err as Error).message}`;
    } finally {
      this.busy = false;
    }
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
    if (!f) return html`<p role=${this.failed ? 'alert' : 'status'}>${this.message || 'Loading organization settings…'}</p>`;
    const ro = !this.editable;
    const accent = HEX.test(f.accentColor) ? f.accentColor : '#808080';
    return html`
      <form part="form" novalidate @submit=${this.#save} aria-label=${msg('Organization settings')}>
        <p class="hint">${msg('These brand the client review page and the invitation e-mail of every shared playlist.')}</p>
        ${ro ? html`<p class="readonly">${msg('You can view these settings; changing them needs the SETTINGS_EDIT right.')}</p>` : nothing}
        <fieldset>
          <legend>${msg('Studio')}</legend>
          ${this.#input('studioName', 'Studio name', 'text')}
          ${this.#input('logoUrl', 'Logo URL', 'url', 'PNG or SVG, shown at the top of the client page and the e-mail.')}
          <div class="row">
            ${this.#input('accentColor', 'Accent colour', 'text')}
            <input
              type="color"
              aria-label=${msg('Pick the accent colour')}
              ?disabled=${ro}
              .value=${accent}
              @input=${(e: Event) => (this.form = { ...this.form!, accentColor: (e.target as HTMLInputElement).value })}
            />
          </div>
        </fieldset>
        <fieldset>
          <legend>${msg('Invitation e-mail sender')}</legend>
          ${this.#input('senderName', 'Sender name', 'text')} ${this.#input('senderEmail', 'Sender e-mail', 'email')}
        </fieldset>
        <div class="footer">
          ${ro ? nothing : html`<button part="save" class="primary" type="submit" ?disabled=${this.busy}>${msg('Save organization settings')}</button>`}
          <p part="message" class=${this.failed ? 'error' : 'saved'} role=${this.failed ? 'alert' : 'status'}>${this.message}</p>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-org-settings': ReviewOrgSettings;
  }
}
