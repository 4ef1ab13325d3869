import { css } from 'lit';
import { buttonBase, focusRing, srOnly } from '../../styles/shared.js';
import { v } from '../../styles/tokens.js';

export const styles = [
  focusRing,
  srOnly,
  buttonBase,
  css`
    :host {
      display: inline-block;
      position: relative;
      font-family: ${v.font};
      font-size: ${v['font-size']};
      color: ${v.fg};
    }
    :host([hidden]),
    [hidden] {
      display: none !important;
    }
    [part~='chip'],
    [part~='option'],
    [part~='error'] {
      display: flex;
      align-items: center;
      gap: calc(${v.space} * 0.75);
    }
    /* Read only: a flat pill that does not invite a click. */
    [part~='chip'],
    [part~='option'] {
      padding: 0 calc(${v.space} * 1.25);
    }
    [part~='chip'] {
      display: inline-flex;
      min-height: 32px;
      border-radius: 999px;
      background: ${v.surface};
      line-height: 1.2;
      cursor: default;
    }
    [part~='button'] {
      justify-content: flex-start;
      padding: 0 calc(${v.space} * 1.5);
      background: ${v.bg};
    }
    [part~='button'][aria-disabled='true'] {
      opacity: 1;
      cursor: progress;
    }
    .dot,
    .spinner {
      flex: none;
      box-sizing: border-box;
      width: 0.75em;
      height: 0.75em;
      border-radius: 50%;
    }
    .dot {
      background: var(--_dot, ${v.muted});
      /* A ring keeps a pale status colour visible on any background. */
      box-shadow: 0 0 0 1px color-mix(in srgb, currentColor 25%, transparent);
    }
    .chevron {
      font-size: 0.75em;
      opacity: 0.7;
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
      background: ${v.bg};
      border: 1px solid ${v.border};
      border-radius: ${v.radius};
      box-shadow: ${v.shadow};
    }
    [part~='option'] {
      min-height: ${v['control-size']};
      border-radius: calc(${v.radius} - 2px);
      cursor: pointer;
      user-select: none;
    }
    [part~='option-active'] {
      background: color-mix(in srgb, ${v.accent} 14%, transparent);
      outline: 1px solid color-mix(in srgb, ${v.accent} 55%, transparent);
    }
    [part~='option-selected'] {
      font-weight: 600;
    }
    .check {
      margin-inline-start: auto;
      padding-inline-start: ${v.space};
    }
    .spinner {
      width: 0.9em;
      height: 0.9em;
      border: 2px solid color-mix(in srgb, currentColor 25%, transparent);
      border-top-color: currentColor;
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
      gap: ${v.space};
      margin: 4px 0 0;
      font-size: 0.875em;
      color: ${v.danger};
    }
    /* A failed change: a line under the control (its static place) over what follows, so nothing around moves. */
    [role='status'] + [part~='error'] {
      position: absolute;
      z-index: 9;
      box-sizing: border-box;
      width: max-content;
      max-width: min(24rem, 100vw - 16px);
      padding: 4px 8px;
      background: ${v.bg};
      border: 1px solid ${v.border};
      border-radius: ${v.radius};
      box-shadow: ${v.shadow};
    }
    [part~='retry'] {
      text-decoration: underline;
    }
  `,
];
