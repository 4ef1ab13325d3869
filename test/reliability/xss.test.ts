/**
 * XSS (issue 10): every payload of xss-payloads.ts rendered in every place of the studio and client
 * pages that shows user text or a user-given URL. For each payload × place: no script runs (the
 * `window.__xss`/`alert` trap stays untouched, no page error), nothing is injected (no new element, no
 * `on…` attribute, no `javascript:` href/src) and the text shows the payload literally.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/review-clip-header/define.js';
import '../../src/elements/review-playlist/define.js';
import '../../src/elements/share-dialog/define.js';
import '../../src/elements/client-review-site/define.js';
import type { ShareDialog } from '../../src/elements/share-dialog/share-dialog.js';
import type { ClientReviewSite } from '../../src/elements/client-review-site/client-review-site.js';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../demo/fixture.js';
import { mountWithSession } from '../elements/review-playlist/harness.js';
import { XSS_PAYLOADS } from './xss-payloads.js';
import { expectNothingInjected, installTrap, scriptErrors, tagCounts, takeTrapped } from './xss-harness.js';
import { deepText, until } from './util.js';

installTrap();

const sr = (el: Element) => el.shadowRoot!;
const text = (el: Element | null | undefined) => el?.textContent ?? '';

/** The demo data with `payload` in every user-given text and URL of a clip, playlist, status, client and studio. */
function fixtureWith(payload: string) {
  const fx = createDemoFixture();
  const clip = fx.clips[0];
  clip.clientName = payload;
  clip.name = payload;
  clip.reasonForReview = payload;
  clip.sourceUrl = payload;
  clip.thumbnailUrl = payload;
  fx.playlists[0].name = payload;
  fx.settings.reviewStatusConfig.possibleValues[2].label = payload; // NEEDS_WORK, clip 101's status
  fx.clientUsers[0] = { ...fx.clientUsers[0], name: payload, email: payload };
  fx.org.studioName = payload;
  fx.org.logoUrl = payload;
  return fx;
}

interface Page {
  studio: HTMLElement;
  client: ClientReviewSite;
}

async function render(payload: string): Promise<Page> {
  const api = new MemoryReviewApi({ fixture: fixtureWith(payload), userId: 1 });
  const studio = await mountWithSession(
    api,
    html`<review-clip-header clip-id="101"></review-clip-header>
      <review-playlist playlist-id="301"></review-playlist>
      <share-dialog playlist-id="301"></share-dialog>`,
  );
  const dialog = studio.querySelector<ShareDialog>('share-dialog')!;
  dialog.show();
  const header = studio.querySelector('review-clip-header')!;
  await until(() => sr(header).querySelector('[part~="edit-name"]'), 'header loaded');
  const picker = sr(header).querySelector('review-status-picker')!;
  await until(() => sr(picker).querySelector('[part~="button"]'), 'status loaded');
  sr(picker).querySelector<HTMLButtonElement>('[part~="button"]')!.click(); // open the list: every label shows
  await until(() => sr(picker).querySelector('[role="option"]'), 'status list open');
  await until(() => sr(studio.querySelector('review-playlist')!).querySelectorAll('li[part="item"]').length === 4, 'playlist loaded');
  await until(() => sr(dialog).querySelector('ul[aria-label="Client users"]'), 'client users listed');
  await until(() => sr(dialog).querySelector('h2')?.textContent?.includes('Share “'), 'playlist name in the dialog');

  const share = await api.createShare(301, { password: null, settings: { requirePassword: false } });
  const client = await fixture<ClientReviewSite>(
    html`<client-review-site share-token=${share.token} .api=${api.anonymous()}></client-review-site>`,
  );
  await until(() => sr(client).querySelector('[part="branding"]'), 'client page branded');
  return { studio, client };
}

/** Each place: where the payload must show literally (its text), or a URL slot that must stay harmless. */
interface Place {
  name: string;
  check(page: Page, payload: string): void;
}

const header = (p: Page) => sr(p.studio.querySelector('review-clip-header')!);
const playlist = (p: Page) => sr(p.studio.querySelector('review-playlist')!);
const dialog = (p: Page) => sr(p.studio.querySelector('share-dialog')!);
const picker = (p: Page) => sr(header(p).querySelector('review-status-picker')!);
const firstItem = (p: Page) => playlist(p).querySelector('li[part="item"]')!;

