import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { MemoryReviewApi } from '../../src/backend/memory-review-api.js';
import { createDemoFixture } from '../../demo/fixture.js';
import { getLocale, resolveUiLocale, setLocale } from '../../src/i18n/index.js';
import { formatDate, formatDateTime, formatList, formatNumber, formatRelativeTime } from '../../src/i18n/format.js';
import type { ReviewSession } from '../../src/elements/review-session/review-session.js';
import type { ClientReviewSite } from '../../src/elements/client-review-site/client-review-site.js';
import '../../src/elements/review-session/define.js';
import '../../src/elements/review-player/define.js';
import '../../src/elements/comment-thread/define.js';
import '../../src/elements/review-status-picker/define.js';
import '../../src/elements/client-review-site/define.js';
import '../../src/elements/share-dialog/define.js';
import '../../src/elements/review-playlist/define.js';
import '../../src/elements/review-annotation-layer/define.js';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import { templates as french } from '../../src/i18n/locales/fr.js';
import { templates as japanese } from '../../src/i18n/locales/ja.js';
import { findHardcodedStrings, findUntranslatedLiterals, msgTemplates, type Finding } from './hardcoded-strings.js';

async function mount(locale: string) {
  const api = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
  const session = await fixture<ReviewSession>(html`
    <review-session .api=${api} locale=${locale} clip-id="101">
      <review-player></review-player>
      <review-status-picker clip-id="101"></review-status-picker>
      <comment-thread clip-id="101" style="display:block;height:500px"></comment-thread>
    </review-session>
  `);
  await session.loaded;
  const q = <T extends Element>(root: ParentNode | null | undefined, sel: string) => root?.querySelector<T>(sel) ?? null;
  const player = q(session, 'review-player')!;
  const picker = q(session, 'review-status-picker')!;
  const thread = q(session, 'comment-thread')!;
  const ui = {
    play: () => q<HTMLButtonElement>(player.shadowRoot, '[part~="play"]')?.getAttribute('aria-label'),
    pickerLabel: () => q(picker.shadowRoot, '#label')?.textContent?.trim(),
    composer: () => q<HTMLElement>(thread.shadowRoot, 'review-comment-composer'),
    send: () => q(ui.composer()?.shadowRoot, '[part="submit"]')?.textContent?.trim(),
    placeholder: () => q<HTMLTextAreaElement>(ui.composer()?.shadowRoot, 'textarea')?.placeholder,
    title: () => q(thread.shadowRoot, '[part="title"]')?.textContent?.trim(),
  };
  await waitUntil(() => ui.play() && ui.pickerLabel() && ui.send(), 'elements rendered', { timeout: 5000 });
  return { session, ui };
}

describe('localisation', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  it('renders in English by default and in French when the session locale is fr', async () => {
    const { session, ui } = await mount('en');
    expect(ui.play()).to.equal('Play');
    expect(ui.send()).to.equal('Send');
    expect(ui.pickerLabel()).to.equal('Review status');

    session.locale = 'fr';
    await waitUntil(() => ui.play() === 'Lecture', 'player in French', { timeout: 5000 });
    expect(getLocale()).to.equal('fr');
    await waitUntil(() => ui.send() === 'Envoyer', 'composer in French');
    expect(ui.placeholder()).to.equal('Écrire un commentaire…');
    expect(ui.pickerLabel()).to.equal('Statut de revue');
    expect(ui.title()).to.contain('Commentaires');
  });

  it('renders in Japanese with locale="ja"', async () => {
    const { ui } = await mount('ja');
    await waitUntil(() => ui.play() === '再生', 'player in Japanese', { timeout: 5000 });
    await waitUntil(() => ui.send() === '送信', 'composer in Japanese');
    expect(ui.placeholder()).to.equal('コメントを入力…');
    expect(ui.pickerLabel()).to.equal('レビューステータス');
  });

  it('uses the base language for a regional tag and English for an unknown one', async () => {
    const { session, ui } = await mount('fr-CA');
    await waitUntil(() => ui.play() === 'Lecture', 'fr-CA shows French', { timeout: 5000 });
    session.locale = 'de-DE';
    await waitUntil(() => ui.play() === 'Play', 'de-DE falls back to English', { timeout: 5000 });
    expect(ui.send()).to.equal('Send');
    expect(resolveUiLocale('ja_JP')).to.equal('ja');
    expect(resolveUiLocale('FR')).to.equal('fr');
    expect(resolveUiLocale('')).to.equal('en');
    expect(resolveUiLocale('pt-BR')).to.equal('en');
  });

  it('formats dates, times, numbers and lists in the given locale', () => {
    const iso = '2026-11-24T09:12:00Z';
    expect(formatDate(iso, 'fr', 'long')).to.match(/24 novembre 2026/);
    expect(formatDate(iso, 'en-US', 'long')).to.equal('November 24, 2026');
    expect(formatDate(iso, 'ja', 'long')).to.equal('2026年11月24日');
    expect(formatNumber(1234.5, 'fr')).to.match(/^1\s234,5$/);
    expect(formatNumber(1234.5, 'en')).to.equal('1,234.5');
    expect(formatList(['Ann', 'Bob', 'Cy'], 'fr')).to.equal('Ann, Bob et Cy');
    expect(formatList(['Ann', 'Bob', 'Cy'], 'en')).to.equal('Ann, Bob, and Cy');
    const now = Date.parse(iso);
    expect(formatRelativeTime(now - 3 * 60_000, 'fr', now)).to.equal('il y a 3 minutes');
    expect(formatRelativeTime(now - 3 * 60_000, 'ja', now)).to.equal('3 分前');
    expect(formatRelativeTime(now - 86_400_000, 'en', now)).to.equal('yesterday');
    expect(formatRelativeTime(now - 30 * 86_400_000, 'fr', now)).to.equal(formatDateTime(now - 30 * 86_400_000, 'fr'));
    expect(formatDate('not a date', 'fr')).to.equal('');
    // An invalid tag falls back to the runtime's default instead of throwing in render.
    expect(formatNumber(2, 'not a locale!')).to.equal(formatNumber(2));
  });
});

