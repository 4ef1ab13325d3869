import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { msg, str } from '@lit/localize';
import { property, query, state } from 'lit/decorators.js';
import { ContextSubscription, consume } from '../../store/context-subscription.js';
import { formatMention, formatTag } from '../../contract/markup.js';
import type { ReviewApi } from '../../contract/review-api.js';
import type { Drawing, User } from '../../contract/types.js';
import { MAX_DESCRIPTION_LENGTH } from '../../contract/types.js';
import { emit } from '../../events.js';
import { ReviewElement } from '../../internal/review-element.js';
import { draftContext, sessionContext, type SessionState } from '../../store/context.js';
import { peopleFor } from '../../store/people-store.js';
import { applyEdit, chipAround, chipOver, EMPTY_CHIP_TEXT, fromMarkup, insertChip, toMarkup, type ChipText } from './chip-text.js';
import { composerStyles } from './comment-thread.styles.js';
import { readDraft, writeDraft } from './drafts.js';
import { ATTACHMENT_TYPES, attachmentProblem, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_NOTE } from '../../contract/attachments.js';
import { formatBytes } from '../../i18n/format.js';

/** What the composer hands to its owner when the user sends. */
export interface ComposerSubmitDetail {
  text: string;
  /** The spot on the frame, in percent (0–100), or null. */
  spot: { x: number; y: number } | null;
  drawing: Drawing | null;
  internal: boolean;
  /** Files to attach once the note is saved (with `allow-files`); empty otherwise. */
  files: File[];
}

interface PickerOption {
  id: string;
  label: string;
  hint?: string;
  /** What the field shows once chosen: `@Alex Artist`, `#grade`. */
  chip: string;
  /** What is stored for it: `@{3,Alex Artist}`, `#{grade}`. */
  insert: string;
}

interface Trigger {
  kind: 'mention' | 'tag';
  /** Index of the `@` or `#` in the text. */
  start: number;
  query: string;
}

declare global {
  interface HTMLElementEventMap {
    'comment-composer-submit': CustomEvent<ComposerSubmitDetail>;
    'comment-composer-cancel': CustomEvent<void>;
  }
}

let uid = 0;

/**
 * The text field of `<comment-thread>` for a new comment, a reply or an edit. Typing `@` opens a list
 * of people (`api.searchUsers`) and inserts a mention; typing `#` opens a list of tags and inserts a tag —
 * both fully keyboard driven (Up/Down, Enter or Tab to insert, Escape to close). Ctrl/⌘+Enter sends.
 *
 * Mentions and tags show as chips reading `@Alex Artist` and `#grade`; `value` and what is sent keep the
 * markup (`@{3,Alex Artist}`, `#{grade}`, src/contract/markup.ts). A chip is one thing: Backspace or Delete
 * next to it, or any edit touching it, removes it whole, and the caret steps over it. The field stays a
 * native `<textarea>` holding the readable text (IME, spell checking, undo of typing, screen readers and
 * forms work as everywhere), with the chip ranges kept beside it (src/elements/comment-thread/chip-text.ts)
 * and an `aria-hidden` layer behind it drawing the chips — the react-mentions design — rather than a
 * contenteditable, whose caret, IME and screen reader behaviour around non-editable islands differs per
 * browser. Markup typed or pasted becomes a chip, as it would once stored.
 *
 * Whom `@` finds is the backend's answer (`searchUsers`): a studio user the production's studio members, a
 * client on a share the studio people on that share (docs/http-api.md). When it finds nobody, the hint
 * does not offer mentions.
 *
 * With `draft-key` the draft (text, spot, drawing, internal flag) is kept in localStorage, so it
 * survives errors, reloads and navigation until the owner calls `clear()` after posting.
 *
 * With `allow-spot` it offers "Add spot": it sends `review-spot-request {action: 'wait'}` (`cancel` when
 * turned off), then `review-spot-mode {active}`, and takes the spot picked for it from the session's draft
 * (`draftContext`: the annotation layer's pick). It also attaches the draft's drawing, the one on the
 * picture, whenever that changes; the `drawing` property does the same from script. Without a session the
 * toggle only sends the events: the host sets `spot`, which ends the wait.
 *
 * @customElement review-comment-composer
 * @summary Comment text field with mention and tag pickers, spot and drawing attachments.
 * @fires comment-composer-submit - `{text, spot, drawing, internal}` when the user sends.
 * @fires comment-composer-cancel - The user cancelled a reply or an edit.
 * @fires review-spot-request - `{action: 'wait' | 'cancel', requester}`: asks the session to wait for a spot for it, or to stop.
 * @fires review-spot-mode - `{active}`: the composer waits (or stopped waiting) for a spot pick.
 * @csspart form - The form.
 * @csspart label - The field's visible label.
 * @csspart textarea - The text field.
 * @csspart chips - The layer behind the text field that draws the mention and tag chips.
 * @csspart picker - The mention/tag suggestion list (role listbox).
 * @csspart option - A suggestion.
 * @csspart attachment - The spot / drawing / file chips.
 * @csspart attach-button - "Attach file" (with `allow-files`).
 * @csspart actions - The row of buttons.
 * @csspart submit - The Send/Save button.
 * @csspart message - The error or conflict message (role alert).
 * @attr mode - `new` (default), `reply` or `edit`.
 * @attr label - Visible label of the field.
 * @attr submit-label - Text of the send button.
 * @attr draft-key - Where the draft is kept in localStorage; none: not kept.
 * @attr allow-spot - Offer "Add spot" and attach drawings.
 * @attr allow-internal - Offer "Internal (studio only)".
 * @attr allow-files - Offer "Attach file", and take files dropped on it or images pasted into it (PNG,
 *   JPEG, WebP, GIF, PDF; up to 10 MB each): they go with the submit (`files`), to be uploaded once the note
 *   is saved. A file it can tell is wrong is refused at once, in words.
 * @attr message - An error to show under the field.
 */
