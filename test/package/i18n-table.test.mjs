// The translation table (i18n/translations.json) and the xliff files agree:
//  - every trans-unit of every xliff file has a <target>;
//  - every table entry is still the source of a trans-unit (no stale entries);
//  - the xliff <target>s are what scripts/i18n-fill.mjs writes from the table (no edit left unapplied).
// Reads the committed xliff files; `npm run i18n` brings them up to date with the sources.
// Run: node --test test/package/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fill, locales, readTable, units, xliffDir } from '../../scripts/i18n-fill.mjs';

const table = readTable();
const xliff = Object.fromEntries(locales.map((locale) => [locale, readFileSync(join(xliffDir, `${locale}.xlf`), 'utf8')]));

test('the table has entries', () => {
  assert.ok(Object.keys(table).length > 0);
});

for (const locale of locales) {
  test(`every trans-unit of ${locale}.xlf has a target`, () => {
    const all = units(xliff[locale]);
    assert.ok(all.length > 0, `no trans-units found in ${locale}.xlf`);
    assert.deepEqual(
      all.filter((u) => !u.hasTarget).map((u) => u.key),
      [],
    );
  });

  test(`no table entry is stale for ${locale}.xlf`, () => {
    const sources = new Set(units(xliff[locale]).map((u) => u.key));
    assert.deepEqual(
      Object.keys(table).filter((key) => !sources.has(key)),
      [],
      'entries of i18n/translations.json no source has any more',
    );
  });

  test(`${locale}.xlf's targets are the table's (run \`npm run i18n\` after editing i18n/translations.json)`, () => {
    const { text, missing, errors } = fill(xliff[locale], table, locale);
    assert.deepEqual(missing, [], 'sources without an entry in i18n/translations.json');
    assert.deepEqual(errors, []);
    assert.ok(text === xliff[locale].replaceAll('\r\n', '\n'), `${locale}.xlf differs from what scripts/i18n-fill.mjs writes`);
  });
}