describe('localisation of the sharing and drawing elements', () => {
  afterEach(async () => {
    await setLocale('en');
    sessionStorage.clear();
  });

  it('shows the client page gate and its messages in French with locale="fr"', async () => {
    const studio = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const share = await studio.createShare(301, { password: 'sesame-42' });
    const site = await fixture<ClientReviewSite>(
      html`<client-review-site locale="fr" share-token=${share.token} .api=${studio.anonymous()}></client-review-site>`,
    );
    const $ = <T extends Element = HTMLElement>(sel: string) => site.shadowRoot!.querySelector<T>(sel);
    await waitUntil(() => $('label[for="name"]')?.textContent === 'Votre nom', 'gate in French', { timeout: 5000 });
    expect($('label[for="password"]')!.textContent).to.equal('Mot de passe');
    expect($('button[type="submit"]')!.textContent!.trim()).to.equal('Voir la playlist');
    expect($('.gate p.muted')!.textContent).to.contain('a partagé cette playlist avec vous');
    // A message built in code (not in the template) is French too.
    $<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => $('#gate-error')!.textContent!.includes('Veuillez saisir votre nom'), 'gate error in French');
    // Past the gate, the review page inside follows the site's locale.
    $<HTMLInputElement>('#password')!.value = 'sesame-42';
    $<HTMLInputElement>('#name')!.value = 'Casey Client';
    $<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitUntil(() => $('review-session'), 'review page open', { timeout: 5000 });
    expect($<ReviewSession>('review-session')!.locale).to.equal('fr');
    expect($('.who')!.textContent).to.equal('Revue en tant que Casey Client');
    expect($('section.stage')!.getAttribute('aria-label')).to.equal('Lecteur');
  });

  it('shows the share dialog, the playlist and the annotation tools in Japanese with locale="ja"', async () => {
    const api = new MemoryReviewApi({ fixture: createDemoFixture(), userId: 1 });
    const session = await fixture<ReviewSession>(html`
      <review-session .api=${api} locale="ja" clip-id="101">
        <share-dialog playlist-id="301"></share-dialog>
        <review-playlist playlist-id="301"></review-playlist>
        <div style="position:relative;width:640px;height:360px">
          <review-annotation-layer media-width="1280" media-height="720"></review-annotation-layer>
        </div>
      </review-session>
    `);
    await session.loaded;
    const dialog = session.querySelector('share-dialog')!;
    const playlist = session.querySelector('review-playlist')!;
    const layer = session.querySelector('review-annotation-layer')!;
    dialog.show();
    await dialog.updateComplete; // its forms are a chunk of their own
    const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
    await waitUntil(() => $(dialog, 'h2')?.textContent?.includes('を共有'), 'share dialog title in Japanese', { timeout: 5000 });
    expect($(dialog, 'fieldset[part="settings"] legend')!.textContent).to.equal('共有設定');
    expect($(dialog, 'button.close')!.getAttribute('aria-label')).to.equal('閉じる');
    await waitUntil(() => $(playlist, 'ol[part="list"]')?.getAttribute('aria-label')?.endsWith('のクリップ'), 'playlist in Japanese');
    await waitUntil(() => $(layer, '[part="toolbar"]'), 'annotation tool bar');
    expect($(layer, '[part="toolbar"]')!.getAttribute('aria-label')).to.equal('注釈ツール');
    layer.tool = 'pen';
    await layer.updateComplete;
    expect($(layer, '[data-tool="arrow"]')!.getAttribute('aria-label')).to.equal('矢印');
    expect($(layer, '[part="surface"]')!.getAttribute('aria-label')).to.equal('描画エリア、図形 0 個');
  });
});

