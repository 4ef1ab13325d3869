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
 * `LIGHT` and `DARK` below are the single source: the `v` helpers, the dark theme, `TOKENS` and (with the
 * descriptions of `token-docs.ts`) the Storybook "Theming" page are generated from them.
 */
export interface TokenSpec {
  /** Short key used by the `v` helper: `v.accent` → `var(--review-accent, #2563eb)`. */
  readonly key: TokenKey;
  /** Default (light theme) value, also the fallback every element uses. */
  readonly light: string;
  /** Value in the dark theme; absent when the token does not change with the theme. */
  readonly dark?: string;
}

/**
 * Default (light theme) value of every token, also the fallback every element uses. It ships in every
 * element, so it holds values only: descriptions live in `token-docs.ts`, dark values in `DARK`.
 */
const LIGHT = {
  accent: '#2563eb',
  'accent-fg': '#ffffff',
  bg: '#ffffff',
  surface: '#f3f4f6',
  fg: '#1a1c21',
  muted: '#555c69',
  border: '#d3d7de',
  'control-border': '#8c959f',
  danger: '#b42318',
  success: '#067647',
  warning: '#a04100',
  overlay: 'rgb(15 17 21 / 0.55)',
  shadow: '0 8px 24px rgb(15 17 21 / 0.18)',
  radius: '6px',
  'control-size': '40px',
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  'font-mono': 'ui-monospace, "SF Mono", Menlo, Consolas, monospace',
  'font-size': '14px',
  space: '8px',
  'focus-color': 'var(--review-accent, #2563eb)',
  'focus-width': '2px',
  'focus-offset': '2px',
} as const;

export type TokenKey = keyof typeof LIGHT;

/**
 * Values in the dark theme; a token absent here does not change with the theme. Only `themeStyles` and
 * the docs read it, so an element that is not a theme root does not ship it.
 */
const DARK: Partial<Record<TokenKey, string>> = {
  bg: '#121419',
  surface: '#1c1f26',
  fg: '#e9ebf0',
  muted: '#a3aab7',
  border: '#363b47',
  'control-border': '#6e7687',
  danger: '#ff8a80',
  success: '#5fd39a',
  warning: '#fdb022',
  overlay: 'rgb(0 0 0 / 0.7)',
  shadow: '0 8px 24px rgb(0 0 0 / 0.5)',
};

const KEYS = /* @__PURE__ */ Object.keys(LIGHT) as TokenKey[];

/** Every token in order, with its light and dark values (for the docs and for pages). */
export const TOKENS: readonly TokenSpec[] = /* @__PURE__ */ KEYS.map((key) => ({ key, light: LIGHT[key], dark: DARK[key] }));

/** `--review-<key>` */
export const tokenName = (key: TokenKey): `--review-${TokenKey}` => `--review-${key}`;

/**
 * `var(--review-<key>, <default>)` for every token, to interpolate in a Lit `css` template:
 * ``css`button { background: ${v.accent}; color: ${v['accent-fg']}; }` ``.
 */
export const v = /* @__PURE__ */ Object.fromEntries(KEYS.map((key) => [key, unsafeCSS(`var(${tokenName(key)}, ${LIGHT[key]})`)])) as Record<
  TokenKey,
  CSSResult
>;

const declarations = (values: Partial<Record<TokenKey, string>>): string =>
  KEYS.flatMap((key) => (values[key] === undefined ? [] : [`${tokenName(key)}: ${values[key]};`])).join('\n');

/**
 * Theme switch for root elements (`<review-session>`, `<client-review-site>`): `theme="dark"` sets the dark
 * palette for everything inside; `theme="auto"` follows `prefers-color-scheme`; no attribute or
 * `theme="light"` keeps the defaults (or whatever the page set). Values set on the element by the page
 * still win over these `:host` rules.
 */
export const themeStyles: CSSResult = /* @__PURE__ */ (() => {
  const dark = unsafeCSS(declarations(DARK));
  return css`
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
})();

/** Declarations of every token at its default value, for a page or a demo that wants them explicit. */
export const lightTokenDeclarations: string = /* @__PURE__ */ declarations(LIGHT);
/** Declarations of every token that changes in the dark theme. */
export const darkTokenDeclarations: string = /* @__PURE__ */ declarations(DARK);
