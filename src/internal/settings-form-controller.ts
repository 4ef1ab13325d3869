import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { ContextSubscription } from '../store/context-subscription.js';
import type { Operation } from '../contract/types.js';
import type { ReviewApi } from '../contract/review-api.js';
import { canEditSettings } from '../contract/rights.js';
import { sessionContext, type SessionState } from '../store/context.js';
import type { SettingsSavedDetail } from '../events.js';
import type { ReviewElement } from './review-element.js';

export interface SettingsFormOptions<T> {
  /** Why loading failed, as a whole sentence (translated: a function, called when the message is shown). */
  loadFailed(reason: string): string;
  /** Said after a successful save (translated). */
  savedMessage(): string;
  /** The session's copy, shown at once while a fresh one loads. */
  fromSession(session: SessionState): T | null;
  load(api: ReviewApi): Promise<T>;
  save(api: ReviewApi, ops: Operation[]): Promise<T>;
  /** The detail of `review-settings-saved` for settings just saved. */
  savedDetail(settings: T): SettingsSavedDetail;
  /** Puts settings (loaded or just saved) into the host's form. */
  fill(settings: T): void;
}

/**
 * What `<review-org-settings>` and `<review-project-settings>` share: reads the session, loads the settings
 * whenever the session's API changes, and saves the JSON Patch the host's form computed, with the busy
 * state and the message (status or alert) the form shows. After a save the host fires
 * `review-settings-saved` (bubbling, composed) with what the server saved.
 */
export class SettingsFormController<T> {
  /** The settings as the server last gave them (loaded or saved); null until loaded. */
  saved: T | null = null;
  busy = false;
  #message = '';
  #failed = false;
  #api: ReviewApi | null = null;
  readonly #session: ContextSubscription<typeof sessionContext>;

  constructor(
    private readonly host: ReviewElement,
    private readonly options: SettingsFormOptions<T>,
  ) {
    this.#session = new ContextSubscription(host, sessionContext, (session) => this.#follow(session));
  }

  get session(): SessionState | undefined {
    return this.#session.value;
  }

  /** True when the user may change the settings (SETTINGS_EDIT). */
  get editable(): boolean {
    return canEditSettings(this.session?.rights ?? []);
  }

  /** True when a save may start: loaded, editable, not already saving. */
  get canSave(): boolean {
    return !!this.#api && !!this.saved && this.editable && !this.busy;
  }

  /** Shows `message` below the form: an alert when `failed`, else a polite status. */
  say(message: string, failed = false): void {
    this.#message = message;
    this.#failed = failed;
    this.host.requestUpdate();
  }

  /**
   * Saves a change the host validated: `ops` is the JSON Patch from `saved` to the form, or null when the
   * form has errors (then it says so and moves focus to the first invalid field).
   */
  async submit(ops: Operation[] | null): Promise<void> {
    const api = this.#api;
    if (!api || !this.canSave) return;
    if (!ops) {
      this.say(msg('Please fix the highlighted fields.'), true);
      await this.host.updateComplete;
      this.host.shadowRoot?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    if (!ops.length) return this.say(msg('Nothing to save.'));
    this.busy = true;
    this.say('');
    try {
      const saved = await this.options.save(api, ops);
      this.#fill(saved);
      this.say(this.options.savedMessage());
      this.host.emit('review-settings-saved', this.options.savedDetail(saved));
    } catch (err) {
      this.say(msg(str`Could not save: ${(err as Error).message}`), true);
    } finally {
      this.busy = false;
      this.host.requestUpdate();
    }
  }

  /** "Loading…" (or why loading failed), for the host to render until `saved` is set. */
  renderLoading(text: string): TemplateResult {
    return html`<p role=${this.#failed ? 'alert' : 'status'}>${this.#message || text}</p>`;
  }

  /** The save button (when editable) and the message. */
  renderFooter(saveLabel: string): TemplateResult {
    return html`<div class="footer">
      ${this.editable ? html`<button part="save" class="primary" type="submit" ?disabled=${this.busy}>${saveLabel}</button>` : nothing}
      <p part="message" class=${this.#failed ? 'error' : 'success'} role=${this.#failed ? 'alert' : 'status'}>${this.#message}</p>
    </div>`;
  }

  /** A new API (or the first one): show the session's copy at once, then load a fresh one. */
  #follow(session: SessionState): void {
    const api = session.api ?? null;
    if (api === this.#api) return;
    this.#api = api;
    const known = this.options.fromSession(session);
    if (known) this.#fill(known);
    if (api) void this.#load(api);
  }

  async #load(api: ReviewApi): Promise<void> {
    try {
      const settings = await this.options.load(api);
      if (api === this.#api) this.#fill(settings);
    } catch (e) {
      this.say(this.options.loadFailed((e as Error).message), true);
    }
  }

  #fill(settings: T): void {
    this.saved = settings;
    this.options.fill(settings);
    this.host.requestUpdate();
  }
}