const PLACES: Place[] = [
  {
    name: 'client version name (clip header)',
    check: (p, x) => expect(text(header(p).querySelector('[part~="edit-name"]'))).to.contain(x),
  },
  {
    name: 'internal version name (clip header)',
    check: (p, x) => expect(text(header(p).querySelector('[part~="internal-name"]'))).to.contain(x),
  },
  { name: 'reason for review (clip header)', check: (p, x) => expect(text(header(p).querySelector('[part~="reason-text"]'))).to.equal(x) },
  { name: 'version name (playlist)', check: (p, x) => expect(text(firstItem(p).querySelector('.name'))).to.contain(x) },
  { name: 'reason for review (playlist)', check: (p, x) => expect(text(firstItem(p).querySelector('.reason'))).to.equal(x) },
  { name: 'playlist name (playlist)', check: (p, x) => expect(text(playlist(p).querySelector('h2'))).to.equal(x) },
  { name: 'playlist name (share dialog)', check: (p, x) => expect(text(dialog(p).querySelector('h2'))).to.contain(x) },
  {
    name: 'client user name + e-mail (share dialog)',
    check: (p, x) => expect(text(dialog(p).querySelector('ul[aria-label="Client users"] li'))).to.contain(`${x} <${x}>`),
  },
  { name: 'status label (picker button)', check: (p, x) => expect(text(picker(p).querySelector('[part~="label"]'))).to.contain(x) },
  {
    name: 'status label (picker list)',
    check: (p, x) => expect([...picker(p).querySelectorAll('[role="option"]')].some((o) => text(o).includes(x))).to.equal(true),
  },
  {
    name: 'studio name (client page)',
    check: (p, x) => expect(deepText(sr(p.client).querySelector('[part="branding"]')!)).to.contain(x.replace(/\s+/g, ' ').trim()),
  },
  {
    name: 'playlist name (client page)',
    check: (p, x) => expect(text(sr(p.client).querySelector('[part="branding"] .playlist'))).to.equal(x),
  },
  {
    name: 'logo URL (client page)',
    check: (p, x) => {
      const logo = sr(p.client).querySelector('[part="logo"]');
      // Either the URL as given (a harmless one) or no <img> at all; never a script URL (checked by the scan).
      if (logo) expect(logo.getAttribute('src')).to.equal(x);
    },
  },
  {
    name: 'source URL (download link)',
    check: (p, x) => {
      const a = header(p).querySelector('[part~="download"]');
      if (a) expect(a.getAttribute('href')).to.equal(x);
    },
  },
  {
    name: 'thumbnail URL (playlist)',
    check: (p, x) => {
      const img = firstItem(p).querySelector('img');
      if (img) expect(img.getAttribute('src')).to.equal(x);
    },
  },
];

let checked = 0;

describe('reliability: XSS payloads in every place that shows user text (studio and client pages)', () => {
  let baseline: { studio: Map<string, number>; client: Map<string, number> };

  before(async () => {
    const page = await render('Plain text');
    baseline = { studio: tagCounts(page.studio), client: tagCounts(page.client) };
  });

  after(() => {
    console.log(`xss: ${XSS_PAYLOADS.length} payloads × ${PLACES.length} places = ${checked} checks`);
  });

  it(`has a corpus of at least 50 payloads`, () => {
    expect(XSS_PAYLOADS.length).to.be.at.least(50);
  });

  XSS_PAYLOADS.forEach((payload, i) => {
    it(`payload ${i + 1}: ${payload.slice(0, 60)}`, async () => {
      const page = await render(payload);
      // Give event-handler payloads (onerror of a failed image, onload) time to fire if they were live.
      await new Promise((r) => setTimeout(r, 30));
      expectNothingInjected(page.studio, baseline.studio, 'studio page');
      expectNothingInjected(page.client, baseline.client, 'client page');
      for (const place of PLACES) {
        place.check(page, payload);
        checked++;
      }
      expect(takeTrapped(), 'no payload ran').to.deep.equal([]);
      expect(scriptErrors, 'no script error').to.deep.equal([]);
    });
  });
});
