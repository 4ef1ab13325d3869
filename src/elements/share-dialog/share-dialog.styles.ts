import { css } from 'lit';

export const shareDialogStyles = css`
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
  fieldset {
    border: 1px solid var(--review-border, #d0d7de);
    border-radius: var(--review-radius, 8px);
    margin: 0;
    padding: 12px;
    display: grid;
    gap: 8px;
    min-width: 0;
  }
  legend {
    font-weight: 600;
    padding: 0 4px;
  }
  .check {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 40px;
  }
  .check input {
    width: 20px;
    height: 20px;
    margin: 0;
    flex: none;
  }
  .field {
    display: grid;
    gap: 4px;
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
  input[type='text'],
  input[type='email'],
  input[type='password'],
  input[type='date'],
  input[type='url'],
  textarea {
    font: inherit;
    color: inherit;
    background: var(--review-bg, #fff);
    min-height: 40px;
    box-sizing: border-box;
    padding: 6px 10px;
    border: 1px solid var(--review-border, #8c959f);
    border-radius: var(--review-radius, 6px);
    width: 100%;
  }
  textarea {
    min-height: 80px;
    resize: vertical;
  }
  [aria-invalid='true'] {
    border-color: var(--review-danger, #b42318);
  }
  .field-error {
    color: var(--review-danger, #b42318);
    font-size: 0.85rem;
  }
  .hint {
    color: var(--review-muted, #555c69);
    font-size: 0.85rem;
    margin: 0;
  }
  button,
  .button {
    font: inherit;
    min-height: 40px;
    padding: 0 14px;
    border-radius: var(--review-radius, 6px);
    border: 1px solid var(--review-border, #8c959f);
    background: var(--review-bg, #fff);
    color: inherit;
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    text-decoration: none;
    box-sizing: border-box;
  }
  .primary {
    background: var(--review-accent, #2563eb);
    border-color: var(--review-accent, #2563eb);
    color: var(--review-accent-fg, #fff);
    font-weight: 600;
  }
  .danger {
    color: var(--review-danger, #b42318);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--review-accent, #2563eb);
    outline-offset: 2px;
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
  .error {
    color: var(--review-danger, #b42318);
    margin: 0;
  }
  .success {
    color: var(--review-success, #067647);
    margin: 0;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
