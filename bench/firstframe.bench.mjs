// Issue 26, "open fast on a phone network": how soon a review page shows its first frame and its notes,
// against a bare HTML page with the same video and the same notes, on Chromium's "Fast 3G" throttling and
// unthrottled, in one run.
//
// The demo portal is built into a temp folder (demo/vite.config.ts, as `npm start` builds it) and served by
// the reference server (temp REVIEW_DB, free port, a child process). Pages, each in a fresh browser context
// (cold cache):
//  - client: the share link page (/review.html?token=…) of a client who has already passed the gate (the
//    share session is in sessionStorage, as after a reload): what opening the link costs, not the typing;
//    phone viewport 412×915.
//  - studio: the portal (/) signed in as the producer (token in localStorage); viewport 1280×800.
//  - bare: served by this bench on the same server (/__bench/bare/…): a plain <video preload=auto> with the
//    media URL the page's clip answer carries, and a plain <ul> of the same notes from one fetch of the
//    search call; measured with the client's session (phone viewport) and the producer's (desktop).
// Figures, each the median of RUNS runs (pages take turns within a run):
//  - first frame: ms from navigation start until a <video> anywhere in the page (shadow roots included)
//    presents its first frame (requestVideoFrameCallback; `loadeddata` if that never fires).
//  - notes: ms until the text of one of the clip's notes is on the page (shadow roots included).
//  - kB: bytes on the wire (CDP encodedDataLength: headers + compressed body) of every request started
//    before both were shown, up to that moment; "media kB" is the part of it that is video or images.
//  - waves: sequential request waves up to that moment. Requests sorted by start time; the first opens wave 1;
//    a request that starts after some request of the current wave has finished (loadingFinished/Failed)
//    opens the next wave, i.e. it may have waited for that answer; otherwise it joins the current wave.
//    A page that asks for everything it needs at once has one wave after the HTML (2 in all).
// Fast 3G is DevTools' preset: 562.5 ms latency, 180 000 B/s down (1.6 Mbit/s × 0.9), 84 375 B/s up.
//
// Usage: npm run bench -- firstframe   (RUNS=3 by default; CHROME_PATH overrides /usr/bin/chromium;
// WAVES=1 also prints each page's waves of the last throttled run.)
import { chromium } from 'playwright-core';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 3);
const PID = 'demo';
const FAST_3G = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1e6 * 0.9) / 8, uploadThroughput: (750 * 1e3 * 0.9) / 8 };
const PHONE = { width: 412, height: 915 };
const DESKTOP = { width: 1280, height: 800 };

const tmp = mkdtempSync(join(tmpdir(), 'review-firstframe-'));
const started = Date.now();
execFileSync(
  'npx',
  ['vite', 'build', '--config', 'demo/vite.config.ts', '--outDir', join(tmp, 'dist'), '--emptyOutDir', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.env.OUTBOX_DIR = join(tmp, 'outbox');
delete process.env.SMTP_URL;
delete process.env.PUBLIC_URL;
// The server runs in a child process (bench/firstframe-server.mjs), see there why.
const bareDir = join(tmp, 'bare');
mkdirSync(bareDir);
const serverProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/firstframe-server.mjs')], {
  cwd: root,
  env: { ...process.env, REVIEW_DB: join(tmp, 'review.db'), DIST_DIR: join(tmp, 'dist'), BARE_DIR: bareDir },
  stdio: ['ignore', 'pipe', 'inherit'],
});
process.on('exit', () => serverProcess.kill());
const origin = await new Promise((resolveUrl, reject) => {
  let out = '';
  serverProcess.stdout.on('data', (d) => {
    out += d;
    const line = out.split('\n').find((l) => l.startsWith('{'));
    if (line) resolveUrl(JSON.parse(line).url);
  });
  serverProcess.once('exit', (code) => reject(new Error(`the review server exited (${code})`)));
});
const stopServer = () =>
  new Promise((done) => {
    if (serverProcess.exitCode !== null) return done();
    serverProcess.once('exit', done);
    serverProcess.kill('SIGTERM');
  });

