import { css, unsafeCSS } from 'lit';
import { buttonBase, darkTokenDeclarations, focusRing, srOnly, v } from '../../styles/index.js';
import { timelineMarkerStyles } from './timeline-markers.js';

// buttonBase, not buttonStyles: the player has no primary or danger button.
// Kept free of CSS comments: they would ship in the bundle. Notes:
// - stage: a vertical swipe still scrolls the page; pinch is the player's (and every gesture once zoomed).
// - frame: left/top/width/height come from the fitted rect, zoom and pan (set inline); the video fills it
//   (object-fit: fill) because the box already has the media's aspect ratio.
// - markers sit over the timeline but outside the slider (no buttons nested in a slider).
// - small screens (container query): the less used controls (.wide-only) drop out, the timeline stays.
// - full screen: the whole player takes the dark palette (theme="dark"), so the controls keep their contrast
//   on the dark stage instead of light-theme buttons under light text, which looked disabled (issue #22).
// - the in/out range is drawn over the played part, translucent, so both show (issue #22).
export const styles = [
  focusRing,
  srOnly,
  buttonBase,
  css`
    .button ::slotted(svg),
    .button svg {
      width: 1.25em;
      height: 1.25em;
      flex: none;
    }
    :host {
      display: flex;
      flex-direction: column;
      position: relative;
      min-width: 0;
      font-family: ${v.font};
      font-size: ${v['font-size']};
      color: ${v.fg};
      background: ${v.bg};
      border-radius: ${v.radius};
      --_stage-bg: var(--review-player-stage-bg, #0b0c0f);
      --_track: var(--review-player-track, color-mix(in srgb, ${v.muted} 35%, transparent));
      container: player / inline-size;
    }
    :host([hidden]) {
      display: none;
    }
    :host(:fullscreen) {
      color-scheme: dark;
      ${unsafeCSS(darkTokenDeclarations)}
      background: var(--_stage-bg);
      color: ${v.fg};
    }

    [part~='stage'] {
      position: relative;
      overflow: hidden;
      aspect-ratio: var(--review-player-aspect-ratio, 16 / 9);
      min-height: var(--review-player-min-height, 160px);
      background: var(--_stage-bg);
      /* the poster while the picture loads (an inline background-image) */
      background-position: center;
      background-size: contain;
      background-repeat: no-repeat;
      border-radius: ${v.radius} ${v.radius} 0 0;
      touch-action: pan-y;
      user-select: none;
      cursor: default;
    }
    :host(:fullscreen) [part~='stage'] {
      flex: 1 1 auto;
      aspect-ratio: auto;
      border-radius: 0;
    }
    [part~='stage'][data-zoomed] {
      touch-action: none;
      cursor: grab;
    }
    [part~='stage'][data-panning] {
      cursor: grabbing;
    }
    [part~='frame'] {
      position: absolute;
    }
    [part~='video'],
    [part~='image'] {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: fill;
      pointer-events: none;
    }
    /* the engine's picture, over the video while paused (same box: zoom and pan apply alike) */
    [part~='canvas'] {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      pointer-events: none;
    }
    [part~='overlay'] {
      position: absolute;
      inset: 0;
    }
    ::slotted([slot='overlay']) {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }

    [part~='message'] {
      position: absolute;
      inset: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: ${v.space};
      padding: calc(${v.space} * 2);
      text-align: center;
      color: #e9ebf0;
      background: var(--_stage-bg);
    }
    /* loading: the poster on the stage shows through */
    [part~='message'][data-kind='loading'] {
      background: color-mix(in srgb, var(--_stage-bg) 45%, transparent);
    }
    [part~='message'][data-kind='error'] {
      background: color-mix(in srgb, ${v.danger} 18%, var(--_stage-bg));
    }
    [part~='message'] strong {
      font-size: 1.1em;
    }
    .spinner {
      width: 28px;
      height: 28px;
      border: 3px solid rgb(255 255 255 / 0.25);
      border-top-color: ${v.accent};
      border-radius: 50%;
      animation: spin 0.9s linear infinite;
    }
    @keyframes spin {
      to {
        transform: rotate(360deg);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .spinner {
        animation-duration: 3s;
      }
    }

    [part~='timeline'] {
      position: relative;
      height: 40px;
      margin: 0 calc(${v.space} * 1.5);
      cursor: pointer;
      touch-action: none;
    }
    [part~='timeline']:focus-visible {
      outline-offset: 0;
    }
    .track {
      position: absolute;
      left: 0;
      right: 0;
      top: 22px;
      height: 6px;
      border-radius: 3px;
      background: var(--_track);
      overflow: hidden;
    }
    [part~='progress'] {
      position: absolute;
      left: 0;
      top: 0;
      bottom: 0;
      background: ${v.accent};
    }
    [part~='range'] {
      position: absolute;
      z-index: 1;
      top: 0;
      bottom: 0;
      background: color-mix(in srgb, ${v.warning} 60%, transparent);
      box-shadow:
        inset 2px 0 ${v.warning},
        inset -2px 0 ${v.warning};
    }
    [part~='playhead'] {
      position: absolute;
      top: 16px;
      width: 4px;
      height: 18px;
      margin-left: -2px;
      border-radius: 2px;
      background: ${v.accent};
      box-shadow: 0 0 0 1px ${v.bg};
      pointer-events: none;
    }
    [part~='hover-preview'] {
      position: absolute;
      bottom: 100%;
      transform: translateX(-50%);
      padding: 2px 6px;
      border-radius: 4px;
      background: ${v.fg};
      color: ${v.bg};
      font-family: ${v['font-mono']};
      font-size: 0.85em;
      white-space: nowrap;
      pointer-events: none;
      z-index: 2;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 2px;
    }
    [part~='hover-picture'] {
      display: block;
      width: 160px;
      height: auto;
      border-radius: 2px;
      background: #000;
    }
    [part~='controls'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px calc(${v.space} * 0.5);
      padding: 4px calc(${v.space} * 1);
    }
    .group {
      display: flex;
      align-items: center;
      gap: 2px;
    }
    [hidden] {
      display: none !important;
    }
    .spacer {
      flex: 1 1 0;
    }
    [part~='time'] {
      font-family: ${v['font-mono']};
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      padding: 0 calc(${v.space} * 0.75);
    }
    [part~='time'] .total {
      color: ${v.muted};
    }
    [part~='volume'] {
      width: 84px;
      min-height: 40px;
      accent-color: ${v.accent};
    }
    .button[aria-pressed='true'] {
      background: color-mix(in srgb, ${v.accent} 18%, ${v.surface});
      border-color: ${v.accent};
    }
    .zoom-label {
      min-width: 3.5em;
      text-align: center;
      font-variant-numeric: tabular-nums;
      color: ${v.muted};
    }
    [part~='download'] {
      white-space: nowrap;
    }

    [part~='settings'] {
      position: absolute;
      right: calc(${v.space} * 1);
      bottom: calc(100% - 8px);
      z-index: 5;
      display: grid;
      grid-template-columns: auto 1fr;
      align-items: center;
      gap: calc(${v.space} * 0.75) ${v.space};
      min-width: 15rem;
      max-width: calc(100% - 16px);
      box-sizing: border-box;
      padding: calc(${v.space} * 1.5);
      background: ${v.surface};
      border: 1px solid ${v.border};
      border-radius: ${v.radius};
      box-shadow: ${v.shadow};
    }
    [part~='settings'] h2 {
      grid-column: 1 / -1;
      margin: 0;
      font-size: 1em;
    }
    [part~='settings'] select {
      min-height: 40px;
      font: inherit;
      color: ${v.fg};
      background: ${v.bg};
      border: 1px solid ${v['control-border']};
      border-radius: ${v.radius};
    }
    [part~='settings'] .check {
      grid-column: 1 / -1;
      display: flex;
      align-items: center;
      gap: ${v.space};
      min-height: 40px;
    }
    [part~='settings'] .check input {
      width: 20px;
      height: 20px;
      accent-color: ${v.accent};
    }
    [part~='settings'] .inout {
      grid-column: 1 / -1;
      display: flex;
      align-items: center;
      gap: ${v.space};
      font-family: ${v['font-mono']};
    }
    .bar-wrap {
      position: relative;
    }

    @container player (max-width: 520px) {
      .wide-only {
        display: none;
      }
    }
  `,
  timelineMarkerStyles,
];
