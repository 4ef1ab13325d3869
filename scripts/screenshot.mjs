// Takes a PNG screenshot of a page in headless Chromium: node scripts/screenshot.mjs URL OUT.png [WIDTH] [HEIGHT]
import { chromium } from 'playwright-core';

const [url, out, width = '1280', height = '800'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/screenshot.mjs URL OUT.png [WIDTH] [HEIGHT]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--autoplay-policy=no-user-gesture-required'],
});
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(Number(process.env.SETTLE_MS || 800));
  await page.screenshot({ path: out, fullPage: process.env.FULL_PAGE === '1' });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
