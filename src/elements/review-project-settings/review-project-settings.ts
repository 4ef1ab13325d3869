import { html, nothing } from 'lit';
import { msg, str } from '@lit/localize';
import { ReviewElement } from '../../internal/review-element.js';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Operation } from '../../contract/types.js';
import type { ProductionSettings, ReviewStatusOption, ShareSettings } from '../../contract/types.js';
import { SettingsFormController } from '../../internal/settings-form-controller.js';
import { settingsFormStyles } from './settings-form.styles.js';

const STATUS_ID = /^[A-Z][A-Z0-9_]*$/;
const HEX = /^#[0-9a-f]{6}$/i;

interface StatusRow extends ReviewStatusOption {
  /** Stable key for rendering while the id itself is being edited. */
  key: number;
}

type Errors = Record<string, string>;

// Labels are functions: msg() must run at render, once the locale is set, not at module load.
const SHARE_TOGGLES: Array<{ key: Exclude<keyof ShareSettings, 'expiresInDays'>; label: () => string }> = [
  { key: 'requirePassword', label: () => msg('Require a password') },
  { key: 'commentsVisible', label: () => msg('Clients can see comments') },
  { key: 'commentsCreate', label: () => msg('Clients can create comments') },
  { key: 'allowDownload', label: () => msg('Clients can download the source files') },
  { key: 'emailThumbnails', label: () => msg('Invitation e-mails contain thumbnails') },
  { key: 'allowStatusChange', label: () => msg('Clients can change the review status') },
  { key: 'allowCompare', label: () => msg('Clients can compare the versions in the playlist') },
  { key: 'allowRoom', label: () => msg('Clients can join the review room') },
];

/**
 * The production's settings: the share defaults every new share starts from, the list of review statuses
 * (id, label, colour — add, remove, reorder) and which version name clients see. Everyone can view them;
 * editing needs SETTINGS_EDIT. Saved as one JSON Patch (`replace` of what changed) with
 * `api.patchSettings`, which `<review-session>` sends for it; the form validates first and names what is wrong.
 *
 * @customElement review-project-settings
 * @fires review-settings-save-request - `{target: 'settings', ops, reply}`: asks the session to save the change.
 * @fires review-settings-saved - `{settings}` after a save; `<review-session>` publishes it, so status
 *   lists and share defaults everywhere follow at once.
 * @csspart form - the `<form>`.
 * @csspart save - the save button.
 * @csspart message - the saved / error message.
 * @cssprop --review-accent - save button, focus rings.
 * @cssprop --review-danger - validation messages.
 */
export class ReviewProjectSettings extends ReviewElement {
  static override styles = settingsFormStyles;

  @state() private shareDefaults: ShareSettings | null = null;
  @state() private expiresText = '';
  @state() private statuses: StatusRow[] = [];
  @state() private clientVersionName: ProductionSettings['clientVersionName'] = 'clientName';
  @state() private errors: Errors = {};

  #key = 0;

  readonly #settings = new SettingsFormController<ProductionSettings>(this, {
    loadFailed: (reason) => msg(str`Could not load the project settings: ${reason}`),
    savedMessage: () => msg('Project settings saved.'),
    target: 'settings',
    fromSession: (session) => session.settings,
    refusal: (session) => session.error,
    savedDetail: (settings) => ({ settings }),
    fill: (settings) => {
      this.shareDefaults = { ...settings.shareDefaults };
      this.expiresText = settings.shareDefaults.expiresInDays == null ? '' : String(settings.shareDefaults.expiresInDays);
      this.statuses = settings.reviewStatusConfig.possibleValues.map((s) => ({ ...s, key: this.#key++ }));
      this.clientVersionName = settings.clientVersionName;
      this.errors = {};
    },
  });

  get editable(): boolean {
    return this.#settings.editable;
  }

  #validate(): Errors {
    const errors: Errors = {};
    const days = this.expiresText.trim();
    if (days && !(/^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= 3650)) {
      errors.expires = msg('Enter a whole number of days between 1 and 3650, or leave it empty for never.');
    }
    if (this.statuses.length === 0) errors.statuses = msg('Keep at least one review status.');
    const seen = new Set<string>();
    for (const s of this.statuses) {
      if (!STATUS_ID.test(s.id)) {
        errors[`id-${s.key}`] = msg('Use capital letters, digits and _ , starting with a letter (e.g. NEEDS_WORK).');
      } else if (seen.has(s.id)) {
        errors[`id-${s.key}`] = msg(str`The id ${s.id} is used twice.`);
      }
      seen.add(s.id);
      if (!s.label.trim()) errors[`label-${s.key}`] = msg('Enter a label.');
      if (s.color && !HEX.test(s.color)) errors[`color-${s.key}`] = msg('Use a colour like #2f9e44.');
    }
    return errors;
  }