export class ReviewCommentComposer extends ReviewElement {
  static override styles = composerStyles;
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  @consume({ context: sessionContext, subscribe: true })
  @state()
  private session?: SessionState;

  /** The session's draft: who waits for a spot, the spot picked, the drawing on the picture. */
  readonly #draft = new ContextSubscription(this, draftContext);

  @property({ reflect: true }) mode: 'new' | 'reply' | 'edit' = 'new';
  /** The field's label; empty: "Comment" in the UI locale. */
  @property() label = '';
  /** The submit button's text; empty: "Send" in the UI locale. */
  @property({ attribute: 'submit-label' }) submitLabel = '';
  @property() placeholder = '';
  @property({ attribute: 'draft-key' }) draftKey: string | null = null;
  @property({ type: Boolean, attribute: 'allow-spot' }) allowSpot = false;
  @property({ type: Boolean, attribute: 'allow-internal' }) allowInternal = false;
  @property({ type: Boolean, attribute: 'allow-files' }) allowFiles = false;
  /** Files chosen to go with the note (not kept in the draft: a browser cannot store them there). */
  @property({ attribute: false }) files: readonly File[] = [];
  @property() message = '';
  /**
   * The description, in markup (`@{3,Alex Artist}`, `#{grade}`): what is sent. Set it to prefill (e.g. the
   * description being edited); the field shows it with chips.
   */
  @property() value = '';
  /** The spot being placed, in percent of the frame. */
  @property({ attribute: false }) spot: { x: number; y: number } | null = null;
  /** The drawing attached to the comment being composed (from the annotation layer). */
  @property({ attribute: false }) drawing: Drawing | null = null;
  @property({ type: Boolean }) internal = false;
  /** Tags offered after `#` (e.g. the tags already used on the clip). */
  @property({ attribute: false }) knownTags: readonly string[] = [];

  /** Waiting for a spot without a session (in a session, the draft says who waits). */
  @state() private _spotMode = false;
  /** Why the last files offered were refused, or ''. */
  @state() private _fileProblem = '';
  @state() private _dropping = false;
  @state() private _trigger: Trigger | null = null;
  @state() private _options: PickerOption[] = [];
  @state() private _active = 0;
  /** What the field shows: the readable text and where its chips are (`value` is its markup). */
  @state() private _doc: ChipText = EMPTY_CHIP_TEXT;
  /** Whether `@` finds anybody (undefined until known: a client asks its share's people once). */
  @state() private _canMention: boolean | undefined = undefined;

  @query('textarea') private _textarea!: HTMLTextAreaElement;

