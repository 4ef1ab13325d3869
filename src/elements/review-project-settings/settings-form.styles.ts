import { css } from 'lit';

/** Styles shared by the two settings forms (`<review-project-settings>`, `<review-org-settings>`). */
export const settingsFormStyles = css`
  :host {
    display: block;
    font-family: var(--review-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    color: var(--review-fg, #1a1c21);
  }
  form {
    display: grid;
    gap: 16px;
  }
  fieldset {
    border: 1px solid var(--review-border, #d0d7de);
    border-radius: var(--review-radius, 8px);
    margin: 0;
    padding: 12px;
    display: grid;
    gap: 10px;
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
  .check input,
  .radio input {
    width: 20px;
    height: 20px;
    margin: 0;
    flex: none;
  }
  .radio {
    display: flex;
    align-items: center;
    gap: 10px;
    min-height: 40px;
  }
  .field {
    display: grid;
    gap: 4px;
    min-width: 0;
  }
  input[type='text'],
  input[type='email'],
  input[type='url'],
  input[type='number'] {
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
  input[type='color'] {
    width: 48px;
    height: 40px;
    padding: 2px;
    border: 1px solid var(--review-border, #8c959f);
    border-radius: var(--review-radius, 6px);
    background: none;
  }
  input:disabled {
    opacity: 0.75;
  }
  [aria-invalid='true'] {
    border-color: var(--review-danger, #b42318) !important;
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
  button {
    font: inherit;
    min-height: 40px;
    min-width: 40px;
    padding: 0 12px;
    border-radius: var(--review-radius, 6px);
    border: 1px solid var(--review-border, #8c959f);
    background: var(--review-bg, #fff);
    color: inherit;
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  .primary {
    background: var(--review-accent, #2563eb);
    border-color: var(--review-accent, #2563eb);
    color: var(--review-accent-fg, #fff);
    font-weight: 600;
  }
  :focus-visible {
    outline: 2px solid var(--review-accent, #2563eb);
    outline-offset: 2px;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 8px;
  }
  .error {
    color: var(--review-danger, #b42318);
    margin: 0;
  }
  .saved {
    color: var(--review-success, #067647);
    margin: 0;
  }
  .readonly {
    color: var(--review-muted, #555c69);
    margin: 0;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 8px;
  }
  .status-row {
    display: grid;
    grid-template-columns: minmax(0, 1fr) minmax(0, 1.3fr) auto;
    gap: 8px;
    align-items: end;
    padding: 8px;
    border: 1px solid var(--review-border, #d0d7de);
    border-radius: var(--review-radius, 6px);
  }
  .status-row .tools {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
  }
  .swatch {
    display: inline-block;
    width: 1em;
    height: 1em;
    border-radius: 50%;
    vertical-align: middle;
    border: 1px solid var(--review-border, #d0d7de);
  }
  .row {
    display: flex;
    gap: 8px;
    align-items: end;
  }
  .row .field {
    flex: 1;
  }
`;
