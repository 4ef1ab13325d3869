import { css } from 'lit';
import { buttonStyles, focusRing, srOnly, v } from '../../styles/index.js';

const fieldStyles = css`
  input[type='search'],
  select,
  textarea {
    box-sizing: border-box;
    min-height: ${v['control-size']};
    padding: calc(${v.space} * 0.75) ${v.space};
    border: 1px solid ${v['control-border']};
    border-radius: ${v.radius};
    background: ${v.bg};
    color: ${v.fg};
    font: inherit;
  }
  input[type='search']:focus-visible,
  select:focus-visible,
  textarea:focus-visible {
    outline: ${v['focus-width']} solid ${v['focus-color']};
    outline-offset: 0;
  }
`;

export const composerStyles = [
  focusRing,
  srOnly,
  buttonStyles,
  fieldStyles,
  css`
    :host {
      display: block;
      font-family: ${v.font};
      font-size: ${v['font-size']};
      color: ${v.fg};
    }
    form {
      display: grid;
      gap: calc(${v.space} * 0.75);
    }
    label[for='text'] {
      font-weight: 600;
    }
    .field {
      position: relative;
      border-radius: ${v.radius};
      background: ${v.bg};
    }
    textarea {
      position: relative;
      display: block;
      width: 100%;
      resize: vertical;
      line-height: 1.4;
      /* The chips layer behind shows through; the field's own background is on .field. */
      background: transparent;
      scrollbar-gutter: stable;
    }
    /* Behind the text, laid out exactly as the field's text (box, font, wrapping): only the chips show. */
    .chips {
      position: absolute;
      inset: 0;
      box-sizing: border-box;
      padding: calc(${v.space} * 0.75) ${v.space};
      border: 1px solid transparent;
      font: inherit;
      line-height: 1.4;
      white-space: pre-wrap;
      overflow-wrap: break-word;
      overflow: hidden;
      scrollbar-gutter: stable;
      color: transparent;
      pointer-events: none;
    }
    .chips .chip {
      border-radius: 3px;
      background: color-mix(in srgb, ${v.accent} 22%, transparent);
      box-shadow: 0 0 0 2px color-mix(in srgb, ${v.accent} 22%, transparent);
    }
    .chips .chip.tag {
      background: color-mix(in srgb, ${v.fg} 12%, transparent);
      box-shadow: 0 0 0 2px color-mix(in srgb, ${v.fg} 12%, transparent);
    }
    textarea[aria-invalid='true'] {
      border-color: ${v.danger};
    }
    [part='picker'] {
      position: absolute;
      z-index: 5;
      left: 0;
      right: 0;
      top: 100%;
      margin: 2px 0 0;
      padding: 4px 0;
      list-style: none;
      max-height: 16rem;
      overflow: auto;
      background: ${v.bg};
      border: 1px solid ${v.border};
      border-radius: ${v.radius};
      box-shadow: ${v.shadow};
    }
    [part='picker'][hidden] {
      display: none;
    }
    [part='option'] {
      display: flex;
      align-items: baseline;
      gap: ${v.space};
      min-height: ${v['control-size']};
      box-sizing: border-box;
      padding: calc(${v.space} * 0.75) ${v.space};
      cursor: pointer;
    }
    [part='option'][aria-selected='true'] {
      background: ${v.accent};
      color: ${v['accent-fg']};
    }
    .option-hint {
      font-size: 0.85em;
      opacity: 0.8;
    }
    .attachments {
      display: flex;
      flex-wrap: wrap;
      gap: calc(${v.space} * 0.5);
    }
    .file-input {
      display: none;
    }
    form.dropping {
      outline: 2px dashed ${v.accent};
      outline-offset: 2px;
    }
    .attachment .size {
      color: ${v.muted};
    }
    .attachment {
      display: inline-flex;
      align-items: center;
      gap: calc(${v.space} * 0.5);
      padding-left: ${v.space};
      border-radius: 999px;
      background: ${v.surface};
      font-size: 0.9em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(${v.space} * 0.5);
    }
    .spacer {
      flex: 1;
    }
    .check {
      display: inline-flex;
      align-items: center;
      gap: calc(${v.space} * 0.5);
      min-height: ${v['control-size']};
    }
    .check input {
      width: 1.1em;
      height: 1.1em;
    }
    [aria-pressed='true'] {
      background: ${v.accent};
      border-color: ${v.accent};
      color: ${v['accent-fg']};
    }
    .hint {
      margin: 0;
      color: ${v.muted};
      font-size: 0.85em;
    }
    .message {
      margin: 0;
      color: ${v.danger};
      overflow-wrap: anywhere;
    }
  `,
];