  /** The JSON Patch from the saved settings to the form. */
  #ops(saved: ProductionSettings): Operation[] {
    const ops: Operation[] = [];
    const days = this.expiresText.trim();
    const shareDefaults: ShareSettings = { ...this.shareDefaults!, expiresInDays: days ? Number(days) : null };
    if (JSON.stringify(shareDefaults) !== JSON.stringify(saved.shareDefaults)) {
      ops.push({ op: 'replace', path: '/shareDefaults', value: shareDefaults });
    }
    const values: ReviewStatusOption[] = this.statuses.map(({ id, label, color }) => ({
      id,
      label: label.trim(),
      ...(color ? { color } : {}),
    }));
    if (JSON.stringify(values) !== JSON.stringify(saved.reviewStatusConfig.possibleValues)) {
      ops.push({ op: 'replace', path: '/reviewStatusConfig/possibleValues', value: values });
    }
    if (this.clientVersionName !== saved.clientVersionName) {
      ops.push({ op: 'replace', path: '/clientVersionName', value: this.clientVersionName });
    }
    return ops;
  }

  async #save(e: Event): Promise<void> {
    e.preventDefault();
    const saved = this.#settings.saved;
    if (!saved || !this.#settings.canSave) return;
    this.errors = this.#validate();
    await this.#settings.submit(Object.keys(this.errors).length ? null : this.#ops(saved));
  }

  #setStatus(key: number, changes: Partial<ReviewStatusOption>): void {
    this.statuses = this.statuses.map((s) => (s.key === key ? { ...s, ...changes } : s));
  }

  async #moveStatus(key: number, delta: number): Promise<void> {
    const i = this.statuses.findIndex((s) => s.key === key);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= this.statuses.length) return;
    const next = [...this.statuses];
    [next[i], next[j]] = [next[j], next[i]];
    this.statuses = next;
    this.#settings.say(msg(str`${next[j].label || next[j].id} moved to position ${j + 1}.`));
    await this.updateComplete;
    // Keep focus on the same button as the row moves, so repeated presses keep moving it.
    this.renderRoot.querySelector<HTMLButtonElement>(`[data-key="${key}"] [data-move="${delta}"]`)?.focus();
  }

  async #addStatus(): Promise<void> {
    const key = this.#key++;
    this.statuses = [...this.statuses, { key, id: '', label: '', color: '#808080' }];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#id-${key}`)?.focus();
  }

  #error(key: string) {
    const m = this.errors[key];
    return m ? html`<span class="field-error" id=${`${key}-error`}>${m}</span>` : nothing;
  }

  protected override render() {
    const d = this.shareDefaults;
    if (!d) return this.#settings.renderLoading(msg('Loading project settings…'));
    const ro = !this.editable;
    return html`
      <form part="form" novalidate @submit=${this.#save} aria-label=${msg('Project settings')}>
        ${ro ? html`<p class="readonly">${msg('You can view these settings but not change them. Ask a production admin if you need to.')}</p>` : nothing}
        <fieldset>
          <legend>${msg('Share defaults')}</legend>
          <p class="hint">${msg('Every new share starts from these; they can be changed when sharing.')}</p>
          ${SHARE_TOGGLES.map(
            (t) => html`<label class="check">
              <input
                type="checkbox"
                name=${t.key}
                ?disabled=${ro}
                .checked=${d[t.key] === true}
                @change=${(e: Event) => (this.shareDefaults = { ...this.shareDefaults!, [t.key]: (e.target as HTMLInputElement).checked })}
              />
              ${t.label()}
            </label>`,
          )}
          <div class="field">
            <label for="expires">${msg('Links expire after (days; empty for never)')}</label>
            <input
              id="expires"
              type="text"
              inputmode="numeric"
              ?disabled=${ro}
              aria-invalid=${this.errors.expires ? 'true' : 'false'}
              aria-describedby="expires-error"
              .value=${this.expiresText}
              @input=${(e: Event) => (this.expiresText = (e.target as HTMLInputElement).value)}
            />
            ${this.#error('expires')}
          </div>
        </fieldset>
        <fieldset>
          <legend>${msg('Review statuses')}</legend>
          <ol aria-label=${msg('Review statuses')}>
            ${repeat(
              this.statuses,
              (s) => s.key,
              (s, i) => html`<li class="status-row" data-key=${s.key}>
                <div class="field">
                  <label for=${`id-${s.key}`}>${msg('Id', { desc: 'Identifier of a review status, e.g. NEEDS_WORK' })}</label>
                  <input
                    id=${`id-${s.key}`}
                    type="text"
                    ?disabled=${ro}
                    aria-invalid=${this.errors[`id-${s.key}`] ? 'true' : 'false'}
                    aria-describedby=${`id-${s.key}-error`}
                    .value=${s.id}
                    @input=${(e: Event) => this.#setStatus(s.key, { id: (e.target as HTMLInputElement).value.toUpperCase() })}
                  />
                  ${this.#error(`id-${s.key}`)}
                </div>
                <div class="field">
                  <label for=${`label-${s.key}`}>${msg('Label', { desc: 'Display name of a review status' })}</label>
                  <input
                    id=${`label-${s.key}`}
                    type="text"
                    ?disabled=${ro}
                    aria-invalid=${this.errors[`label-${s.key}`] ? 'true' : 'false'}
                    aria-describedby=${`label-${s.key}-error`}
                    .value=${s.label}
                    @input=${(e: Event) => this.#setStatus(s.key, { label: (e.target as HTMLInputElement).value })}
                  />
                  ${this.#error(`label-${s.key}`)}
                </div>
                <div class="field">
                  <label for=${`color-${s.key}`}>${msg('Colour')}</label>
                  <input
                    id=${`color-${s.key}`}
                    type="color"
                    ?disabled=${ro}
                    .value=${s.color && HEX.test(s.color) ? s.color : '#808080'}
                    @input=${(e: Event) => this.#setStatus(s.key, { color: (e.target as HTMLInputElement).value })}
                  />
                </div>
                ${
                  ro
                    ? nothing
                    : html`<div class="tools">
                      <button type="button" data-move="-1" ?disabled=${i === 0} aria-label=${msg(str`Move ${s.label || s.id || msg('status')} up`)} @click=${() => this.#moveStatus(s.key, -1)}>↑</button>
                      <button type="button" data-move="1" ?disabled=${i === this.statuses.length - 1} aria-label=${msg(str`Move ${s.label || s.id || msg('status')} down`)} @click=${() => this.#moveStatus(s.key, 1)}>↓</button>
                      <button type="button" aria-label=${msg(str`Remove ${s.label || s.id || msg('status')}`)} @click=${() => (this.statuses = this.statuses.filter((x) => x.key !== s.key))}>${msg('Remove')}</button>
                    </div>`
                }
              </li>`,
            )}
          </ol>
          ${this.#error('statuses')}
          ${ro ? nothing : html`<div><button type="button" @click=${this.#addStatus}>${msg('Add status')}</button></div>`}
        </fieldset>
        <fieldset>
          <legend>${msg('Version name clients see')}</legend>
          <label class="check">
            <input type="radio" name="cvn" value="clientName" ?disabled=${ro} .checked=${this.clientVersionName === 'clientName'} @change=${() => (this.clientVersionName = 'clientName')} />
            ${msg('Client version name (e.g. “Hyperspace jump — v12”)')}
          </label>
          <label class="check">
            <input type="radio" name="cvn" value="name" ?disabled=${ro} .checked=${this.clientVersionName === 'name'} @change=${() => (this.clientVersionName = 'name')} />
            ${msg('Internal version name (e.g. “hm_010_0040_comp_v012”)')}
          </label>
        </fieldset>
        ${this.#settings.renderFooter(msg('Save project settings'))}
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-project-settings': ReviewProjectSettings;
  }
}
