import { html, nothing, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { ContextSubscription } from '../store/context-subscription.js';
import type { Operation } from '../contract/types.js';
import type { ReviewApi } from '../contract/review-api.js';
import type { ReviewApiError } from '../contract/errors.js';
import { canEditSettings } from '../contract/rights.js';
import { sessionContext, type SessionState } from '../store/context.js';
import type { SettingsSavedDetail } from '../events.js';
import type { ReviewElement } from './review-element.js';

export interface SettingsFormOptions<T> {
  /** Why loading failed, as a whole sentence (translated: a function, called when the message is shown). */
  loadFailed(reason: string): string;
  /** Said after a successful save (translated). */
  savedMessage(): string;
  /** Which settings: the session loads and saves both, and holds the one copy. */
  target: 'settings' | 'org';
  /** The session's copy (null while it loads, or when the backend refused it). */
  fromSession(session: SessionState): T | null;
  /** Why the session has no copy although it loaded (the backend refused it), if it says. */
  refusal(session: SessionState): ReviewApiError | null;
  /** The detail of `review-settings-saved` for settings just saved. */
  savedDetail(settings: T): SettingsSavedDetail;
  /** Puts settings (loaded or just saved) into the host's form. */
  fill(settings: T): void;
}

/**
 * What `<review-org-settings>` and `<review-project-settings>` share: shows the session's copy of the
 * settings (the session loaded them; nothing loads them twice) and asks the session to save the JSON Patch
 * the host's form computed (`review-settings-save-request`), with the busy state and the message (status or
 * alert) the form shows. After a save the host fires `review-settings-saved` (bubbling, composed) with what
 * the server saved.
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
    let answer: Promise<T> | undefined;
    this.host.emit('review-settings-save-request', { target: this.options.target, ops, reply: (saved) => (answer = saved as Promise<T>) });
    if (!answer) return this.say(msg('These settings can be saved only inside a <review-session>.'), true);
    this.busy = true;
    this.say('');
    try {
      const saved = await answer;
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

  /**
   * Shows the session's copy once it has one (and a new one after another API). A session that loaded but
   * has no copy was refused it: the form says why.
   */
  #follow(session: SessionState): void {
    const api = session.api ?? null;
    const newApi = api !== this.#api;
    this.#api = api;
    const known = this.options.fromSession(session);
    if (known) {
      if (known !== this.saved && (newApi || !this.busy)) this.#fill(known);
    } else if (newApi) {
      this.saved = null;
    }
    if (api && !known && session.status === 'ready') {
      const refusal = this.options.refusal(session);
      this.say(this.options.loadFailed(refusal?.message ?? msg('the review server did not send them')), true);
    }
  }

  #fill(settings: T): void {
    this.saved = settings;
    this.options.fill(settings);
    this.host.requestUpdate();
  }
}
