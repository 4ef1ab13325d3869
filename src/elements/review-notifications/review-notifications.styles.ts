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
    [part~='button'] {
      position: relative;
      color: inherit;
    }
    [part~='button'] svg {
      width: 1.35em;
      height: 1.35em;
    }
    [part~='badge'] {
      position: absolute;
      top: 2px;
      right: 0;
      min-width: 1.5em;
      padding: 0 0.35em;
      box-sizing: border-box;
      border-radius: 999px;
      background: ${v.danger};
      color: #fff;
      font-size: 11px;
      font-weight: 700;
      line-height: 1.5em;
      text-align: center;
    }
    [part~='panel'] {
      position: absolute;
      z-index: 20;
      top: calc(100% + 4px);
      right: 0;
      width: min(380px, calc(100vw - 16px));
      max-height: min(560px, 75vh);
      display: flex;
      flex-direction: column;
      background: ${v.bg};
      border: 1px solid ${v.border};
      border-radius: ${v.radius};
      box-shadow: ${v.shadow};
      text-align: start;
    }
    /* A phone: the bell may sit anywhere in a header, so the list spans the screen below it. */
    @media (max-width: 520px) {
      [part~='panel'] {
        position: fixed;
        top: auto;
        left: 8px;
        right: 8px;
        width: auto;
        margin-top: 4px;
      }
    }
    .head,
    .foot {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: ${v.space};
      padding: calc(${v.space} * 0.5) calc(${v.space} * 0.5) calc(${v.space} * 0.5) calc(${v.space} * 1.5);
    }
    .head {
      border-bottom: 1px solid ${v.border};
    }
    .foot:not(:empty) {
      border-top: 1px solid ${v.border};
      padding: ${v.space} calc(${v.space} * 1.5);
    }
    h2 {
      margin: 0;
      font-size: 1em;
    }
    .body {
      overflow: auto;
      flex: 1 1 auto;
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    [part~='item'] {
      display: flex;
      gap: ${v.space};
      width: 100%;
      padding: ${v.space} calc(${v.space} * 1.5);
      border: 0;
      border-bottom: 1px solid ${v.border};
      background: transparent;
      color: inherit;
      font: inherit;
      text-align: start;
      cursor: pointer;
    }
    [part~='item']:hover {
      background: ${v.surface};
    }
    .dot {
      flex: none;
      width: 8px;
      height: 8px;
      margin-top: 0.45em;
      border-radius: 50%;
    }
    [part~='item-unread'] .dot {
      background: ${v.accent};
    }
    [part~='item']:not([part~='item-unread']) strong {
      font-weight: 500;
    }
    .text {
      display: flex;
      flex-direction: column;
      gap: 2px;
      min-width: 0;
    }
    .meta {
      color: ${v.muted};
      font-size: 0.9em;
    }
    .excerpt {
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
      overflow-wrap: anywhere;
    }
    [part~='empty'],
    .status {
      margin: 0;
      padding: calc(${v.space} * 2) calc(${v.space} * 1.5);
      color: ${v.muted};
    }
    [part~='error'] {
      margin: 0;
      padding: ${v.space} calc(${v.space} * 1.5);
      color: ${v.danger};
    }
    .digest {
      display: flex;
      align-items: center;
      gap: ${v.space};
      color: ${v.muted};
    }
    select {
      min-height: 32px;
      font: inherit;
      color: ${v.fg};
      background: ${v.bg};
      border: 1px solid ${v['control-border']};
      border-radius: ${v.radius};
    }
  `,
];
