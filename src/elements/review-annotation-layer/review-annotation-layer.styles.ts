import { css } from 'lit';
import { focusRing, srOnly } from '../../styles/shared.js';
import { v } from '../../styles/tokens.js';

export const styles = [
  focusRing,
  srOnly,
  css`
    :host {
      position: absolute;
      inset: 0;
      display: block;
      /* The layer never takes clicks meant for the player unless a tool is active. */
      pointer-events: none;
      font-family: ${v.font};
      font-size: ${v['font-size']};
      color: ${v.fg};
      z-index: 1;
    }
    :host([hidden]) {
      display: none;
    }
    canvas {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      pointer-events: none;
    }
    .surface {
      position: absolute;
      inset: 0;
      pointer-events: none;
      outline-offset: -3px;
    }
    .surface.active {
      pointer-events: auto;
      /* A pen or a finger draws instead of scrolling or zooming the page. */
      touch-action: none;
      cursor: crosshair;
    }
    /* The keyboard cursor: a crosshair with a dark halo, visible on any picture. */
    .keyboard-cursor {
      position: absolute;
      width: 0;
      height: 0;
      pointer-events: none;
    }
    .keyboard-cursor::before,
    .keyboard-cursor::after {
      content: '';
      position: absolute;
      background: ${v.accent};
      box-shadow: 0 0 0 1px #000;
    }
    .keyboard-cursor::before {
      left: -14px;
      top: -1px;
      width: 28px;
      height: 2px;
    }
    .keyboard-cursor::after {
      left: -1px;
      top: -14px;
      width: 2px;
      height: 28px;
    }
    :host([tool='select']) .surface.active:not(.spot) {
      cursor: default;
    }
    :host([tool='text']) .surface.active:not(.spot) {
      cursor: text;
    }
    .toolbar {
      position: absolute;
      /* left, top and max-width are set inline: the visible part of the (possibly zoomed) frame. */
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 2px;
      width: max-content;
      padding: 2px;
      box-sizing: border-box;
      border-radius: ${v.radius};
      background: color-mix(in srgb, ${v.bg} 88%, transparent);
      box-shadow: 0 1px 4px ${v.shadow};
      pointer-events: auto;
    }
    /* In a player: across the stage, in the band the player keeps below the picture (never over the frame). */
    .toolbar.docked {
      border-radius: 0;
      box-shadow: none;
      padding: 4px 8px;
      gap: 4px 20px;
      background: ${v.bg};
      border-top: 1px solid ${v.border};
    }
    .ghosting {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      min-height: 36px;
      padding: 0 4px;
      white-space: nowrap;
    }
    .ghosting select {
      min-height: 32px;
      font: inherit;
      color: ${v.fg};
      background: ${v.bg};
      border: 1px solid ${v['control-border']};
      border-radius: ${v.radius};
    }
    .group {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 2px;
    }
    .group + .group {
      border-left: 1px solid ${v.border};
      padding-left: 2px;
    }
    /* Docked, groups wrap onto rows: a wide gap parts them, a rule would start a row. */
    .docked .group + .group {
      border-left: none;
      padding-left: 0;
    }
    .load-error {
      margin: 0 6px;
      color: ${v.danger};
    }
    button,
    .custom-color {
      box-sizing: border-box;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 36px;
      min-height: 36px;
      padding: 0;
      border: 1px solid transparent;
      border-radius: ${v.radius};
      background: transparent;
      color: inherit;
      font: inherit;
      cursor: pointer;
      -webkit-tap-highlight-color: transparent;
    }
    button:hover {
      background: ${v.surface};
    }
    button[aria-pressed='true'] {
      background: ${v.accent};
      color: ${v['accent-fg']};
    }
    button:disabled {
      opacity: 0.4;
      cursor: not-allowed;
    }
    .swatch {
      width: 36px;
    }
    .swatch span {
      width: 18px;
      height: 18px;
      border-radius: 50%;
      border: 2px solid ${v.border};
      box-sizing: border-box;
    }
    .swatch[aria-pressed='true'] {
      background: ${v.surface};
      box-shadow: inset 0 0 0 2px ${v.accent};
    }
    .custom-color {
      position: relative;
    }
    .custom-color input {
      width: 28px;
      height: 28px;
      padding: 0;
      border: 1px solid ${v.border};
      border-radius: 50%;
      background: none;
      cursor: pointer;
    }
    .custom-color input:focus-visible {
      outline: ${v['focus-width']} solid ${v['focus-color']};
      outline-offset: ${v['focus-offset']};
    }
    .width {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      min-height: 36px;
      padding: 0 4px;
    }
    .width input {
      width: 72px;
      accent-color: ${v.accent};
    }
    .width output {
      min-width: 2ch;
      font-variant-numeric: tabular-nums;
      color: ${v.muted};
    }
    .text-input {
      position: absolute;
      min-width: 8em;
      padding: 2px 4px;
      border: 1px dashed ${v.accent};
      border-radius: 2px;
      background: color-mix(in srgb, #000 45%, transparent);
      font-weight: 600;
      font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
      pointer-events: auto;
    }
    /* A small picture keeps the band short: the native colour picker stands in for the swatches. Docked, the
       groups wrap onto rows below the picture, every tool in reach; floating over a picture (no player), the
       tools stay on one row that scrolls sideways instead of wrapping over most of it. */
    .compact .swatch {
      display: none;
    }
    .toolbar.compact:not(.docked),
    .compact:not(.docked) .group {
      flex-wrap: nowrap;
    }
    .toolbar.compact:not(.docked) {
      overflow-x: auto;
      overscroll-behavior-x: contain;
      scrollbar-width: thin;
    }
    .compact .group > * {
      flex-shrink: 0;
    }
    .compact .width input {
      width: 56px;
    }
    @media (pointer: coarse) {
      button,
      .custom-color,
      .swatch,
      .width {
        min-width: 44px;
        min-height: 44px;
      }
    }
  `,
];