  readonly #id = `composer-${++uid}`;
  #searchSeq = 0;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #loadedKey: string | null | undefined = undefined;
  /** The markup `_doc` was made from or makes: a new `value` from outside is read again. */
  #markup = '';
  /** The API whose people were asked whether anybody can be mentioned. */
  #mentionProbe: ReviewApi | undefined;
  /** The draft's last spot pick taken, and its drawing last seen (undefined: none seen yet). */
  #spotSeq = 0;
  #draftDrawing: Drawing | null | undefined = undefined;
  /** Where the composer was (its parent, its root): a wait it leaves behind is cancelled from there once it is gone. */
  #where: Node[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.#where = [this.parentNode!, this.getRootNode()];
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    // Gone, it can no longer take a spot: the picture must stop waiting for it.
    const from = this.#where.find((n) => n.isConnected);
    if (this.#waiting && from) emit(from, 'review-spot-request', { action: 'cancel', requester: this.#id });
    this._spotMode = false;
    clearTimeout(this.#searchTimer);
  }

  /** Whether the next spot picked is this composer's. */
  get #waiting(): boolean {
    const draft = this.#draft.value;
    return draft ? draft.spotFor === this.#id : this._spotMode;
  }

  override focus(options?: FocusOptions): void {
    if (this._textarea) this._textarea.focus(options);
    else void this.updateComplete.then(() => this._textarea?.focus(options));
  }

