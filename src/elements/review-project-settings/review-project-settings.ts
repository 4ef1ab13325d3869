import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { consume } from '@lit/context';
import type { Operation } from '../../api/json-patch.js';
import { sessionContext, type SessionState } from '../../state/context.js';
import type { ReviewApi } from '../../api/review-api.js';
import type { ProductionSettings, ReviewStatusOption, ShareSettings } from '../../api/types.js';
import { canEditSettings } from '../../api/rights.js';
import { settingsFormStyles } from './settings-form.styles.js';

const STATUS_ID = /^[A-Z][A-Z0-9_]*$/;
const HEX = /^#[0-9a-f]{6}$/i;

interface StatusRow extends ReviewStatusOption {
  /** Stable key for rendering while the id itself is being edited. */
  key: number;
}

type Errors = Record<string, string>;

const SHARE_TOGGLES: Array<{ key: Exclude<keyof ShareSettings, 'expiresInDays'>; label: string }> = [
  { key: 'requirePassword', label: 'Require a password' },
  { key: 'commentsVisible', label: 'Clients can see comments' },
  { key: 'commentsCreate', label: 'Clients can create comments' },
  { key: 'allowDownload', label: 'Clients can download the source files' },
  { key: 'emailThumbnails', label: 'Invitation e-mails contain thumbnails' },
  { key: 'allowStatusChange', label: 'Clients can change the review status' },
];

/**
 * The production's settings: the share defaults every new share starts from, the list of review statuses
 * (id, label, colour — add, remove, reorder) and which version name clients see. Everyone can view them;
 * editing needs SETTINGS_EDIT. Saved as one JSON Patch (`replace` of what changed) with
 * `api.patchSettings`; the form validates first and names what is wrong.
 *
 * @csspart form - the `<form>`.
 * @csspart save - the save button.
 * @csspart message - the saved / error message.
 * @cssprop --review-accent - save button, focus rings.
 * @cssprop --review-danger - validation messages.
 */
export class ReviewProjectSettings extends LitElement {
  static override styles = settingsFormStyles;

  @consume({ context: sessionContext, subscribe: true })
  @state()
  private session?: SessionState;

  @state() private saved: ProductionSettings | null = null;
  @state() private shareDefaults: ShareSettings | null = null;
  @state() private expiresText = '';
  @state() private statuses: StatusRow[] = [];
  @state() private clientVersionName: ProductionSettings['clientVersionName'] = 'clientName';
  @state() private errors: Errors = {};
  @state() private message = '';
  @state() private failed = false;
  @state() private busy = false;

  #api: ReviewApi | null = null;
  #key = 0;

  get editable(): boolean {
    return canEditSettings(this.session?.rights ?? []);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const api = this.session?.api ?? null;
    if (changed.has('session' as keyof ReviewProjectSettings) && api !== this.#api) {
      this.#api = api;
      if (this.session?.settings) this.#fill(this.session.settings);
      if (api) void this.#load(api);
    }
  }

  async #load(api: ReviewApi): Promise<void> {
    try {
      const settings = await api.getSettings();
      if (api === this.#api) this.#fill(settings);
    } catch (e) {
      this.failed = true;
      this.message = `Could not load the project settings: ${(e as Error).message}`;
    }
  }

