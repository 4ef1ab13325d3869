import { css } from 'lit';
import { focusRing, formStyles, srOnly } from '../../styles/shared.js';

/** Form controls, focus ring and `.sr-only` come from the shared styles; these are the dialog's own. */
export const shareDialogStyles = [
  focusRing,
  srOnly,
  formStyles,
  css`
  :host {
    font-family: var(--review-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    color: var(--review-fg, #1a1c21);
  }
  dialog {
    width: min(640px, calc(100vw - 16px));
    max-height: calc(100dvh - 16px);
    box-sizing: border-box;
    padding: 0;
    border: 1px solid var(--review-border, #d0d7de);
    border-radius: var(--review-radius, 8px);
    background: var(--review-bg, #fff);
    color: inherit;
    font: inherit;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .body {
    padding: 16px;
    display: grid;
    gap: 16px;
  }
  .header {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 12px 16px;
    border-block-end: 1px solid var(--review-border, #d0d7de);
    position: sticky;
    top: 0;
    background: inherit;
    z-index: 1;
  }
  h2 {
    margin: 0;
    font-size: 1.1rem;
  }
  h3 {
    margin: 0 0 8px;
    font-size: 1rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: end;
  }
  .row .field {
    flex: 1 1 180px;
  }
  textarea {
    min-height: 80px;
    resize: vertical;
  }
  .danger {
    color: var(--review-danger, #b42318);
  }
  .close {
    width: 40px;
    padding: 0;
    border: none;
    font-size: 1.4rem;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 8px;
  }
  /* The actions stay in view at the foot of the dialog while the form scrolls (a screen shorter than it). */
  form .footer {
    position: sticky;
    bottom: 0;
    z-index: 1;
    margin-inline: -16px;
    margin-block-end: -16px;
    padding: 12px 16px;
    background: var(--review-bg, #fff);
    border-block-start: 1px solid var(--review-border, #d0d7de);
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 4px;
  }
  .chip {
    display: flex;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 2px 2px 2px 10px;
    border: 1px solid var(--review-border, #d0d7de);
    border-radius: var(--review-radius, 6px);
  }
  .link-row {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
  .link-row input {
    flex: 1 1 240px;
  }
  .confirm-revoke {
    flex: 1 1 100%;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 8px;
  }
  .share {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 8px;
    padding: 8px;
    border: 1px solid var(--review-border, #d0d7de);
    border-radius: var(--review-radius, 6px);
  }
  .share .meta {
    display: grid;
    gap: 2px;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .badge {
    font-size: 0.8rem;
    color: var(--review-muted, #555c69);
  }
`,
];
