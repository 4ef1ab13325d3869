// scripts/minify-literals.mjs: the template-text minifier of the library build and of scripts/size.mjs.
//  - unit cases on tricky input (nested templates, strings in expressions, selectors, <pre>, msg());
//  - every element's real stylesheets, built with and without the transform, give the same CSS rules
//    in Chromium (the CSSOM serialises whitespace its own way, so equal rules mean equal meaning).
// Run: node --test test/package/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { minifyCssPart, minifyLiterals, minifyLiteralsEsbuild } from '../../scripts/minify-literals.mjs';

const root = resolve(import.meta.dirname, '../..');

test('html: newline runs become one space, comments go; expressions, nested templates and <pre>/<textarea> content keep their text', () => {
  const source = [
    'const t = html`',
    '  <ul class="a   b">',
    '    <!-- a note for developers -->',
    '    ${items.map((i) => html`<li>',
    "       ${i + '  two\\n  spaces  '}",
    '    </li>`)}',
    '    <pre>',
    '  keep   this <!-- shown as written -->',
    '    </pre>',
    '    <textarea',
    '      rows="2">${value}',
    '   x</textarea>',
    '  </ul>',
    '`;',
  ].join('\n');
  const expected = [
    'const t = html` <ul class="a   b">  ${items.map((i) => html`<li> ${i + \'  two\\n  spaces  \'} </li>`)} <pre>',
    '  keep   this <!-- shown as written -->',
    '    </pre> <textarea rows="2">${value}',
    '   x</textarea> </ul> `;',
  ].join('\n');
  assert.equal(minifyLiterals(source), expected);
});

test('only html/svg/css tags are touched, and not templates given to msg() (their text is the message id)', () => {
  const source = 'f(`a\n  b`); x = str`a\n  b`; y = msg(html`<b>\n  hi</b>`); z = svg`<g>\n  </g>`; w = obj.html`a\n  b`;';
  assert.equal(
    minifyLiterals(source),
    'f(`a\n  b`); x = str`a\n  b`; y = msg(html`<b>\n  hi</b>`); z = svg`<g> </g>`; w = obj.html`a\n  b`;',
  );
});

test('css: comments, meaningless spaces and the last ";" of a block go; strings, calc(), descendant selectors and ${} boundaries stay', () => {
  const source = [
    'const s = css`',
    '  /* the host */',
    '  :host {',
    '    display: block;   font-family: "A  B", sans-serif;',
    '  }',
    "  .a :focus , .b > .c { content: ' ; : { /* no */ '; margin: calc(1px + 2px) 0 }",
    '  ${x} .y { color: ${c}; }',
    '  .z ${sel} {}',
    '  @media (min-width: 600px) { .w:hover::after { inset: 0 } }',
    '`;',
  ].join('\n');
  assert.equal(
    minifyLiterals(source),
    'const s = css`:host{display:block;font-family:"A  B",sans-serif}.a :focus,.b > .c{content:\' ; : { /* no */ \';margin:calc(1px + 2px) 0}' +
      '${x} .y{color:${c}}.z ${sel}{}@media (min-width:600px){.w:hover::after{inset:0}}`;',
  );
});

test('css parts: a gap beside ${} is kept only where it can be a combinator; a comment across ${} is left alone', () => {
  assert.equal(minifyCssPart('\n  .a ', true, false), '.a ');
  assert.equal(minifyCssPart(' {\n  color: ', false, false), '{color:');
  assert.equal(minifyCssPart('  ', false, false), ' ', '`${a} ${b}` keeps its space');
  assert.equal(minifyCssPart(' /* half ', false, false), ' /* half ');
  assert.equal(minifyCssPart('a/**/b'), 'a b');
});

test('a file without templates comes back as the same string', () => {
  const code = 'export const x = `a\n  b`;';
  assert.equal(minifyLiterals(code), code);
});

/** Every registered element's stylesheets as CSSOM text, from a bundle of src/define.ts. */
async function cssRulesOf(browser, minify) {
  const result = await build({
    entryPoints: [resolve(root, 'src/define.ts')],
    bundle: true,
    format: 'esm',
    write: false,
    target: 'es2022',
    tsconfig: resolve(root, 'tsconfig.json'),
    logLevel: 'silent',
    plugins: minify ? [minifyLiteralsEsbuild()] : [],
  });
  // A page of its own: a tag can be defined once per window.
  const page = await browser.newPage();
  return page.evaluate(async (code) => {
    const tags = [];
    const define = customElements.define.bind(customElements);
    customElements.define = (name, ...rest) => {
      tags.push(name);
      define(name, ...rest);
    };
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    await import(url);
    return Object.fromEntries(
      tags
        .sort()
        .map((tag) => [
          tag,
          (customElements.get(tag).elementStyles ?? []).flatMap((s) => [...(s.styleSheet?.cssRules ?? [])].map((r) => r.cssText)),
        ]),
    );
  }, result.outputFiles[0].text);
}

test('the real stylesheets of every element mean the same CSS after the transform', async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const plain = await cssRulesOf(browser, false);
    const minified = await cssRulesOf(browser, true);
    const tags = Object.keys(plain);
    assert.ok(tags.length >= 10, `elements registered: ${tags.join(', ')}`);
    assert.ok(Object.values(plain).flat().length > 100, 'the elements have stylesheets to compare');
    // Chromium keeps a value with var() as written, so `var(--x, #fff)` and `var(--x,#fff)` print
    // differently though they mean the same; known values and selectors print canonically.
    const commas = (rules) => rules.map((r) => r.replace(/,\s+/g, ','));
    for (const tag of tags) assert.deepEqual(commas(minified[tag]), commas(plain[tag]), `<${tag}> styles`);
  } finally {
    await browser.close();
  }
});
