/**
 * End-to-end test of the review report (issue 25) on the demo's studio page against the reference server:
 * the Report menu's "Download PDF" downloads a PDF built through RestReviewApi from the server's playlist,
 * read back with pdf.js (text and images), and "Printable page" opens the HTML report in a new window.
 *
 *   npx tsx --test test/e2e/report.e2e.ts   (part of npm run test:e2e)
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack } from './stack.js';

let stack: Stack;
let context: BrowserContext;
let page: Page;

before(async () => {
  stack = await startStack('report');
  const login = await stack.http<{ token: string }>('POST', '/auth/login', { body: { email: 'producer@demo.test', password: 'producer' } });
  assert.equal(login.status, 200);
  context = await stack.browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  await context.addInitScript((token) => localStorage.setItem('review-demo-token', token), login.body.token);
  page = await context.newPage();
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await page.goto(`${stack.server.url}/`);
  await page.locator('comment-thread article').first().waitFor();
});

after(async () => {
  await context?.close();
  await stack?.close();
});

/** Text and number of painted images of each page, read by pdf.js (served from node_modules on a made-up origin). */
async function readPdf(bytes: Buffer): Promise<Array<{ text: string; images: number }>> {
  const viewer = await context.newPage();
  await viewer.route('http://pdfjs.test/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>pdf</title>' });
    if (path === '/report.pdf') return route.fulfill({ contentType: 'application/pdf', body: bytes });
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(`node_modules/pdfjs-dist/build${path}`) });
  });
  await viewer.goto('http://pdfjs.test/');
  try {
    return await viewer.evaluate(async () => {
      const pdfjs = await import('http://pdfjs.test/pdf.mjs' as string);
      pdfjs.GlobalWorkerOptions.workerSrc = 'http://pdfjs.test/pdf.worker.mjs';
      const pdf = await pdfjs.getDocument({ url: 'http://pdfjs.test/report.pdf' }).promise;
      const pages: Array<{ text: string; images: number }> = [];
      for (let n = 1; n <= pdf.numPages; n++) {
        const p = await pdf.getPage(n);
        const text = (await p.getTextContent()).items.map((i: { str?: string }) => i.str ?? '').join('\n');
        const ops = await p.getOperatorList();
        pages.push({ text, images: ops.fnArray.filter((fn: number) => fn === pdfjs.OPS.paintImageXObject).length });
      }
      return pages;
    });
  } finally {
    await viewer.close();
  }
}

describe('review report on the studio page (browser, reference server)', () => {
  it('Download PDF: every note of the playlist with its frame, timecode, author and one still', async () => {
    await page.locator('details.report summary').click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PDF' }).click();
    const file = await download;
    assert.match(file.suggestedFilename(), /-review-report\.pdf$/);
    await page.getByRole('status').filter({ hasText: 'Report ready.' }).waitFor();
    const pages = await readPdf(readFileSync(await file.path()));
    const text = pages.map((p) => p.text).join('\n');
    // The demo's notes (demo/fixture.ts), as the thread shows them.
    assert.match(text, /Frame 12 · 00:00:00:12 · Sam Supervisor/);
    assert.match(text, /Edge of the ship flickers here, @Alex Artist can you check the #comp matte\?/);
    assert.match(text, /On it — the holdout was one frame late\. Fixed in v013\./);
    assert.match(text, /Frame 60 · 00:00:02;00 · Alex Artist/, '29.97 is drop-frame');
    assert.match(text, /Status: Needs Work/);
    assert.match(text, /Reason for review: Ship edge fix and new star field\./);
    const notes = (text.match(/^Frame \d+ · /gm) ?? []).length;
    assert.ok(notes >= 4, `notes listed: ${notes}`);
    assert.equal(
      pages.reduce((n, p) => n + p.images, 0),
      notes,
      'one still per note',
    );
    assert.doesNotMatch(text, /No picture/);
  });

  it('Printable page: the HTML report in a new window, a still per note', async () => {
    if ((await page.locator('details.report').getAttribute('open')) === null) await page.locator('details.report summary').click();
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Printable page' }).click();
    const win = await popup;
    await win.waitForURL(/^blob:/);
    await win.waitForLoadState('load');
    assert.match(await win.title(), /^Review report: /);
    const stills = await win.locator('img.still').count();
    assert.ok(stills >= 4, `stills: ${stills}`);
    assert.equal(await win.locator('article.note').count(), stills);
    await win.close();
  });
});