async function api(method, path, { token, body } = {}) {
  const res = await fetch(`${origin}/api${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** Plain text of a note as the elements show it: mentions and tags without their markers. */
const plain = (d) => d.replace(/@\{\d+,([^}]*)\}/g, '@$1').replace(/#\{([^}]*)\}/g, '#$1');

/** What a page shows first (its first clip) for a token: the media URL, the notes, and a note text to look for. */
async function firstClip(token, playlistId) {
  const playlist = await api('GET', `/production/${PID}/playlist/${playlistId}`, { token });
  const clipId = playlist.clipIds[0];
  const clip = await api('GET', `/production/${PID}/mo/${clipId}`, { token });
  const search = `/api/production/${PID}/an/search?fq=mediaObjectId:${clipId}&fq=funnel:ReviewComment&sort=start%20ASC&offset=0&limit=200`;
  const notes = await api('GET', search.slice(4), { token });
  if (!notes.length) throw new Error(`clip ${clipId} has no notes to show`);
  // A distinctive run of words of a note's text (no markers, no HTML escaping issues).
  const needle = notes
    .map((n) => plain(n.description))
    .map((t) => /[A-Za-z][A-Za-z ,.'’-]{11,}/.exec(t)?.[0])
    .find(Boolean);
  if (!needle) throw new Error('no note text to look for');
  return { clipId, mediaUrl: clip.media.url, search, needle: needle.trim(), count: notes.length };
}

function bareHtml({ mediaUrl, search }, token) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>bare page</title><style>body{font:16px system-ui;margin:0}video{width:100%;max-width:960px;display:block;background:#000}</style></head>
<body><video src="${escapeHtml(mediaUrl)}" preload="auto" muted playsinline></video><ul id="notes"></ul>
<script>
fetch(${JSON.stringify(search)}, { headers: { authorization: ${JSON.stringify(`Bearer ${token}`)} } })
  .then((r) => r.json())
  .then((notes) => {
    const ul = document.getElementById('notes');
    for (const n of notes) {
      const li = document.createElement('li');
      li.textContent = n.description.replace(/@\\{\\d+,([^}]*)\\}/g, '@$1').replace(/#\\{([^}]*)\\}/g, '#$1');
      ul.append(li);
    }
  });
</script></body></html>`;
}

// — the data: a share of the first playlist, a client session on it, the producer's token —
const producer = (await api('POST', '/auth/login', { body: { email: 'producer@demo.test', password: 'producer' } })).token;
const playlists = await api('GET', `/production/${PID}/playlist`, { token: producer });
const share = await api('POST', `/production/${PID}/playlist/${playlists[0].id}/share`, {
  token: producer,
  body: { password: null, settings: { requirePassword: false } },
});
const clientName = 'Casey Client';
const session = await api('POST', `/share/${share.token}/session`, { body: { name: clientName } });
const clientClip = await firstClip(session.token, session.playlistId);
const studioClip = await firstClip(producer, playlists[0].id);
writeFileSync(join(bareDir, 'client.html'), bareHtml(clientClip, session.token));
writeFileSync(join(bareDir, 'studio.html'), bareHtml(studioClip, producer));

const PAGES = [
  {
    name: 'client page',
    url: `${origin}/review.html?token=${encodeURIComponent(share.token)}`,
    viewport: PHONE,
    needle: clientClip.needle,
    storage: {
      kind: 'session',
      key: `review-elements:share-session:${share.token}`,
      value: JSON.stringify({ ...session, name: clientName }),
    },
  },
  { name: 'bare (client data)', url: `${origin}/__bench/bare/client`, viewport: PHONE, needle: clientClip.needle },
  {
    name: 'studio page',
    url: `${origin}/`,
    viewport: DESKTOP,
    needle: studioClip.needle,
    storage: { kind: 'local', key: 'review-demo-token', value: producer },
  },
  { name: 'bare (studio data)', url: `${origin}/__bench/bare/studio`, viewport: DESKTOP, needle: studioClip.needle },
];

/** Runs in every page before its scripts: watches for the first frame of any <video> and for the note text. */
function watcher({ needle, storage }) {
  if (storage) (storage.kind === 'session' ? sessionStorage : localStorage).setItem(storage.key, storage.value);
  const t = (window.__bench = { frame: null, loaded: null, notes: null });
  const seen = new WeakSet();
  const roots = () => {
    const out = [];
    const walk = (r) => {
      out.push(r);
      for (const el of r.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
    };
    if (document.body) walk(document.body);
    return out;
  };
  const tick = () => {
    const all = roots();
    for (const r of all) {
      for (const v of r.querySelectorAll('video')) {
        if (seen.has(v)) continue;
        seen.add(v);
        if (v.readyState >= 2) t.loaded ??= performance.now();
        v.addEventListener('loadeddata', () => (t.loaded ??= performance.now()), { once: true });
        v.requestVideoFrameCallback?.((now) => (t.frame ??= now));
      }
    }
    if (t.notes === null && all.some((r) => r.textContent.includes(needle))) t.notes = performance.now();
    if (t.notes === null || (t.frame === null && t.loaded === null) || t.frame === null) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** One page load; answers the figures. */
async function measure(browser, page, throttled) {
  const context = await browser.newContext({ viewport: page.viewport, deviceScaleFactor: 1 });
  try {
    const tab = await context.newPage();
    tab.on('pageerror', (e) => console.error(`${page.name}: pageerror ${e.message}`));
    const cdp = await context.newCDPSession(tab);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
    if (throttled) await cdp.send('Network.emulateNetworkConditions', FAST_3G);
    const requests = new Map();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (!/^https?:/.test(e.request.url) || requests.has(e.requestId)) return;
      requests.set(e.requestId, { url: e.request.url, type: e.type, start: e.timestamp, end: Infinity, bytes: 0, chunks: [] });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = requests.get(e.requestId);
      if (r) {
        r.type = e.type;
        r.chunks.push([e.timestamp, e.response.encodedDataLength ?? 0]);
      }
    });
    cdp.on('Network.dataReceived', (e) => requests.get(e.requestId)?.chunks.push([e.timestamp, e.encodedDataLength]));
    const done = (e) => {
      const r = requests.get(e.requestId);
      if (!r) return;
      r.end = e.timestamp;
      if (e.encodedDataLength !== undefined) r.bytes = e.encodedDataLength;
    };
    cdp.on('Network.loadingFinished', done);
    cdp.on('Network.loadingFailed', done);
    await tab.addInitScript(watcher, { needle: page.needle, storage: page.storage });
    await tab.goto(page.url, { waitUntil: 'commit' });
    // rVFC fires once the frame is composited; `loadeddata` alone is the fallback after a second more.
    await tab.waitForFunction(
      () => {
        const t = window.__bench;
        if (t.notes === null) return false;
        if (t.frame !== null) return true;
        return t.loaded !== null && performance.now() - t.loaded > 1000;
      },
      null,
      { timeout: 60_000, polling: 50 },
    );
    const t = await tab.evaluate(() => window.__bench);
    const firstFrame = t.frame ?? t.loaded;
    const readyMs = Math.max(firstFrame, t.notes);
    // CDP timestamps are seconds on another clock: the document request's start is the page's time 0.
    const list = [...requests.values()].sort((a, b) => a.start - b.start);
    const t0 = list[0].start;
    const readyAt = t0 + readyMs / 1000;
    const before = list.filter((r) => r.start <= readyAt);
    const wire = (r) => (r.end <= readyAt && r.bytes ? r.bytes : r.chunks.filter(([ts]) => ts <= readyAt).reduce((s, [, n]) => s + n, 0));
    const isMedia = (r) => /\/media\//.test(new URL(r.url).pathname) || r.type === 'Media' || r.type === 'Image';
    const waves = [];
    let firstEnd = -Infinity;
    for (const r of before) {
      if (!waves.length || r.start >= firstEnd) {
        waves.push([]);
        firstEnd = r.end;
      } else firstEnd = Math.min(firstEnd, r.end);
      waves.at(-1).push(r);
    }
    return {
      viaLoadeddata: t.frame === null,
      firstFrame,
      notes: t.notes,
      kB: before.reduce((s, r) => s + wire(r), 0) / 1000,
      mediaKB: before.filter(isMedia).reduce((s, r) => s + wire(r), 0) / 1000,
      requests: before.length,
      waves: waves.length,
      waveList: waves.map((w) =>
        w.map((r) => `${Math.round((r.start - t0) * 1000)}–${r.end === Infinity ? '…' : Math.round((r.end - t0) * 1000)} ${short(r.url)}`),
      ),
    };
  } finally {
    await context.close();
  }
}

function short(url) {
  const u = new URL(url);
  const path = u.pathname.replace(`/api/production/${PID}`, '~').replace(/-[\w-]{8}\.(js|css)$/, '.$1');
  return path + (u.pathname.startsWith('/media/') || !u.search ? '' : u.search.slice(0, 40));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required', '--disable-background-networking'],
});
const results = new Map();
try {
  for (let run = 0; run < RUNS; run++) {
    for (const throttled of [true, false]) {
      for (const page of PAGES) {
        const key = `${page.name}|${throttled}`;
        const r = await measure(browser, page, throttled);
        if (!results.has(key)) results.set(key, []);
        results.get(key).push(r);
      }
    }
  }
} finally {
  await browser.close();
  await stopServer();
  rmSync(tmp, { recursive: true, force: true });
}

const table = {};
for (const throttled of [true, false]) {
  for (const page of PAGES) {
    const rs = results.get(`${page.name}|${throttled}`);
    const bare = page.name.startsWith('bare') ? null : results.get(`bare (${page.name.split(' ')[0]} data)|${throttled}`);
    const m = (f) => median(rs.map(f));
    const ff = m((r) => r.firstFrame);
    table[`${throttled ? 'Fast 3G' : 'unthrottled'} · ${page.name}`] = {
      'first frame ms': Math.round(ff),
      '× bare': bare ? +(ff / median(bare.map((r) => r.firstFrame))).toFixed(2) : '',
      'notes ms': Math.round(m((r) => r.notes)),
      'kB on wire': Math.round(m((r) => r.kB)),
      'media kB': Math.round(m((r) => r.mediaKB)),
      requests: m((r) => r.requests),
      waves: m((r) => r.waves),
    };
  }
}
console.log(
  `first frame and notes, median of ${RUNS} runs each (cold cache; ${clientClip.count} notes on the client's clip ${clientClip.clipId}, ${studioClip.count} on the studio's clip ${studioClip.clipId})`,
);
console.table(table);
const fallbacks = [...results.values()].flat().filter((r) => r.viaLoadeddata).length;
if (fallbacks) console.log(`(${fallbacks} loads never saw requestVideoFrameCallback fire; their first frame is \`loadeddata\`)`);
if (process.env.WAVES) {
  for (const page of PAGES) {
    const last = results.get(`${page.name}|true`).at(-1);
    console.log(`\n${page.name}, Fast 3G, last run: ${last.waves} waves`);
    last.waveList.forEach((w, i) => console.log(`  ${i + 1}. ${w.join('  ')}`));
  }
}
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