export const styles = [
  focusRing,
  srOnly,
  buttonStyles,
  fieldStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      box-sizing: border-box;
      font-family: ${v.font};
      font-size: ${v['font-size']};
      color: ${v.fg};
      background: ${v.bg};
    }
    .files {
      display: flex;
      flex-wrap: wrap;
      gap: calc(${v.space} * 0.5);
      margin: calc(${v.space} * 0.5) 0 0;
      padding: 0;
      list-style: none;
    }
    .file {
      position: relative;
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: calc(${v.space} * 0.25);
    }
    /* Delete sits on the thumbnail's corner, so thumbnails line up side by side in a narrow column. */
    .file-delete {
      position: absolute;
      top: 2px;
      right: 2px;
      min-width: 0;
      min-height: 0;
      width: 28px;
      height: 28px;
      padding: 0;
      border-radius: 50%;
      background: color-mix(in srgb, ${v.bg} 80%, transparent);
    }
    .file-open.doc + .file-delete {
      position: static;
    }
    .file:has(.doc) {
      flex-direction: row;
      align-items: center;
    }
    .file-open {
      display: inline-flex;
      align-items: center;
      gap: calc(${v.space} * 0.5);
      padding: 0;
      border: 1px solid ${v.border};
      border-radius: ${v.radius};
      background: ${v.surface};
      color: inherit;
      cursor: zoom-in;
      overflow: hidden;
    }
    .file-open img {
      display: block;
      width: 96px;
      height: 72px;
      object-fit: cover;
    }
    .file-open.doc {
      padding: calc(${v.space} * 0.5) ${v.space};
      cursor: pointer;
      text-decoration: none;
    }
    .file .size {
      color: ${v.muted};
    }
    .upload {
      display: flex;
      align-items: center;
      gap: calc(${v.space} * 0.5);
      color: ${v.muted};
    }
    dialog.viewer {
      width: min(96vw, 1200px);
      max-height: 92vh;
      padding: 0;
      border: 1px solid ${v.border};
      border-radius: ${v.radius};
      background: ${v.bg};
      color: ${v.fg};
    }
    dialog.viewer::backdrop {
      background: rgb(0 0 0 / 0.75);
    }
    .viewer-bar {
      display: flex;
      align-items: center;
      gap: calc(${v.space} * 0.5);
      padding: calc(${v.space} * 0.5) ${v.space};
      border-bottom: 1px solid ${v.border};
    }
    .viewer-name {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .viewer-stage {
      display: flex;
      align-items: center;
      justify-content: center;
      gap: calc(${v.space} * 0.5);
      padding: ${v.space};
      background: #000;
    }
    .viewer-image {
      max-width: 100%;
      max-height: calc(92vh - 7rem);
      width: auto;
      height: auto;
      object-fit: contain;
      min-width: 0;
    }
    .viewer-prev,
    .viewer-next {
      flex: none;
      font-size: 1.5em;
      color: #fff;
    }
    :host([hidden]) {
      display: none;
    }
    /* The column (header, list, composer) is this frame, not the host: a page's "display: block" on the tag
       overrides the host's flex, and the list would then overflow a height given to the tag instead of
       scrolling inside it. */
    .frame {
      display: flex;
      flex-direction: column;
      flex: 1 1 auto;
      min-height: 0;
      height: 100%;
      max-height: inherit;
    }
    header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${v.space};
      padding: ${v.space};
      border-bottom: 1px solid ${v.border};
    }
    h2 {
      margin: 0;
      font-size: 1.1em;
    }
    .count {
      color: ${v.muted};
      font-weight: normal;
    }
    .live,
    .reconnecting {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      font-size: 0.8em;
      color: ${v.success};
    }
    .reconnecting {
      color: ${v.muted};
    }
    .live::before,
    .reconnecting::before {
      content: '';
      width: 0.55em;
      height: 0.55em;
      border-radius: 50%;
      background: currentColor;
    }
    /* Hollow: the dot of "Live", switched off. */
    .reconnecting::before {
      box-sizing: border-box;
      border: 1.5px solid currentColor;
      background: none;
    }
    .grow {
      flex: 1;
    }
    [part='toolbar'] {
      display: flex;
      flex-wrap: wrap;
      gap: calc(${v.space} * 0.5);
      width: 100%;
    }
    [part='toolbar'] input[type='search'] {
      flex: 1 1 10rem;
      min-width: 0;
    }
    [part='toolbar'] select {
      flex: 0 1 auto;
      min-width: 0;
      max-width: 12rem;
    }
    .menu-wrap {
      position: relative;
    }
    [role='menu'] {
      position: absolute;
      right: 0;
      top: calc(100% + 4px);
      z-index: 10;
      display: grid;
      min-width: 12rem;
      padding: 4px;
      background: ${v.bg};
      border: 1px solid ${v.border};
      border-radius: ${v.radius};
      box-shadow: ${v.shadow};
    }
    [role='menuitem'] {
      justify-content: flex-start;
    }
    .scroll {
      position: relative;
      flex: 1 1 auto;
      min-height: 0;
      overflow: auto;
      overscroll-behavior: contain;
      /* The list keeps what is in view in place itself (virtual-list.ts); the browser must not as well. */
      overflow-anchor: none;
      /* A scrollbar appearing must not change the rows' width (every row would be measured again). */
      scrollbar-gutter: stable;
    }
    .thread {
      box-sizing: border-box;
      width: 100%;
      padding: ${v.space};
      border-bottom: 1px solid ${v.border};
    }
    .replies {
      list-style: none;
      margin: calc(${v.space} * 0.5) 0 0;
      padding: 0 0 0 calc(${v.space} * 2);
      border-left: 2px solid ${v.border};
    }
    .comment {
      position: relative;
      padding: calc(${v.space} * 0.75);
      border-radius: ${v.radius};
      cursor: pointer;
    }
    .comment:hover {
      background: ${v.surface};
    }
    .comment[aria-current='true'] {
      background: color-mix(in srgb, ${v.accent} 12%, transparent);
      box-shadow: inset 3px 0 0 ${v.accent};
    }
    .comment.sending {
      opacity: 0.7;
    }
    .comment.failed {
      box-shadow: inset 3px 0 0 ${v.danger};
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(${v.space} * 0.5) ${v.space};
    }
    .author,
    .deleted-root {
      margin: 0;
      font-size: 1em;
      font-weight: 600;
    }
    [part~='frame'],
    .actions .button {
      min-height: 32px;
      padding: 0 ${v.space};
    }
    [part~='frame'] {
      font-family: ${v['font-mono']};
      font-variant-numeric: tabular-nums;
      /* The studio's accent may be pale: text stays in fg, the accent marks it. */
      color: ${v.fg};
      background: color-mix(in srgb, ${v.accent} 12%, transparent);
    }
    time,
    .state {
      color: ${v.muted};
      font-size: 0.85em;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 3px;
      padding: 1px 8px;
      border-radius: 999px;
      background: ${v.surface};
      border: 1px solid ${v.border};
      font-size: 0.8em;
    }
    .badge.internal {
      border-color: ${v.warning};
      color: ${v.warning};
    }
    .text {
      margin: calc(${v.space} * 0.5) 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
      line-height: 1.45;
    }
    .chip {
      display: inline-block;
      padding: 0 6px;
      border-radius: 999px;
      font-size: 0.92em;
      line-height: 1.5;
    }
    .chip.mention {
      background: color-mix(in srgb, ${v.accent} 14%, transparent);
      font-weight: 600;
    }
    .chip.tag {
      background: ${v.surface};
      border: 1px solid ${v.border};
    }
    a {
      color: inherit;
      text-decoration-color: ${v.accent};
      text-decoration-thickness: 2px;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
      margin-top: calc(${v.space} * 0.5);
    }
    @media (pointer: coarse) {
      .actions .button,
      [part~='frame'] {
        min-height: ${v['control-size']};
      }
    }
    .problem,
    .confirm {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: calc(${v.space} * 0.5);
      margin-top: calc(${v.space} * 0.5);
    }
    .problem {
      color: ${v.danger};
    }
    /* An error may carry a URL or a long word: it wraps inside the card rather than running past it. */
    .problem,
    [part='error'] {
      overflow-wrap: anywhere;
    }
    /* The reason keeps a readable width: the buttons wrap below it rather than squeezing it to a column. */
    .problem .grow {
      flex: 1 1 14em;
    }
    .confirm {
      padding: calc(${v.space} * 0.5) ${v.space};
      border: 1px solid ${v.danger};
      border-radius: ${v.radius};
    }
    .reply-box {
      margin-top: calc(${v.space} * 0.5);
      padding-left: calc(${v.space} * 2);
    }
    .deleted-root {
      color: ${v.muted};
      font-style: italic;
      font-weight: normal;
    }
    .notice {
      padding: calc(${v.space} * 3) ${v.space};
      text-align: center;
      color: ${v.muted};
    }
    [part='error'] {
      margin: ${v.space};
      padding: ${v.space};
      border: 1px solid ${v.danger};
      border-radius: ${v.radius};
      color: ${v.fg};
    }
    [part='error'] strong {
      color: ${v.danger};
    }
    [part='toast'] {
      display: flex;
      align-items: center;
      gap: ${v.space};
      margin: ${v.space};
      padding: calc(${v.space} * 0.5) ${v.space};
      border-radius: ${v.radius};
      background: ${v.fg};
      color: ${v.bg};
    }
    [part='toast'] .button {
      background: transparent;
      color: inherit;
      border-color: currentColor;
    }
    .loading-more {
      padding: ${v.space};
      color: ${v.muted};
      font-size: 0.85em;
    }
    [part='composer'],
    [part='read-only'] {
      flex: none;
      padding: ${v.space};
      border-top: 1px solid ${v.border};
    }
    /* Holds the composer's place while its chunk loads (the first composer a page shows). */
    .composer-placeholder {
      flex: none;
      min-height: calc(${v['control-size']} * 2);
    }
    .composer-placeholder.new {
      border-top: 1px solid ${v.border};
      min-height: calc(${v['control-size']} * 3);
    }
    [part='read-only'] {
      margin: 0;
      color: ${v.muted};
      font-size: 0.9em;
    }
  `,
];
