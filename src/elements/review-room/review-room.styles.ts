import { css } from 'lit';
import { buttonStyles, focusRing, srOnly, v } from '../../styles/index.js';

export const styles = [
  focusRing,
  srOnly,
  buttonStyles,
  css`
    :host {
      display: block;
      font-family: ${v.font};
      font-size: ${v['font-size']};
      color: ${v.fg};
    }
    :host([hidden]) {
      display: none;
    }
    [part~='room'] {
      display: grid;
      gap: ${v.space};
      padding: ${v.space};
      border: 1px solid ${v.border};
      border-radius: ${v.radius};
      background: ${v.bg};
    }
    [part~='header'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: ${v.space};
    }
    h2 {
      margin: 0;
      font-size: 1em;
    }
    [part~='status'] {
      color: ${v.muted};
    }
    [part~='error'] {
      color: ${v.danger};
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: calc(${v.space} / 2);
    }
    [part~='participant'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${v.space};
      padding: calc(${v.space} / 2) 0;
      border-top: 1px solid ${v.border};
    }
    [part~='participant']:first-child {
      border-top: none;
    }
    .name {
      font-weight: 600;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    [part~='role'] {
      font-size: 0.85em;
      padding: 0 calc(${v.space} * 0.75);
      border-radius: 999px;
      border: 1px solid ${v.border};
      background: ${v.surface};
    }
    [part~='role'][data-role='driver'] {
      background: ${v.accent};
      border-color: ${v.accent};
      color: ${v['accent-fg']};
    }
    [part~='where'] {
      color: ${v.muted};
      font-variant-numeric: tabular-nums;
      margin-inline-start: auto;
    }
    .away {
      color: ${v.warning};
    }
    [part~='request'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${v.space};
      padding: ${v.space};
      border-radius: ${v.radius};
      background: ${v.surface};
    }
    [part~='actions'] {
      display: flex;
      flex-wrap: wrap;
      gap: ${v.space};
    }
  `,
];
