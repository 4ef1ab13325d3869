import { css } from 'lit';
import { buttonStyles, focusRing, themeStyles, v } from '../../styles/index.js';

export const styles = [
  themeStyles,
  focusRing,
  buttonStyles,
  css`
    :host {
      display: block;
      font-family: ${v.font};
      color: ${v.fg};
    }
    :host([hidden]) {
      display: none;
    }
    [part='error'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${v.space};
      margin-block-end: ${v.space};
      padding: calc(${v.space} * 1.5);
      border: 1px solid ${v.danger};
      border-inline-start-width: 4px;
      border-radius: ${v.radius};
      background: color-mix(in srgb, ${v.danger} 8%, ${v.bg});
      color: ${v.fg};
      font-size: ${v['font-size']};
      overflow-wrap: anywhere;
    }
    [part='error-text'] {
      flex: 1 1 16rem;
      min-width: 0;
    }
    [part='error-title'] {
      display: block;
      color: ${v.danger};
      font-weight: 600;
    }
  `,
];
