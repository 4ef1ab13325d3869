import type { TokenKey } from './tokens.js';

/** What each token is for, for the docs (Storybook "Theming"); not imported by any element. */
export const TOKEN_DOCS: Record<TokenKey, { group: 'Colour' | 'Shape' | 'Typography' | 'Spacing' | 'Focus'; description: string }> = {
  accent: {
    group: 'Colour',
    description:
      "Primary actions, selection, progress, playhead. `<review-session>` and `<client-review-site>` set it from the studio's organization settings (`OrgSettings.accentColor`) unless the page already sets it.",
  },
  'accent-fg': {
    group: 'Colour',
    description: 'Text and icons drawn on the accent colour (set to black or white with the studio accent).',
  },
  bg: { group: 'Colour', description: 'Page-level background of the elements.' },
  surface: { group: 'Colour', description: 'Raised surfaces: panels, cards, inputs, menus, dialogs.' },
  fg: { group: 'Colour', description: 'Body text and icons.' },
  muted: { group: 'Colour', description: 'Secondary text (timestamps, counts, hints); keeps 4.5:1 contrast on `bg` and `surface`.' },
  border: { group: 'Colour', description: 'Hairlines, dividers, card and menu outlines.' },
  'control-border': {
    group: 'Colour',
    description: 'Borders of text fields, selects and buttons: they identify the control, so they keep 3:1 contrast on `bg` (WCAG 1.4.11).',
  },
  danger: { group: 'Colour', description: 'Destructive actions and errors.' },
  success: { group: 'Colour', description: 'Approved states and confirmations.' },
  warning: { group: 'Colour', description: 'Needs-work states and warnings.' },
  overlay: { group: 'Colour', description: 'Backdrop behind dialogs and the player controls gradient.' },
  shadow: { group: 'Shape', description: 'Elevation of dialogs, menus and popovers.' },
  radius: { group: 'Shape', description: 'Corner radius of controls, cards and dialogs.' },
  'control-size': { group: 'Shape', description: 'Minimum height and width of buttons and inputs (tap targets stay ≥ 40 px).' },
  font: { group: 'Typography', description: 'Font family of all text.' },
  'font-mono': { group: 'Typography', description: 'Timecodes and frame counters (tabular figures).' },
  'font-size': { group: 'Typography', description: 'Base text size; other sizes are relative to it.' },
  space: { group: 'Spacing', description: 'Base spacing unit; gaps and paddings are multiples of it (`calc(var(--review-space) * 2)`).' },
  'focus-color': { group: 'Focus', description: 'Colour of the focus ring (keyboard focus, `:focus-visible`).' },
  'focus-width': { group: 'Focus', description: 'Thickness of the focus ring.' },
  'focus-offset': { group: 'Focus', description: 'Gap between a control and its focus ring.' },
};