// Element files that still hold English (in templates or in code); the list may only shrink (a file
// that is clean must be taken off it), and no other file may gain a hard-coded string.
const PENDING = new Set<string>([]);

/** Every element module, found by following the imports of src/define.ts under src/elements/. */
async function elementSources(): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  const queue = ['/src/define.ts'];
  while (queue.length) {
    const url = queue.shift()!;
    if (sources.has(url)) continue;
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    const text = await res.text();
    sources.set(url, text);
    for (const m of text.matchAll(/(?:import|from)\s*["']([^"']+)["']/g)) {
      const next = new URL(m[1].replace(/\.js$/, '.ts'), location.origin + url).pathname;
      if (next.startsWith('/src/elements/') && !next.endsWith('.styles.ts')) queue.push(next);
    }
  }
  sources.delete('/src/define.ts');
  return sources;
}

describe('no hard-coded user-visible strings', () => {
  it('wraps template text, aria-label/title/placeholder/alt and strings built in code in msg()', async () => {
    const sources = await elementSources();
    expect([...sources.keys()].filter((f) => f.endsWith('review-player.ts'))).to.have.length(1);
    expect(sources.size).to.be.greaterThan(10);
    const findings: Finding[] = [];
    for (const [file, text] of sources) findings.push(...findHardcodedStrings(file, text), ...findUntranslatedLiterals(file, text));
    const offending = findings.filter((f) => !PENDING.has(f.file.split('/').pop()!));
    expect(offending.map((f) => `${f.file}: ${f.text}`)).to.deep.equal([]);
    for (const file of PENDING) {
      expect(
        findings.some((f) => f.file.endsWith(`/${file}`)),
        `${file} is clean: take it off PENDING`,
      ).to.equal(true);
    }
  });

  it('every element that renders msg() re-renders when the locale changes', async () => {
    const stale: string[] = [];
    for (const [file, text] of await elementSources()) {
      if (/extends LitElement\b/.test(text) && /\bmsg\(/.test(text) && !/updateWhenLocaleChanges\(this\)|\blocalized\(\)/.test(text))
        stale.push(file);
    }
    expect(stale).to.deep.equal([]);
  });

  it('every msg() of every element has a French and a Japanese translation (extract, translate, build)', async () => {
    const missing: string[] = [];
    let count = 0;
    for (const [file, text] of await elementSources()) {
      for (const template of msgTemplates(text)) {
        count++;
        const id = generateMsgId(template, false);
        const english = typeof template === 'string' ? template : template.join('${…}');
        if (!(id in french)) missing.push(`fr ${file}: ${english}`);
        if (!(id in japanese)) missing.push(`ja ${file}: ${english}`);
      }
    }
    expect(count).to.be.greaterThan(300);
    expect(missing).to.deep.equal([]);
  });

  it('the scanner flags plain English and lets msg(), symbols and bindings through', () => {
    const src = [
      'html`<button aria-label="Close">✕</button>`',
      'html`<p>${msg("Fine")}</p><span title=${msg("ok")}>${value}</span>`',
      'html`<h2>Settings</h2>`',
      'html`<input placeholder="Search…" />`',
      'html`<span>${n} × ${m}</span>`',
    ].join('\n');
    const texts = findHardcodedStrings('x.ts', src).map((f) => f.text);
    expect(texts).to.deep.equal(['aria-label="Close"', 'Settings', 'placeholder="Search…"']);
  });

  it('the code scanner flags messages, labels and binding strings, and lets code and msg() through', () => {
    const src = [
      "this.message = 'Nothing to save.';",
      'errors.name = `The id ${id} is used twice.`;',
      "const TOOLS = [{ tool: 'pen', label: 'Pen' }];",
      'html`<ol aria-label=${playlist ? `Clips of ${name}` : msg("Clips")}>${busy ? "Opening…" : "View playlist"}</ol>`;',
      "this.status = msg('Link copied.'); this.error = msg(str`Could not save: ${e.message}`);",
      "if (e.key === 'Enter' || phase === 'not found') return;",
      String.raw`const EMAIL = /^[^\s@<>"']+@[^\s@<>"]+$/; // it's a regex, 'Not text'`,
      "import { x } from './Some Module.js'; throw new Error('Snapshot failed');",
      'html`<span class=${grabbed ? "grabbed item" : "item"} part=${"edit edit-name"}></span>`;',
      `emit(this, 'review-clip-select', { clipId }); el.querySelector('[part="Big Title"]');`,
    ].join('\n');
    const texts = findUntranslatedLiterals('x.ts', src).map((f) => f.text);
    expect(texts).to.deep.equal(['Nothing to save.', 'The id {} is used twice.', 'Pen', 'Clips of {}', 'Opening…', 'View playlist']);
  });
});
