/**
 * Localisation of the UI strings (@lit/localize, runtime mode): English is built in, French and
 * Japanese are loaded on demand from the modules `lit-localize build` generates in ./locales.
 * Elements wrap their strings in `msg()` and call `updateWhenLocaleChanges(this)` in their constructor to
 * re-render when the locale changes (not the `@localized()` class decorator, which makes esbuild lower
 * every `#private` member to WeakMap helpers).
 */
import { configureLocalization } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './locale-codes.js';

export type UiLocale = (typeof allLocales)[number];
export { allLocales as uiLocales, sourceLocale };

const loaders = {
  fr: () => import('./locales/fr.js'),
  ja: () => import('./locales/ja.js'),
} satisfies Record<(typeof targetLocales)[number], () => Promise<unknown>>;

/**
 * The UI locale for a BCP 47 tag: the exact tag if translated, else its base language
 * ('fr-CA' → 'fr', 'ja_JP' → 'ja'), else English.
 */
export function resolveUiLocale(tag: string | null | undefined): UiLocale {
  const wanted = (tag ?? '').trim().replace(/_/g, '-').toLowerCase();
  const known = allLocales as readonly string[];
  if (known.includes(wanted)) return wanted as UiLocale;
  const base = wanted.split('-')[0];
  if (known.includes(base)) return base as UiLocale;
  return sourceLocale;
}

type Localization = ReturnType<typeof configureLocalization>;
// Configured on first use, not at import: importing an element must not have side effects, and
// configureLocalization may only run once per page.
let localization: Localization | null = null;
function runtime(): Localization {
  localization ??= configureLocalization({
    sourceLocale,
    targetLocales,
    loadLocale: (locale) => loaders[locale as keyof typeof loaders](),
  });
  return localization;
}

/**
 * Switches every localized element on the page to `locale` (any BCP 47 tag; see `resolveUiLocale`).
 * Resolves when the translations are loaded and the elements were asked to re-render.
 * The UI locale is page-wide: with several sessions, the last one set wins.
 */
export async function setLocale(locale: string): Promise<UiLocale> {
  const resolved = resolveUiLocale(locale);
  const rt = runtime();
  if (rt.getLocale() !== resolved) await rt.setLocale(resolved);
  return resolved;
}

/** The UI locale in force ('en' until `setLocale` was called). */
export function getLocale(): UiLocale {
  return (localization?.getLocale() ?? sourceLocale) as UiLocale;
}