  #fill(settings: ProductionSettings): void {
    this.saved = settings;
    this.shareDefaults = { ...settings.shareDefaults };
    this.expiresText = settings.shareDefaults.expiresInDays == null ? '' : String(settings.shareDefaults.expiresInDays);
    this.statuses = settings.reviewStatusConfig.possibleValues.map((s) => ({ ...s, key: this.#key++ }));
    this.clientVersionName = settings.clientVersionName;
    this.errors = {};
  }

  #validate(): Errors {
    const errors: Errors = {};
    const days = this.expiresText.trim();
    if (days && !(/^\d+$/.test(days) && Number(days) >= 1 && Number(days) <= 3650)) {
      errors.expires = 'Enter a whole number of days between 1 and 3650, or leave it empty for never.';
    }
    if (this.statuses.length === 0) errors.statuses = 'Keep at least one review status.';
    const seen = new Set<string>();
    for (const s of this.statuses) {
      if (!STATUS_ID.test(s.id)) {
        errors[`id-${s.key}`] = 'Use capital letters, digits and _ , starting with a letter (e.g. NEEDS_WORK).';
      } else if (seen.has(s.id)) {
        errors[`id-${s.key}`] = `The id ${s.id} is used twice.`;
      }
      seen.add(s.id);
      if (!s.label.trim()) errors[`label-${s.key}`] = 'Enter a label.';
      if (s.color && !HEX.test(s.color)) errors[`color-${s.key}`] = 'Use a colour like #2f9e44.';
    }
    return errors;
  }

  /** The JSON Patch from the saved settings to the form. */
  #ops(): Operation[] {
    const saved = this.saved!;
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
    const api = this.#api;
    if (!api || !this.saved || !this.editable || this.busy) return;
    this.errors = this.#validate();
    this.message = '';
    this.failed = false;
    if (Object.keys(this.errors).length) {
      this.failed = true;
      this.message = 'Please fix the highlighted fields.';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const ops = this.#ops();
    if (!ops.length) {
      this.message = 'Nothing to save.';
      return;
    }
    this.busy = true;
    try {
      this.#fill(await api.patchSettings(ops));
      this.message = 'Project settings saved.';
    } catch (err) {
      this.failed = true;
      this.message = `Could not save: ${(err as Error).message}`;
    } finally {
      this.busy = false;
    }
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
    this.message = `${next[j].label || next[j].id} moved to position ${j + 1}.`;
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
    if (!d) return html`<p role=${this.failed ? 'alert' : 'status'}>${this.message || 'Loading project settings…'}</p>`;
    const ro = !this.editable;
    return html`
      <form part="form" novalidate @submit=${this.#save} aria-label="Project settings">
        ${ro ? html`<p class="readonly">You can view these settings; changing them needs the SETTINGS_EDIT right.</p>` : nothing}
        <fieldset>
          <legend>Share defaults</legend>
          <p class="hint">Every new share starts from these; they can be changed when sharing.</p>
          ${SHARE_TOGGLES.map(
            (t) => html`<label class="check">
              <input
                type="checkbox"
                name=${t.key}
                ?disabled=${ro}
                .checked=${d[t.key]}
                @change=${(e: Event) => (this.shareDefaults = { ...this.shareDefaults!, [t.key]: (e.target as HTMLInputElement).checked })}
              />
              ${t.label}
            </label>`,
          )}
          <div class="field">
            <label for="expires">Links expire after (days; empty for never)</label>
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
          <legend>Review statuses</legend>
          <ol aria-label="Review statuses">
            ${repeat(
              this.statuses,
              (s) => s.key,
              (s, i) => html`<li class="status-row" data-key=${s.key}>
                <div class="field">
                  <label for=${`id-${s.key}`}>Id</label>
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
                  <label for=${`label-${s.key}`}>Label</label>
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
                  <label for=${`color-${s.key}`}>Colour</label>
                  <input
                    id=${`color-${s.key}`}
                    type="color"
                    ?disabled=${ro}
                    .value=${s.color && HEX.test(s.color) ? s.color : '#808080'}
                    @input=${(e: Event) => this.#setStatus(s.key, { color: (e.target as HTMLInputElement).value })}
                  />
                </div>
                ${ro
                  ? nothing
                  : html`<div class="tools">
                      <button type="button" data-move="-1" ?disabled=${i === 0} aria-label=${`Move ${s.label || s.id || 'status'} up`} @click=${() => this.#moveStatus(s.key, -1)}>↑</button>
                      <button type="button" data-move="1" ?disabled=${i === this.statuses.length - 1} aria-label=${`Move ${s.label || s.id || 'status'} down`} @click=${() => this.#moveStatus(s.key, 1)}>↓</button>
                      <button type="button" aria-label=${`Remove ${s.label || s.id || 'status'}`} @click=${() => (this.statuses = this.statuses.filter((x) => x.key !== s.key))}>Remove</button>
                    </div>`}
              </li>`,
            )}
          </ol>
          ${this.#error('statuses')}
          ${ro ? nothing : html`<div><button type="button" @click=${this.#addStatus}>Add status</button></div>`}
        </fieldset>
        <fieldset>
          <legend>Version name clients see</legend>
          <label class="radio">
            <input type="radio" name="cvn" value="clientName" ?disabled=${ro} .checked=${this.clientVersionName === 'clientName'} @change=${() => (this.clientVersionName = 'clientName')} />
            Client version name (e.g. “Hyperspace jump — v12”)
          </label>
          <label class="radio">
            <input type="radio" name="cvn" value="name" ?disabled=${ro} .checked=${this.clientVersionName === 'name'} @change=${() => (this.clientVersionName = 'name')} />
            Internal version name (e.g. “hm_010_0040_comp_v012”)
          </label>
        </fieldset>
        <div class="footer">
          ${ro ? nothing : html`<button part="save" class="primary" type="submit" ?disabled=${this.busy}>Save project settings</button>`}
          <p part="message" class=${this.failed ? 'error' : 'saved'} role=${this.failed ? 'alert' : 'status'}>${this.message}</p>
        </div>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-project-settings': ReviewProjectSettings;
  }
}
