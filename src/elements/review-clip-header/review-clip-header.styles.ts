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
    [part~='header'] {
      position: relative;
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      gap: calc(${v.space} * 1.5) calc(${v.space} * 2);
    }
    [part~='titles'] {
      flex: 1 1 16rem;
      min-width: 0;
    }
    [part~='actions'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${v.space};
    }
    /* The picker's menu and the line of a failed change are placed from the header (the picker is not
       positioned): both open right under the status button (their static place); the line then ends at the
       header's end and is no wider than the header, over what follows, so nothing moves when it shows. */
    [part~='status-picker'] {
      position: static;
    }
    [part~='status-picker']::part(listbox) {
      inset: auto;
      margin-top: 4px;
      min-width: 12rem;
    }
    [part~='status-picker']::part(error) {
      inset-inline: 0;
      max-width: min(24rem, 100%);
      margin-inline-start: auto;
    }
    [part~='name'] {
      margin: 0;
      font-size: 1.25em;
      font-weight: 600;
      line-height: 1.3;
      overflow-wrap: anywhere;
    }
    [part~='internal-name'] {
      margin: 2px 0 0;
      color: ${v.muted};
      font-family: ${v['font-mono']};
      font-size: 0.85em;
      overflow-wrap: anywhere;
    }
    .client-sees {
      display: inline-block;
      margin-inline-start: ${v.space};
      padding: 0 6px;
      border: 1px solid ${v.border};
      border-radius: 999px;
      font-family: ${v.font};
      font-size: 0.8em;
      font-weight: 400;
      color: ${v.muted};
      vertical-align: middle;
      white-space: nowrap;
    }
    [part~='reason'] {
      margin: calc(${v.space} * 0.75) 0 0;
    }
    [part~='reason-label'] {
      display: block;
      color: ${v.muted};
      font-size: 0.8em;
      text-transform: uppercase;
      letter-spacing: 0.04em;
    }
    [part~='reason-text'] {
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .empty {
      color: ${v.muted};
      font-style: italic;
    }
    /* The editable text is a button that reads as text until hovered or focused. */
    .editable {
      display: inline-flex;
      align-items: baseline;
      gap: calc(${v.space} * 0.75);
      max-width: 100%;
      min-height: ${v['control-size']};
      margin: 0;
      padding: calc(${v.space} * 0.5) calc(${v.space} * 0.75);
      border: 1px dashed transparent;
      border-radius: ${v.radius};
      background: none;
      color: inherit;
      font: inherit;
      text-align: start;
      cursor: text;
      box-sizing: border-box;
    }
    .editable:hover {
      border-color: ${v.border};
      background: ${v.surface};
    }
    /* The ring inside the button's box, and the box inside the header: a ring (or a button pulled into the
       margin) outside it was cut by a page's scrolling column after a save put the focus back on it. The
       lines that are not buttons are indented as much as the buttons' text, so all the text lines up. */
    .editable:focus-visible {
      outline-offset: calc(${v['focus-width']} * -1);
    }
    .can-edit [part~='internal-name'],
    .can-edit [part~='reason-label'] {
      padding-inline-start: calc(${v.space} * 0.75);
    }
    .editable .pencil {
      flex: none;
      opacity: 0.45;
      font-size: 0.8em;
    }
    .editable:hover .pencil,
    .editable:focus-visible .pencil {
      opacity: 1;
    }
    .editable[aria-busy='true'] {
      cursor: progress;
    }
    .saving {
      flex: none;
      font-size: 0.75rem;
      font-weight: 400;
      color: ${v.muted};
    }
    .field {
      box-sizing: border-box;
      width: 100%;
      min-height: ${v['control-size']};
      padding: calc(${v.space} * 0.5) ${v.space};
      border: 1px solid ${v.accent};
      border-radius: ${v.radius};
      background: ${v.bg};
      color: inherit;
      font: inherit;
    }
    /* As tall as its text (at least the button it replaces), so opening it does not push the player down. */
    textarea.field {
      field-sizing: content;
      max-height: 12em;
      resize: none;
      line-height: inherit;
    }
    /* The keys' hint floats under the field, over what follows, instead of adding a line to the header. */
    [part~='edit-field'] {
      position: relative;
    }
    .hint {
      margin: 2px 0 0;
      font-size: 0.8em;
      color: ${v.muted};
    }
    [part~='edit-field'] .hint {
      position: absolute;
      z-index: 2;
      inset-inline-start: 0;
      top: 100%;
      padding: 2px 6px;
      border-radius: ${v.radius};
      background: ${v.bg};
      box-shadow: ${v.shadow};
      white-space: nowrap;
    }
    [part~='download'] {
      gap: calc(${v.space} * 0.75);
    }
    [part~='error'] {
      flex-basis: 100%;
      display: flex;
      align-items: center;
      gap: ${v.space};
      margin: 0;
      color: ${v.danger};
      font-size: 0.875em;
    }
    [part~='error'] > span {
      flex: 1;
    }
  `,
];
