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
 * This table is the single source: the `v` helpers, the dark theme and (with the descriptions of
 * `token-docs.ts`) the Storybook "Theming" page are generated from it.
 */
export interface TokenSpec {
  /** Short key used by the `v` helper: `v.accent` → `var(--review-accent, #2563eb)`. */
  readonly key: string;
  /** Default (light theme) value, also the fallback every element uses. */
  readonly light: string;
  /** Value in the dark theme; absent when the token does not change with the theme. */
  readonly dark?: string;
}

/** Kept to names and values (it ships in every element); descriptions live in `token-docs.ts`. */
export const TOKENS = [
  { key: 'accent', light: '#2563eb' },
  { key: 'accent-fg', light: '#ffffff' },
  { key: 'bg', light: '#ffffff', dark: '#121419' },
  { key: 'surface', light: '#f3f4f6', dark: '#1c1f26' },
  { key: 'fg', light: '#1a1c21', dark: '#e9ebf0' },
  { key: 'muted', light: '#555c69', dark: '#a3aab7' },
  { key: 'border', light: '#d3d7de', dark: '#363b47' },
  { key: 'danger', light: '#b42318', dark: '#ff8a80' },
  { key: 'success', light: '#067647', dark: '#5fd39a' },
  { key: 'warning', light: '#a04100', dark: '#fdb022' },
  { key: 'overlay', light: 'rgb(15 17 21 / 0.55)', dark: 'rgb(0 0 0 / 0.7)' },
  { key: 'shadow', light: '0 8px 24px rgb(15 17 21 / 0.18)', dark: '0 8px 24px rgb(0 0 0 / 0.5)' },
  { key: 'radius', light: '6px' },
  { key: 'control-size', light: '40px' },
  { key: 'font', light: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' },
  { key: 'font-mono', light: 'ui-monospace, "SF Mono", Menlo, Consolas, monospace' },
  { key: 'font-size', light: '14px' },
  { key: 'space', light: '8px' },
  { key: 'focus-color', light: 'var(--review-accent, #2563eb)' },
  { key: 'focus-width', light: '2px' },
  { key: 'focus-offset', light: '2px' },
] as const satisfies readonly TokenSpec[];

export type TokenKey = (typeof TOKENS)[number]['key'];

/** `--review-<key>` */
export const tokenName = (key: TokenKey): `--review-${TokenKey}` => `--review-${key}`;

/**
 * `var(--review-<key>, <default>)` for every token, to interpolate in a Lit `css` template:
 * ``css`button { background: ${v.accent}; color: ${v['accent-fg']}; }` ``.
 */
export const v = /* @__PURE__ */ Object.fromEntries(
  TOKENS.map((t) => [t.key, unsafeCSS(`var(${tokenName(t.key)}, ${t.light})`)]),
) as Record<TokenKey, CSSResult>;

const declarations = (pick: (t: TokenSpec) => string | undefined): string =>
  TOKENS.flatMap((t: TokenSpec) => {
    const value = pick(t);
    return value === undefined ? [] : [`${tokenName(t.key as TokenKey)}: ${value};`];
  }).join('\n');

/**
 * Theme switch for root elements (`<review-session>`, `<client-review-site>`): `theme="dark"` sets the dark
 * palette for everything inside; `theme="auto"` follows `prefers-color-scheme`; no attribute or
 * `theme="light"` keeps the defaults (or whatever the page set). Values set on the element by the page
 * still win over these `:host` rules.
 */
export const themeStyles: CSSResult = /* @__PURE__ */ (() => {
  const dark = unsafeCSS(declarations((t) => t.dark));
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
export const lightTokenDeclarations: string = /* @__PURE__ */ declarations((t) => t.light);
/** Declarations of every token that changes in the dark theme. */
export const darkTokenDeclarations: string = /* @__PURE__ */ declarations((t) => t.dark);
