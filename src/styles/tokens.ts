import { css, unsafeCSS, type CSSResult } from 'lit';

/**
 * The design tokens of review-elements: CSS custom properties named `--review-*`.
 *
 * Elements never set these on their own `:host` (that would hide a value the page set on an ancestor);
 * they read them with a fallback, `var(--review-accent, #2563eb)`, so a page can theme at any level:
 * `:root`, a portal container, or `<review-session>` itself. `themeStyles` (used by the root elements
 * `<review-session>` and `<client-review-site>`) switches the palette for `theme="dark"` and
 * `theme="auto"` (follows `prefers-color-scheme`).
 *
 * This table is the single source: the `v` helpers, the dark theme and the Storybook "Theming" page are
 * generated from it.
 */
export interface TokenSpec {
  /** Short key used by the `v` helper: `v.accent` → `var(--review-accent, #2563eb)`. */
  readonly key: string;
  readonly group: 'Colour' | 'Shape' | 'Typography' | 'Spacing' | 'Focus';
  /** Default (light theme) value, also the fallback every element uses. */
  readonly light: string;
  /** Value in the dark theme; absent when the token does not change with the theme. */
  readonly dark?: string;
  readonly description: string;
}

export const TOKENS = [
  {
    key: 'accent',
    group: 'Colour',
    light: '#2563eb',
    description:
      "Primary actions, selection, progress, playhead. `<review-session>` and `<client-review-site>` set it from the studio's organization settings (`OrgSettings.accentColor`) unless the page already sets it.",
  },
  {
    key: 'accent-fg',
    group: 'Colour',
    light: '#ffffff',
    description: 'Text and icons drawn on the accent colour (set to black or white with the studio accent).',
  },
  { key: 'bg', group: 'Colour', light: '#ffffff', dark: '#121419', description: 'Page-level background of the elements.' },
  {
    key: 'surface',
    group: 'Colour',
    light: '#f3f4f6',
    dark: '#1c1f26',
    description: 'Raised surfaces: panels, cards, inputs, menus, dialogs.',
  },
  { key: 'fg', group: 'Colour', light: '#1a1c21', dark: '#e9ebf0', description: 'Body text and icons.' },
  {
    key: 'muted',
    group: 'Colour',
    light: '#555c69',
    dark: '#a3aab7',
    description: 'Secondary text (timestamps, counts, hints); keeps 4.5:1 contrast on `bg` and `surface`.',
  },
  { key: 'border', group: 'Colour', light: '#d3d7de', dark: '#363b47', description: 'Hairlines, input borders, dividers.' },
  { key: 'danger', group: 'Colour', light: '#b42318', dark: '#ff8a80', description: 'Destructive actions and errors.' },
  { key: 'success', group: 'Colour', light: '#067647', dark: '#5fd39a', description: 'Approved states and confirmations.' },
  { key: 'warning', group: 'Colour', light: '#a04100', dark: '#fdb022', description: 'Needs-work states and warnings.' },
  {
    key: 'overlay',
    group: 'Colour',
    light: 'rgb(15 17 21 / 0.55)',
    dark: 'rgb(0 0 0 / 0.7)',
    description: 'Backdrop behind dialogs and the player controls gradient.',
  },
  {
    key: 'shadow',
    group: 'Shape',
    light: '0 8px 24px rgb(15 17 21 / 0.18)',
    dark: '0 8px 24px rgb(0 0 0 / 0.5)',
    description: 'Elevation of dialogs, menus and popovers.',
  },
  { key: 'radius', group: 'Shape', light: '6px', description: 'Corner radius of controls, cards and dialogs.' },
  {
    key: 'control-size',
    group: 'Shape',
    light: '40px',
    description: 'Minimum height and width of buttons and inputs (tap targets stay ≥ 40 px).',
  },
  {
    key: 'font',
    group: 'Typography',
    light: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    description: 'Font family of all text.',
  },
  {
    key: 'font-mono',
    group: 'Typography',
    light: 'ui-monospace, "SF Mono", Menlo, Consolas, monospace',
    description: 'Timecodes and frame counters (tabular figures).',
  },
  { key: 'font-size', group: 'Typography', light: '14px', description: 'Base text size; other sizes are relative to it.' },
  {
    key: 'space',
    group: 'Spacing',
    light: '8px',
    description: 'Base spacing unit; gaps and paddings are multiples of it (`calc(var(--review-space) * 2)`).',
  },
  {
    key: 'focus-color',
    group: 'Focus',
    light: 'var(--review-accent, #2563eb)',
    description: 'Colour of the focus ring (keyboard focus, `:focus-visible`).',
  },
  { key: 'focus-width', group: 'Focus', light: '2px', description: 'Thickness of the focus ring.' },
  { key: 'focus-offset', group: 'Focus', light: '2px', description: 'Gap between a control and its focus ring.' },
] as const satisfies readonly TokenSpec[];

export type TokenKey = (typeof TOKENS)[number]['key'];

/** `--review-<key>` */
export const tokenName = (key: TokenKey): `--review-${TokenKey}` => `--review-${key}`;

/**
 * `var(--review-<key>, <default>)` for every token, to interpolate in a Lit `css` template:
 * ``css`button { background: ${v.accent}; color: ${v['accent-fg']}; }` ``.
 */
export const v = Object.fromEntries(
  TOKENS.map((t) => [t.key, unsafeCSS(`var(${tokenName(t.key)}, ${t.light})`)]),
) as Record<TokenKey, CSSResult>;

const declarations = (pick: (t: TokenSpec) => string | undefined): string =>
  TOKENS.flatMap((t: TokenSpec) => {
    const value = pick(t);
    return value === undefined ? [] : [`${tokenName(t.key as TokenKey)}: ${value};`];
  }).join('\n');

const dark = unsafeCSS(declarations((t) => t.dark));

/**
 * Theme switch for root elements (`<review-session>`, `<client-review-site>`): `theme="dark"` sets the dark
 * palette for everything inside; `theme="auto"` follows `prefers-color-scheme`; no attribute or
 * `theme="light"` keeps the defaults (or whatever the page set). Values set on the element by the page
 * still win over these `:host` rules.
 */
export const themeStyles = css`
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
    ${dark}
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      color-scheme: dark;
      ${dark}
    }
  }
`;

/** Declarations of every token at its default value, for a page or a demo that wants them explicit. */
export const lightTokenDeclarations: string = declarations((t) => t.light);
/** Declarations of every token that changes in the dark theme. */
export const darkTokenDeclarations: string = declarations((t) => t.dark);
