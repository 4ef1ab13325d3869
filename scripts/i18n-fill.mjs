// Fills the <target>s of the xliff files (xliff/fr.xlf, xliff/ja.xlf) from i18n/translations.json,
// a table keyed by the English source: { "Source {0}": { "fr": "…", "ja": "…" } }, where {0}, {1} …
// stand for lit-localize's placeholders (<x id="0" equiv-text="…"/>, or <ph id="0">…</ph>) by id.
// French typography: a no-break space replaces the space before : ; ? ! % » and after «.
// A source with no entry in the table (or an entry naming a placeholder the source lacks) is an
// error: every such string is listed on stderr, nothing is written, and the exit code is 1.
// Run after `npm run i18n:extract`, then `npm run i18n:build` (`npm run i18n` does all three):
//   node scripts/i18n-fill.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const root = resolve(import.meta.dirname, '..');
export const tablePath = join(root, 'i18n/translations.json');

const config = JSON.parse(readFileSync(join(root, 'lit-localize.json'), 'utf8'));
export const locales = config.targetLocales;
export const xliffDir = join(root, config.interchange.xliffDir);

// A trans-unit's <source> and, when there is one, its <target>.
const UNIT = /(<trans-unit id="[^"]+">\s*)<source>([\s\S]*?)<\/source>(?:\s*<target>[\s\S]*?<\/target>)?/g;
// lit-localize's placeholders: <x> (the default placeholderStyle) or <ph>.
const PLACEHOLDER = /<x id="([0-9]+)" equiv-text="[^"]*"\/>|<ph id="([0-9]+)">[^<]*<\/ph>/g;

/** The table key of an xliff <source>: placeholders become {id}, then &amp; &lt; &gt; are unescaped. */
export function sourceKey(source) {
  return source
    .replace(PLACEHOLDER, (_, x, ph) => `{${x ?? ph}}`)
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
}

/** French typography: no-break spaces so : ; ? ! % » never start a line and « never ends one. */
export function frenchSpaces(text) {
  return text.replace(/ ([:;?!%»])/g, '\u00a0$1').replaceAll('« ', '«\u00a0');
}

function escapeXml(text) {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function readTable(path = tablePath) {
  const table = JSON.parse(readFileSync(path, 'utf8'));
  for (const [source, entry] of Object.entries(table)) {
    for (const locale of locales) {
      if (typeof entry?.[locale] !== 'string') throw new Error(`${path}: "${source}" has no "${locale}" string`);
    }
  }
  return table;
}

/** Every <source> of an xliff text, as table keys, with whether its trans-unit has a <target>. */
export function units(xliff) {
  return [...xliff.matchAll(UNIT)].map((m) => ({ key: sourceKey(m[2]), hasTarget: /<target>/.test(m[0].slice(m[1].length)) }));
}

/**
 * The xliff text with each trans-unit's <target> (re)written from the table. Returns the text and
 * the problems: `missing` (sources without an entry) and `errors` (entries that cannot be applied).
 */
export function fill(xliff, table, locale) {
  const missing = new Set();
  const errors = [];
  const text = xliff
    .replaceAll('\r\n', '\n')
    .replaceAll('\r', '\n')
    .replace(UNIT, (whole, unit, source) => {
      const placeholders = new Map();
      for (const p of source.matchAll(PLACEHOLDER)) placeholders.set(p[1] ?? p[2], p[0]);
      const key = sourceKey(source);
      if (!Object.hasOwn(table, key)) {
        missing.add(key);
        return whole;
      }
      let target = table[key][locale];
      if (locale === 'fr') target = frenchSpaces(target);
      target = escapeXml(target).replace(/\{([0-9]+)\}/g, (_, id) => {
        if (placeholders.has(id)) return placeholders.get(id);
        errors.push(`${locale}: the translation of "${key}" uses {${id}}, which its source does not have`);
        return `{${id}}`;
      });
      return `${unit}<source>${source}</source>\n        <target>${target}</target>`;
    });
  return { text, missing: [...missing], errors };
}

function main() {
  const table = readTable();
  const outputs = [];
  const missing = new Set();
  const errors = [];
  for (const locale of locales) {
    const path = join(xliffDir, `${locale}.xlf`);
    const before = readFileSync(path, 'utf8');
    const result = fill(before, table, locale);
    result.missing.forEach((key) => missing.add(key));
    errors.push(...result.errors);
    outputs.push({ path, before, after: result.text, count: units(result.text).filter((u) => u.hasTarget).length });
  }
  if (missing.size || errors.length) {
    for (const key of [...missing].sort()) console.error('untranslated:', key);
    for (const error of errors) console.error(error);
    console.error(
      `i18n-fill: ${missing.size} untranslated source(s), ${errors.length} bad translation(s); add them to ` +
        `${tablePath.slice(root.length + 1)} and run again. Nothing was written.`,
    );
    process.exitCode = 1;
    return;
  }
  for (const { path, before, after, count } of outputs) {
    if (after !== before) writeFileSync(path, after);
    console.log(`i18n-fill: ${path.slice(root.length + 1)}: ${count} targets${after === before ? ' (unchanged)' : ''}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
