import { css } from 'lit';
import { buttonBase, focusRing, srOnly, v } from '../../styles/index.js';

// Notes (kept out of the CSS so they do not ship):
// - both sides are stacked in one stage and stay decoded; a mode only changes what each side's layer shows
//   (opacity, clip-path), so a switch never waits for a decode (no black or stale frame).
// - side by side: the stage becomes a two-column grid (two rows under 480 px of width).
export const styles = [
  focusRing,
  srOnly,
  buttonBase,
  css`
    :host {
      display: flex;
      flex-direction: column;
      gap: calc(${v.space} * 1);
      min-width: 0;
      font-family: ${v.font};
      font-size: ${v['font-size']};
      color: ${v.fg};
      background: ${v.bg};
      --_stage-bg: var(--review-compare-stage-bg, #0b0c0f);
      --_divider: var(--review-compare-divider, #ffcc00);
      container: compare / inline-size;
    }
    :host([hidden]) {
      display: none;
    }
    [part~='toolbar'],
    [part~='transport'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(${v.space} * 1);
    }
    [part~='modes'] {
      display: flex;
      flex-wrap: wrap;
      gap: 2px;
    }
    .button[aria-pressed='true'] {
      background: ${v.accent};
      color: ${v['accent-fg']};
      border-color: ${v.accent};
    }
    select,
    input[type='range'] {
      font: inherit;
      max-width: 100%;
    }
    label {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    [part~='stage'] {
      position: relative;
      overflow: hidden;
      background: var(--_stage-bg);
      aspect-ratio: var(--_aspect, 16 / 9);
      user-select: none;
      touch-action: pan-y;
      border-radius: ${v.radius};
    }
    [part~='stage'].side-by-side {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 2px;
      aspect-ratio: calc(var(--_aspect, 16 / 9) * 2);
    }
    [part~='captions'] {
      display: grid;
      grid-template-columns: 1fr 1fr;
      gap: 8px;
      margin-bottom: 4px;
      font-size: 0.85em;
    }
    [part~='label'] {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    [part~='label-b'] {
      text-align: right;
    }
    /* A/B: the side on screen. Bold rather than a faded other side, which would fail contrast. */
    [part~='label'].shown {
      font-weight: 700;
    }
    @container compare (max-width: 479px) {
      /* The sides stack (A above B): so do their names, in full. */
      [part~='captions'] {
        grid-template-columns: 1fr;
        gap: 0;
      }
      [part~='label-b'] {
        text-align: left;
      }
      [part~='stage'].side-by-side {
        grid-template-columns: 1fr;
        grid-template-rows: 1fr 1fr;
        aspect-ratio: calc(var(--_aspect, 16 / 9) / 2);
      }
    }
    .side {
      position: absolute;
      inset: 0;
      background: var(--_stage-bg);
      overflow: hidden;
    }
    .side-by-side .side {
      position: relative;
    }
    video,
    canvas[part~='picture'] {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: contain;
      transform-origin: 0 0;
    }
    [part~='no-frame'] {
      position: absolute;
      inset: 0;
      display: grid;
      place-items: center;
      text-align: center;
      padding: 8px;
      color: #c9ccd3;
      background: repeating-linear-gradient(45deg, #15171c 0 12px, #1d2027 12px 24px);
    }
    [part~='difference'] {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: contain;
      background: #000;
      transform-origin: 0 0;
    }
    [part~='divider'] {
      position: absolute;
      z-index: 2;
      background: var(--_divider);
      touch-action: none;
    }
    [part~='divider'].vertical {
      top: 0;
      bottom: 0;
      width: 3px;
      margin-left: -1.5px;
      cursor: ew-resize;
    }
    [part~='divider'].horizontal {
      left: 0;
      right: 0;
      height: 3px;
      margin-top: -1.5px;
      cursor: ns-resize;
    }
    [part~='divider']::after {
      content: '';
      position: absolute;
      inset: -14px;
    }
    [part~='divider']:focus-visible {
      outline: 3px solid ${v.accent};
      outline-offset: 2px;
    }
    [part~='timeline'] {
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    [part~='scrubber'] {
      width: 100%;
      margin: 0;
    }
    .markers {
      position: relative;
      height: 16px;
      margin: 0 8px;
    }
    .marker {
      position: absolute;
      top: 0;
      transform: translateX(-50%);
      width: 16px;
      height: 16px;
      padding: 0;
      border: none;
      border-radius: 3px;
      font: inherit;
      font-size: 10px;
      line-height: 16px;
      cursor: pointer;
      color: #fff;
      background: ${v.accent};
    }
    .b .marker {
      background: #2b6cb0;
    }
    [part~='frame-label'] {
      font-variant-numeric: tabular-nums;
      margin-inline-start: auto;
    }
    [part~='message'] {
      color: ${v.muted};
    }
    [part~='error'] {
      color: ${v.danger};
    }
  `,
];
