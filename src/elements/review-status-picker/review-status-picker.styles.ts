import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    position: relative;
    font-family: var(--review-font, inherit);
    color: var(--review-fg, #1f2328);
    --_accent: var(--review-accent, #3b82f6);
    --_border: var(--review-border, #c9ced6);
    --_bg: var(--review-bg, #ffffff);
    --_radius: var(--review-radius, 6px);
    --_space: var(--review-space, 8px);
  }
  :host([hidden]) {
    display: none;
  }
  .vh {
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
  .dot {
    flex: none;
    width: 0.75em;
    height: 0.75em;
    border-radius: 50%;
    background: var(--_dot, var(--review-muted, #6b7280));
    /* A ring keeps a pale status colour visible on any background. */
    box-shadow: 0 0 0 1px color-mix(in srgb, currentColor 25%, transparent);
  }
  [part~='button'],
  [part~='chip'] {
    display: inline-flex;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    box-sizing: border-box;
    min-height: 40px;
    font: inherit;
    line-height: 1.2;
  }
  [part~='button'] {
    padding: 0 calc(var(--_space) * 1.5);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: inherit;
    cursor: pointer;
  }
  [part~='button']:hover:not([aria-disabled='true']) {
    border-color: var(--_accent);
  }
  [part~='button']:focus-visible,
  [part~='listbox']:focus-visible,
  [part~='dismiss']:focus-visible,
  [part~='retry']:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  [part~='button'][aria-disabled='true'] {
    cursor: progress;
  }
  .chevron {
    font-size: 0.75em;
    opacity: 0.7;
  }
  /* Read only: a flat pill that does not invite a click. */
  [part~='chip'] {
    padding: 0 calc(var(--_space) * 1.25);
    border-radius: 999px;
    background: color-mix(in srgb, currentColor 7%, transparent);
    cursor: default;
  }
  [part~='listbox'] {
    position: absolute;
    z-index: 10;
    top: calc(100% + 4px);
    left: 0;
    box-sizing: border-box;
    min-width: max(100%, 12rem);
    max-width: min(20rem, 100vw - 16px);
    max-height: 18rem;
    overflow: auto;
    margin: 0;
    padding: 4px;
    list-style: none;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 8px 24px rgb(0 0 0 / 0.18);
  }
  [part~='listbox'][hidden] {
    display: none;
  }
  [part~='option'] {
    display: flex;
    align-items: center;
    gap: calc(var(--_space) * 0.75);
    min-height: 40px;
    padding: 0 calc(var(--_space) * 1.25);
    border-radius: calc(var(--_radius) - 2px);
    cursor: pointer;
    user-select: none;
  }
  [part~='option-active'] {
    background: color-mix(in srgb, var(--_accent) 16%, transparent);
    outline: 1px solid color-mix(in srgb, var(--_accent) 60%, transparent);
  }
  [part~='option-selected'] {
    font-weight: 600;
  }
  .check {
    margin-inline-start: auto;
    padding-inline-start: var(--_space);
  }
  .spinner {
    width: 0.9em;
    height: 0.9em;
    border: 2px solid color-mix(in srgb, currentColor 25%, transparent);
    border-top-color: currentColor;
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 2.4s;
    }
  }
  [part~='error'] {
    display: flex;
    align-items: center;
    gap: var(--_space);
    margin: 4px 0 0;
    font-size: 0.875em;
    color: var(--review-danger, #b42318);
  }
  [part~='dismiss'],
  [part~='retry'] {
    min-width: 40px;
    min-height: 40px;
    border: 0;
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  [part~='retry'] {
    text-decoration: underline;
  }
`;