  /** Empties the field and forgets the stored draft (after the comment was posted). */
  clear(): void {
    this.value = '';
    this.spot = null;
    this.drawing = null;
    this.internal = false;
    this.files = [];
    this._fileProblem = '';
    this.#closePicker();
    writeDraft(this.draftKey, null);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('draftKey') && this.draftKey !== this.#loadedKey) {
      // Moving to another draft empties the field; the first one keeps what the host set (e.g. a drawing).
      const switched = this.#loadedKey !== undefined;
      this.#loadedKey = this.draftKey;
      const draft = readDraft(this.draftKey);
      if (draft) {
        this.value = draft.text;
        this.spot = draft.spot ?? null;
        this.drawing = draft.drawing ?? null;
        this.internal = !!draft.internal && this.allowInternal;
      } else if (switched && this.mode !== 'edit') {
        this.value = '';
        this.spot = null;
        this.drawing = null;
        this.internal = false;
      }
    }
    if (changed.has('allowInternal') && !this.allowInternal) this.internal = false;
    if (this.value !== this.#markup) {
      this._doc = fromMarkup(this.value);
      this.#markup = this.value;
    }
    this.#probeMentions();
    // A spot set by the host ends a wait without a session.
    if (changed.has('spot') && this.spot && this._spotMode) this.#setSpotMode(false);
    this.#followDraft();
  }

  /** Takes the spot picked for this composer and the drawing on the picture when they change in the draft. */
  #followDraft(): void {
    const draft = this.#draft.value;
    if (!draft || !this.allowSpot) return;
    let changed = false;
    const { spot, drawing } = draft;
    if (spot && spot.for === this.#id && spot.seq !== this.#spotSeq) {
      this.#spotSeq = spot.seq;
      this.spot = { x: spot.x, y: spot.y };
      changed = true;
    }
    if (drawing !== this.#draftDrawing) {
      // The first draft seen brings a drawing already on the picture, never an empty one over a stored draft's.
      if (drawing || this.#draftDrawing !== undefined) {
        this.drawing = drawing;
        changed = true;
      }
      this.#draftDrawing = drawing;
    }
    if (changed) this.#save();
  }

  protected override render() {
    const pickerOpen = !!this._trigger && this._options.length > 0;
    const activeId = pickerOpen ? `${this.#id}-opt-${this._active}` : undefined;
    const canSend = this.value.trim().length > 0;
    return html`
      <form
        part="form"
        class=${this._dropping ? 'dropping' : ''}
        @submit=${this.#submit}
        @dragover=${this.#onDragOver}
        @dragleave=${() => (this._dropping = false)}
        @drop=${this.#onDrop}
        novalidate
      >
        <label part="label" for="text">${this.label || msg('Comment')}</label>
        <div class="field">
          <div class="chips" part="chips" aria-hidden="true">${this.#renderChips()}</div>
          <textarea
            id="text"
            part="textarea"
            .value=${this._doc.text}
            placeholder=${this.placeholder || nothing}
            maxlength=${this.#maxLength}
            rows=${this.mode === 'new' ? 3 : 2}
            aria-describedby="hint"
            aria-autocomplete="list"
            aria-controls=${`${this.#id}-picker`}
            aria-activedescendant=${activeId ?? nothing}
            aria-invalid=${this.message ? 'true' : 'false'}
            @input=${this.#onInput}
            @keydown=${this.#onKeydown}
            @keyup=${this.#snapCaret}
            @click=${this.#onClick}
            @scroll=${this.#onScroll}
            @blur=${this.#onBlur}
            @paste=${this.#onPaste}
          ></textarea>
          <ul
            id=${`${this.#id}-picker`}
            part="picker"
            role="listbox"
            aria-label=${this._trigger?.kind === 'tag' ? msg('Tags') : msg('People')}
            ?hidden=${!pickerOpen}
          >
            ${
              pickerOpen
                ? this._options.map(
                    // Chosen by keyboard on the text box (aria-activedescendant), by pointer here.
                    // eslint-disable-next-line lit-a11y/click-events-have-key-events
                    (o, i) => html`<li
                    id=${`${this.#id}-opt-${i}`}
                    part="option"
                    role="option"
                    aria-selected=${i === this._active ? 'true' : 'false'}
                    @mousedown=${(e: Event) => e.preventDefault()}
                    @click=${() => this.#choose(i)}
                  >
                    <span class="option-label">${o.label}</span>${o.hint ? html`<span class="option-hint">${o.hint}</span>` : nothing}
                  </li>`,
                  )
                : nothing
            }
          </ul>
        </div>
        <div class="sr-only" role="status">${pickerOpen ? msg(str`${this._options.length} suggestions. Up and down to choose, Enter to insert.`) : ''}</div>
        ${this.#renderAttachments()}
        <div class="actions" part="actions">
          ${
            this.allowSpot
              ? html`<button
                type="button"
                class="button ghost"
                part="spot-toggle"
                aria-pressed=${this.#waiting ? 'true' : 'false'}
                @click=${() => this.#setSpotMode(!this.#waiting)}
              >
                ${this.spot ? msg('Move spot') : msg('Add spot')}
              </button>`
              : nothing
          }
          ${
            this.allowFiles
              ? html`<button type="button" class="button ghost" part="attach-button" @click=${() => this._fileInput?.click()}>
                  ${msg('Attach file')}</button
                ><input
                  type="file"
                  class="file-input"
                  multiple
                  accept=${ATTACHMENT_TYPES.join(',')}
                  tabindex="-1"
                  aria-hidden="true"
                  @change=${this.#onFilePicked}
                />`
              : nothing
          }
          ${
            this.allowInternal
              ? html`<label class="check"
                ><input
                  type="checkbox"
                  .checked=${this.internal}
                  @change=${(e: Event) => {
                    this.internal = (e.target as HTMLInputElement).checked;
                    this.#save();
                  }}
                />${msg('Internal (studio only)')}</label
              >`
              : nothing
          }
          <span class="spacer"></span>
          ${
            this.mode !== 'new'
              ? html`<button type="button" class="button ghost" @click=${this.#cancel}>${msg('Cancel')}</button>`
              : nothing
          }
          <button type="submit" class="button primary" part="submit" ?disabled=${!canSend}>${this.submitLabel || msg('Send')}</button>
        </div>
        <p id="hint" class="hint">${
          this.#waiting
            ? msg('Tap or click the picture to place the spot, or move its cursor with the arrow keys and press Enter.') + ' '
            : ''
        }${this._canMention ? msg('Type @ to mention someone, # to add a tag; Ctrl+Enter sends.') : msg('Type # to add a tag; Ctrl+Enter sends.')}</p>
        ${this.message ? html`<p part="message" class="message" role="alert">${this.message}</p>` : nothing}
        ${this._fileProblem ? html`<p part="message" class="message file-problem" role="alert">${this._fileProblem}</p>` : nothing}
      </form>
    `;
  }

  /** The limit is the stored description's: a chip's markup is longer than its label. */
  get #maxLength(): number {
    return MAX_DESCRIPTION_LENGTH - (this.value.length - this._doc.text.length);
  }

  /** The chips, drawn behind the text at the same place (same font, padding and wrapping as the field). */
  #renderChips() {
    const { text, chips } = this._doc;
    const pieces = [];
    let from = 0;
    for (const c of chips) {
      pieces.push(text.slice(from, c.start), html`<span class="chip ${c.kind}">${text.slice(c.start, c.end)}</span>`);
      from = c.end;
    }
    // A final line break needs something after it to take a line, as in the field.
    pieces.push(`${text.slice(from)} `);
    return pieces;
  }

  #renderAttachments() {
    if (!this.spot && !this.drawing && this.files.length === 0) return nothing;
    return html`<div class="attachments">
      ${this.files.map(
        (f) => html`<span part="attachment" class="attachment file"
          ><span class="file-name">${f.name}</span> <span class="size">${formatBytes(f.size, this.session?.locale ?? 'en')}</span
          ><button type="button" class="button ghost icon" aria-label=${msg(str`Remove ${f.name}`)} @click=${() => (this.files = this.files.filter((x) => x !== f))}>
            ✕
          </button></span
        >`,
      )}
      ${
        this.spot
          ? html`<span part="attachment" class="attachment"
            >${msg(str`Spot at ${Math.round(this.spot.x)} %, ${Math.round(this.spot.y)} %`)}<button
              type="button"
              class="button ghost icon"
              aria-label=${msg('Remove spot')}
              @click=${() => {
                this.spot = null;
                this.#save();
              }}
            >
              ✕
            </button></span
          >`
          : nothing
      }
      ${
        this.drawing
          ? html`<span part="attachment" class="attachment"
            >${this.drawing.shapes.length === 1 ? msg('Drawing attached (1 shape)') : msg(str`Drawing attached (${this.drawing.shapes.length} shapes)`)}<button
              type="button"
              class="button ghost icon"
              aria-label=${msg('Remove drawing')}
              @click=${() => {
                this.drawing = null;
                this.#save();
              }}
            >
              ✕
            </button></span
          >`
          : nothing
      }
    </div>`;
  }

  // — events —

  #onInput = (e: Event): void => {
    const ta = e.target as HTMLTextAreaElement;
    const { doc, caret } = applyEdit(this._doc, ta.value, ta.selectionEnd ?? ta.value.length);
    this.#setDoc(doc);
    if (doc.text !== ta.value) {
      // A chip went whole, or markup became a chip: the field shows the result at once.
      ta.value = doc.text;
      ta.setSelectionRange(caret, caret);
    }
    this.#save();
    this.#detect();
  };

  #setDoc(doc: ChipText): void {
    this._doc = doc;
    this.value = this.#markup = toMarkup(doc);
  }

  #onClick = (): void => {
    this.#snapCaret();
    this.#detect();
  };

  #onScroll = (e: Event): void => {
    const chips = this.renderRoot.querySelector<HTMLElement>('.chips');
    if (chips) chips.scrollTop = (e.target as HTMLTextAreaElement).scrollTop;
  };

  /** The caret never rests inside a chip: it goes to the nearer edge. */
  #snapCaret = (): void => {
    const ta = this._textarea;
    if (!ta || ta.selectionStart !== ta.selectionEnd) return;
    const chip = chipAround(this._doc, ta.selectionStart);
    if (!chip) return;
    const pos = ta.selectionStart - chip.start < chip.end - ta.selectionStart ? chip.start : chip.end;
    ta.setSelectionRange(pos, pos);
  };

  /** Left and Right step over a chip as over one character. */
  #stepOverChip(e: KeyboardEvent): boolean {
    const ta = this._textarea;
    if ((e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return false;
    if (!ta || ta.selectionStart !== ta.selectionEnd) return false;
    const left = e.key === 'ArrowLeft';
    const chip = chipOver(this._doc, left ? ta.selectionStart - 1 : ta.selectionStart);
    if (!chip) return false;
    e.preventDefault();
    const pos = left ? chip.start : chip.end;
    ta.setSelectionRange(pos, pos);
    this.#detect();
    return true;
  }

  #onBlur = (): void => {
    this.#closePicker();
  };

  #onKeydown = (e: KeyboardEvent): void => {
    const open = !!this._trigger && this._options.length > 0;
    if (open) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const n = this._options.length;
        this._active = (this._active + (e.key === 'ArrowDown' ? 1 : -1) + n) % n;
        return;
      }
      if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
        e.preventDefault();
        this.#choose(this._active);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.#closePicker();
        return;
      }
    }
    if (this.#stepOverChip(e)) return;
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.#submit(e);
      return;
    }
    if (e.key === 'Escape' && this.mode !== 'new') {
      e.preventDefault();
      this.#cancel();
      return;
    }
    // Caret moves do not fire `input`: look again once the key has moved it.
    if (e.key.startsWith('Arrow') || e.key === 'Home' || e.key === 'End') queueMicrotask(() => this.#detect());
  };

  #submit = (e: Event): void => {
    e.preventDefault();
    const text = this.value.trim();
    if (!text) return;
    this.#closePicker();
    if (this.#waiting) this.#setSpotMode(false);
    this.dispatchEvent(
      new CustomEvent<ComposerSubmitDetail>('comment-composer-submit', {
        detail: {
          text,
          spot: this.spot,
          drawing: this.drawing,
          internal: this.allowInternal && this.internal,
          files: this.allowFiles ? [...this.files] : [],
        },
      }),
    );
  };

  // — files —

  /**
   * Adds files to go with the note; those it can tell are wrong are refused with why. A file with no declared
   * type is let through: the backend reads its content.
   */
  addFiles(offered: Iterable<File>): void {
    const locale = this.session?.locale ?? 'en';
    const taken: File[] = [];
    const problems: string[] = [];
    for (const f of offered) {
      const problem = attachmentProblem(f);
      if (problem === 'too-big')
        problems.push(
          msg(str`“${f.name}” is ${formatBytes(f.size, locale)}; a file may be up to ${formatBytes(MAX_ATTACHMENT_BYTES, locale)}.`),
        );
      else if (problem === 'empty') problems.push(msg(str`“${f.name}” is empty.`));
      else if (problem === 'type' && f.type !== '')
        problems.push(msg(str`“${f.name}” cannot be attached: attach a PNG, JPEG, WebP or GIF image, or a PDF.`));
      else taken.push(f);
    }
    const room = MAX_ATTACHMENTS_PER_NOTE - this.files.length;
    if (taken.length > room) problems.push(msg(str`A note takes at most ${MAX_ATTACHMENTS_PER_NOTE} files.`));
    this.files = [...this.files, ...taken.slice(0, Math.max(0, room))];
    this._fileProblem = problems.join(' ');
  }

  @query('.file-input') private _fileInput?: HTMLInputElement;

  #onFilePicked = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    this.addFiles(input.files ?? []);
    input.value = ''; // the same file can be picked again after removing it
  };

  #onPaste = (e: ClipboardEvent): void => {
    if (!this.allowFiles) return;
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length === 0) return; // text: the field takes it as usual
    e.preventDefault();
    this.addFiles(files);
  };

  #onDragOver = (e: DragEvent): void => {
    if (!this.allowFiles || !e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    this._dropping = true;
  };

  #onDrop = (e: DragEvent): void => {
    this._dropping = false;
    if (!this.allowFiles || !e.dataTransfer?.files.length) return;
    e.preventDefault();
    this.addFiles(e.dataTransfer.files);
  };

  #cancel = (): void => {
    this.#closePicker();
    this.dispatchEvent(new CustomEvent('comment-composer-cancel'));
  };

  // — mention and tag picker —

  /** Opens, updates or closes the picker from the text just before the caret. */
  #detect = (): void => {
    const ta = this._textarea;
    if (!ta) return;
    const text = this._doc.text;
    const caret = ta.selectionStart ?? text.length;
    if (ta.selectionEnd !== caret) return this.#closePicker();
    const before = text.slice(0, caret);
    const m = /(^|[\s(])([@#])([^\s@#{}]{0,40})$/.exec(before);
    if (!m) return this.#closePicker();
    const trigger: Trigger = { kind: m[2] === '@' ? 'mention' : 'tag', start: caret - m[3].length - 1, query: m[3] };
    // Right after a chip (`#grade|`) is not a new tag; nor an `@` when nobody can be mentioned.
    if (chipOver(this._doc, trigger.start) || (trigger.kind === 'mention' && this._canMention === false)) return this.#closePicker();
    const same =
      this._trigger &&
      this._trigger.kind === trigger.kind &&
      this._trigger.query === trigger.query &&
      this._trigger.start === trigger.start;
    this._trigger = trigger;
    if (same) return;
    if (trigger.kind === 'tag') this.#setOptions(this.#tagOptions(trigger.query));
    else this.#searchPeople(trigger.query);
  };

  /**
   * Tags in use that match, those starting with the query first, then "new tag" last: Enter takes an
   * existing tag (`#gr` → `#grade`); making a new one is the explicit choice.
   */
  #tagOptions(queryText: string): PickerOption[] {
    const q = queryText.toLowerCase();
    const matching = [...new Set(this.knownTags)].filter((t) => t.toLowerCase().includes(q));
    const startsFirst = (t: string) => (t.toLowerCase().startsWith(q) ? 0 : 1);
    const known = matching.sort((a, b) => startsFirst(a) - startsFirst(b)).slice(0, 8);
    const options: PickerOption[] = known.map((t) => ({ id: `tag-${t}`, label: `#${t}`, chip: `#${t}`, insert: formatTag(t) }));
    if (queryText && !known.some((t) => t.toLowerCase() === q)) {
      options.push({
        id: `new-${queryText}`,
        label: `#${queryText}`,
        hint: msg('new tag'),
        chip: `#${queryText}`,
        insert: formatTag(queryText),
      });
    }
    return options;
  }

  #searchPeople(queryText: string): void {
    const people = peopleFor(this.session);
    clearTimeout(this.#searchTimer);
    if (!people) return this.#setOptions([]);
    // Until the answer comes, narrow what is shown so no stale name sits under the caret.
    const q = queryText.toLowerCase();
    this.#setOptions(this._options.filter((o) => o.label.toLowerCase().includes(q) || o.hint?.toLowerCase().includes(q)));
    const seq = ++this.#searchSeq;
    // A short pause so that typing a name does not send a request per key.
    this.#searchTimer = setTimeout(() => {
      people.search(queryText).then(
        (users: User[]) => {
          if (seq !== this.#searchSeq || this._trigger?.kind !== 'mention') return;
          this.#setOptions(
            users
              .slice(0, 8)
              .map((u) => ({ id: `user-${u.id}`, label: u.name, hint: u.email, chip: `@${u.name}`, insert: formatMention(u) })),
          );
        },
        () => {
          if (seq === this.#searchSeq) this.#setOptions([]);
        },
      );
    }, 120);
  }

  /**
   * Finds out whether `@` can find anybody, for the hint. A studio session searches the studio; a client
   * on a share asks once for its share's people (the answer is kept with the session's people search).
   */
  #probeMentions(): void {
    const session = this.session;
    if (!session?.api || session.status !== 'ready' || this.#mentionProbe === session.api) return;
    this.#mentionProbe = session.api;
    if (!session.me?.share) {
      this._canMention = true;
      return;
    }
    peopleFor(session)
      ?.search('')
      .then(
        (users) => (this._canMention = users.length > 0),
        () => (this._canMention = false),
      );
  }

  #setOptions(options: PickerOption[]): void {
    this._options = options;
    this._active = 0;
  }

  #choose(index: number): void {
    const option = this._options[index];
    const trigger = this._trigger;
    const ta = this._textarea;
    if (!option || !trigger || !ta) return;
    const caret = ta.selectionStart ?? this._doc.text.length;
    const { doc, caret: pos } = insertChip(this._doc, trigger.start, caret, option.chip, { kind: trigger.kind, markup: option.insert });
    this.#setDoc(doc);
    ta.value = doc.text;
    ta.setSelectionRange(pos, pos);
    this.#closePicker();
    this.#save();
  }

  #closePicker(): void {
    this.#searchSeq++;
    clearTimeout(this.#searchTimer);
    this._trigger = null;
    this._options = [];
    this._active = 0;
  }

  // — spot, drawing, draft —

  /** Asks the session to wait (or to stop waiting) for a spot for this composer, then says so. */
  #setSpotMode(active: boolean): void {
    if (this.#waiting === active) return;
    if (!this.#draft.value) this._spotMode = active;
    this.emit('review-spot-request', { action: active ? 'wait' : 'cancel', requester: this.#id });
    this.emit('review-spot-mode', { active });
  }

  #save(): void {
    writeDraft(this.draftKey, { text: this.value, spot: this.spot, drawing: this.drawing, internal: this.internal });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'review-comment-composer': ReviewCommentComposer;
  }
}
