import { svg, type SVGTemplateResult } from 'lit';

// 24×24 stroke icons; `currentColor` so they follow the button's text colour.
const icon = (body: SVGTemplateResult) => svg`<svg viewBox="0 0 24 24" width="20" height="20" fill="none"
  stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"
  focusable="false">${body}</svg>`;

/** The always-visible "Annotate" toggle: apart from the others, which only the editor's tool bar shows. */
export const annotateIcon = icon(svg`<path d="M4 20h4L19 9l-4-4L4 16v4z"/><path d="M13.5 6.5l4 4"/>`);

export const editorIcons = {
  pen: icon(svg`<path d="M3 17c3-6 5 3 8-3s5-4 7-1 2 4 3 3"/>`),
  line: icon(svg`<path d="M5 19L19 5"/>`),
  arrow: icon(svg`<path d="M5 19L19 5"/><path d="M10 5h9v9"/>`),
  rect: icon(svg`<rect x="4" y="6" width="16" height="12" rx="1"/>`),
  ellipse: icon(svg`<ellipse cx="12" cy="12" rx="9" ry="6.5"/>`),
  text: icon(svg`<path d="M5 6V4h14v2"/><path d="M12 4v16"/><path d="M9 20h6"/>`),
  select: icon(svg`<path d="M5 3l6 16 2-7 7-2z"/>`),
  undo: icon(svg`<path d="M9 14L4 9l5-5"/><path d="M4 9h10a6 6 0 010 12h-3"/>`),
  redo: icon(svg`<path d="M15 14l5-5-5-5"/><path d="M20 9H10a6 6 0 000 12h3"/>`),
  remove: icon(svg`<path d="M4 7h16"/><path d="M10 11v6M14 11v6"/><path d="M6 7l1 13h10l1-13"/><path d="M9 7V4h6v3"/>`),
  clear: icon(svg`<path d="M4 20h16"/><path d="M7 16L17 6"/><path d="M7 6l10 10"/>`),
  snapshot: icon(svg`<path d="M4 8h3l2-3h6l2 3h3v11H4z"/><circle cx="12" cy="13" r="3.5"/>`),
} as const;
