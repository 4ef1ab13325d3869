import { css, unsafeCSS, type CSSResult } from 'lit';
import { v } from './tokens.js';

// Each style is a pure IIFE so a bundler drops the ones an element does not import.

/**
 * Visible keyboard focus for every focusable thing in a shadow root, in the token colours. Outline, not
 * box-shadow, so it survives Windows forced-colours mode. (Browsers draw no ring for mouse focus by
 * themselves: their default ring is on `:focus-visible` too.)
 */
export const focusRing: CSSResult = /* @__PURE__ */ (() => css`
  :focus-visible {
    outline: ${v['focus-width']} solid ${v['focus-color']};
    outline-offset: ${v['focus-offset']};
  }
`)();

/** `.sr-only`: text for screen readers only (live-region messages, labels of icon buttons). */
export const srOnly: CSSResult = /* @__PURE__ */ (() => css`
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
`)();

/**
 * Token-styled buttons: `<button class="button">` (neutral), `.button.ghost` (no border), `.button.icon`
 * (square, for an icon with an aria-label). At least `--review-control-size` (40 px) tall and wide, so
 * they are comfortable tap targets. Focus shows through `focusRing`, which every user of it includes.
 * An element that needs no other variant takes this alone; `buttonStyles` adds the rest.
 */
export const buttonBase: CSSResult = /* @__PURE__ */ (() => css`
  .button {
    box-sizing: border-box;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: calc(${v.space} * 0.75);
    min-height: ${v['control-size']};
    min-width: ${v['control-size']};
    padding: 0 calc(${v.space} * 1.75);
    border: 1px solid ${v.border};
    border-radius: ${v.radius};
    background: ${v.surface};
    color: ${v.fg};
    font: inherit;
    font-family: ${v.font};
    font-size: ${v['font-size']};
    line-height: 1.2;
    cursor: pointer;
    text-decoration: none;
    -webkit-tap-highlight-color: transparent;
  }
  .button:hover {
    border-color: ${v.muted};
  }
  .button:disabled,
  .button[aria-disabled='true'] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .button.ghost {
    background: transparent;
    border-color: transparent;
  }
  .button.ghost:hover {
    background: ${v.surface};
  }
  .button.icon {
    padding: 0;
    width: ${v['control-size']};
  }
`)();

/** `buttonBase` plus `.button.primary` (accent), `.button.danger` and the size of SVG icons inside. */
export const buttonStyles: CSSResult = /* @__PURE__ */ (() => css`
  ${buttonBase}
  .button.primary {
    background: ${v.accent};
    border-color: ${v.accent};
    color: ${v['accent-fg']};
  }
  .button.primary:hover {
    filter: brightness(1.08);
  }
  .button.danger {
    background: ${v.danger};
    border-color: ${v.danger};
    color: #fff;
  }
  .button ::slotted(svg),
  .button svg {
    width: 1.25em;
    height: 1.25em;
    flex: none;
  }
`)();

/**
 * Form controls of the form-like elements (settings forms, share dialog, the client page's gate):
 * `fieldset`/`legend`, `.field` (a label, a control, `.hint`, `.field-error`), `.check` (a checkbox or radio
 * with its label), text inputs and textareas, `button`/`.button` and `.primary`, and `.error` / `.success`
 * messages. The rules have no specificity (`:where`), so an element's own rules adjust them without a fight;
 * an invalid control (`aria-invalid="true"`) still shows the danger colour. Use it with `focusRing`.
 */
export const formStyles: CSSResult = /* @__PURE__ */ (() => {
  const textControls = unsafeCSS(
    ":where(input:is([type='text'], [type='email'], [type='password'], [type='url'], [type='date'], [type='number']), textarea)",
  );
  return css`
  :where(fieldset) {
    display: grid;
    gap: 8px;
    min-width: 0;
    margin: 0;
    padding: 12px;
    border: 1px solid ${v.border};
    border-radius: ${v.radius};
  }
  :where(legend) {
    padding: 0 4px;
    font-weight: 600;
  }
  :where(.field) {
    display: grid;
    gap: 4px;
    min-width: 0;
  }
  :where(.check) {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: ${v['control-size']};
  }
  :where(.check) input {
    flex: none;
    width: 20px;
    height: 20px;
    margin: 0;
  }
  ${textControls},
  :where(button, .button) {
    box-sizing: border-box;
    min-height: ${v['control-size']};
    border: 1px solid ${v['control-border']};
    border-radius: ${v.radius};
    background: ${v.bg};
    color: inherit;
    font: inherit;
  }
  ${textControls} {
    width: 100%;
    padding: 6px 10px;
  }
  [aria-invalid='true'] {
    border-color: ${v.danger};
  }
  :where(.hint, .field-error) {
    margin: 0;
    color: ${v.muted};
    font-size: 0.85rem;
  }
  :where(.field-error, .error) {
    color: ${v.danger};
  }
  :where(.error, .success) {
    margin: 0;
  }
  :where(.success) {
    color: ${v.success};
  }
  :where(button, .button) {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: ${v['control-size']};
    padding: 0 14px;
    text-decoration: none;
    cursor: pointer;
  }
  :where(button:disabled) {
    opacity: 0.6;
    cursor: default;
  }
  :where(.primary) {
    background: ${v.accent};
    border-color: ${v.accent};
    color: ${v['accent-fg']};
    font-weight: 600;
  }
`;
})();
