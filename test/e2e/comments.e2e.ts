/**
 * End-to-end test of <comment-thread> through RestReviewApi against the reference server, in headless
 * Chromium (playwright-core): the demo portal (demo/index.html — <review-session api-base production-id
 * token> around <review-player> and <comment-thread>) is built into a temp folder and served by the server,
 * which runs on a free port with a temp database. Each user signs in with a real token; what the UI shows
 * is checked against what the server stored, read back over HTTP.
 *
 *   npm run test:e2e        (tsx --test test/e2e/sharing.e2e.ts test/e2e/comments.e2e.ts)
 *
 * SCREENSHOT=/path.png also saves a picture of the portal with a thread and its reply.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page, Request } from 'playwright-core';
import type { RunningServer } from '../../demo/server/app.js';
import { startStack, type Stack } from './stack.js';
import type { ClipAnnotation, Id, NewClipAnnotation } from '../../src/contract/types.js';

type Role = 'producer' | 'supervisor' | 'artist' | 'viewer';
const ROLES: readonly Role[] = ['producer', 'supervisor', 'artist', 'viewer'];
/** A fixture comment of each clip: once it is listed, the clip's comments are loaded. */
const FIXTURE_COMMENT: Record<number, Id> = { 101: 5001, 102: 5005, 103: 5006 };

let stack: Stack;
let server: RunningServer;
let browser: Browser;
const tokens = {} as Record<Role, string>;
const contexts: BrowserContext[] = [];

async function http<T = unknown>(method: string, path: string, opts: { body?: unknown; token?: string; contentType?: string } = {}) {
  return stack.http<T>(method, path, opts);
}

function newComment(mediaObjectId: Id, start: number, description: string, extra: Partial<NewClipAnnotation> = {}): NewClipAnnotation {
  return {
    objectType: 'ClipAnnotation',
    funnel: 'ReviewComment',
    mediaObjectId,
    description,
    mentionIds: [],
    tags: [],
    spatial: null,
    uiLocation: null,
    relatedToId: null,
    start,
    end: start + 1,
    customFields: {},
    ...extra,
  };
}

async function post(role: Role, input: NewClipAnnotation): Promise<ClipAnnotation> {
  const res = await http<ClipAnnotation>('POST', `/production/demo/mo/${input.mediaObjectId}/clip`, { token: tokens[role], body: input });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

function patchText(role: Role, id: Id, version: number, description: string) {
  return http<ClipAnnotation>('PATCH', `/production/demo/an/${id}`, {
    token: tokens[role],
    contentType: 'application/json-patch+json',
    body: [
      { op: 'test', path: '/version', value: version },
      { op: 'replace', path: '/description', value: description },
      { op: 'replace', path: '/mentionIds', value: [] },
      { op: 'replace', path: '/tags', value: [] },
    ],
  });
}

/** The comments of a clip as the server stores them (the producer sees all, internal ones too). */
async function storedOn(clipId: Id): Promise<ClipAnnotation[]> {
  const q = `fq=mediaObjectId:${clipId}&fq=funnel:ReviewComment&sort=start%20ASC&offset=0&limit=200`;
  const res = await http<ClipAnnotation[]>('GET', `/production/demo/an/search?${q}`, { token: tokens.producer });
  assert.equal(res.status, 200);
  return res.body;
}

async function stored(clipId: Id, id: Id): Promise<ClipAnnotation> {
  const found = (await storedOn(clipId)).find((c) => c.id === id);
  assert.ok(found, `comment ${id} is stored on clip ${clipId}`);
  return found;
}

/** One browser context (own localStorage) and page per user, reused by the tests: opening a page is slow. */
const pages = new Map<Role, Promise<Page>>();

async function pageOf(role: Role): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  // Signed in as the login form leaves it: the token in localStorage.
  await context.addInitScript((token) => localStorage.setItem('review-demo-token', token), tokens[role]);
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => console.error(`${role} pageerror:`, e.message));
  return page;
}

/**
 * The studio portal, freshly loaded, signed in as `role` and showing `clipId` with its comments loaded.
 * `live`: also wait until the events stream is connected.
 */
async function portal(role: Role, clipId: Id = 101, opts: { live?: boolean } = {}): Promise<Page> {
  if (!pages.has(role)) pages.set(role, pageOf(role));
  const page = await pages.get(role)!;
  const streaming = opts.live ? page.waitForResponse((r) => new URL(r.url()).pathname === '/api/production/demo/events') : null;
  await page.goto(`${server.url}/`);
  await showClip(page, clipId);
  if (streaming) assert.equal((await streaming).status(), 200);
  return page;
}

async function showClip(page: Page, clipId: Id): Promise<void> {
  if (clipId !== 101) await page.locator(`review-playlist li[data-clip-id="${clipId}"] .select`).click();
  await article(page, FIXTURE_COMMENT[clipId]).waitFor();
}

const article = (page: Page, id: Id): Locator => page.locator(`comment-thread article[data-comment-id="${id}"]`);
const mainComposer = (page: Page): Locator => page.locator('comment-thread review-comment-composer[part="composer"] textarea');

/** The id the server gave the comment showing `text`, once its POST is answered (temp ids are negative). */
async function savedId(page: Page, text: string): Promise<Id> {
  const saved = page.locator('comment-thread article:not([data-comment-id^="-"])').filter({ hasText: text });
  await saved.waitFor();
  return Number(await saved.getAttribute('data-comment-id'));
}

/** What each fixture comment of clip 101 offers, the main composer and the fixture threads' Reply buttons. */
function rightsView(page: Page) {
  return page.evaluate(async () => {
    const thread = document.querySelector('comment-thread')!;
    await thread.updateComplete; // the composer is a chunk of its own
    const root = thread.shadowRoot!;
    const actions: Record<number, string> = {};
    for (const id of [5001, 5002, 5003, 5004]) {
      const a = root.querySelector(`article[data-comment-id="${id}"]`)!;
      actions[id] = [
        a.querySelector(':scope > .actions .edit') ? 'edit' : '',
        a.querySelector(':scope > .actions .delete') ? 'delete' : '',
      ].join('+');
    }
    const replyButtons = [...root.querySelectorAll<HTMLElement>('[data-reply]')]
      .map((b) => Number(b.dataset.reply))
      .filter((id) => id < 5007);
    return { composer: !!root.querySelector('[part="composer"]'), replyButtons, actions };
  });
}

before(async () => {
  stack = await startStack('comments');
  ({ server, browser } = stack);
  for (const role of ROLES) {
    const login = await http<{ token: string }>('POST', '/auth/login', { body: { email: `${role}@demo.test`, password: role } });
    assert.equal(login.status, 200);
    tokens[role] = login.body.token;
  }
});

after(async () => {
  for (const c of contexts) await c.close();
  await stack?.close();
});

describe('comments through RestReviewApi (browser, reference server)', () => {
  it('the studio portal asks the server for each resource once as it opens', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    await context.addInitScript((token) => localStorage.setItem('review-demo-token', token), tokens.producer);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    const asked: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      // The API's requests, but the events stream (it stays open) and media (ranges of one file).
      if (url.pathname.startsWith('/api/') && !url.pathname.endsWith('/events') && !url.pathname.includes('/media/')) {
        asked.push(`${r.method()} ${url.pathname}${url.search}`);
      }
    });
    await page.goto(`${server.url}/`);
    await article(page, FIXTURE_COMMENT[101]).waitFor();
    await page.locator('review-playlist li[data-clip-id="102"]').waitFor();
    await page.waitForLoadState('networkidle');
    const counts = new Map<string, number>();
    for (const r of asked) counts.set(r, (counts.get(r) ?? 0) + 1);
    const repeated = [...counts].filter(([, n]) => n > 1).map(([r, n]) => `${r} ×${n}`);
    assert.deepEqual(repeated, [], `asked more than once; all: ${asked.join(', ')}`);
    // It did ask for what it shows: the open call (who is signed in, settings, every clip), the playlists
    // and the notes.
    const paths = asked.map((r) => r.split('?')[0]);
    for (const path of ['/api/production/demo/open', '/api/production/demo/playlist', '/api/production/demo/an/search'])
      assert.ok(paths.includes(`GET ${path}`), `GET ${path} not asked; all: ${asked.join(', ')}`);
    for (const path of ['/api/production/demo/me', '/api/production/demo/settings', '/api/production/demo/capabilities'])
      assert.ok(!paths.includes(`GET ${path}`), `GET ${path} asked though the open call answered it; all: ${asked.join(', ')}`);
    // The next visit opens the playlist shown last with its first clip: the clip is not asked for again.
    asked.length = 0;
    await page.reload();
    await article(page, FIXTURE_COMMENT[101]).waitFor();
    await page.waitForLoadState('networkidle');
    assert.ok(
      asked.some((r) => r.startsWith('GET /api/production/demo/open?playlistId=301')),
      `the open call names the playlist; all: ${asked.join(', ')}`,
    );
    assert.ok(
      !asked.some((r) => r.startsWith('GET /api/production/demo/mo/101?') || r === 'GET /api/production/demo/mo/101'),
      `the clip came with the open call; all: ${asked.join(', ')}`,
    );
  });

  it('rights matrix: who may write, reply, edit and delete — in the UI, and the server refuses the rest with 403', async () => {
    const views = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await rightsView(await portal(role))] as const)));
    assert.deepEqual(views.producer, {
      composer: true,
      replyButtons: [5001, 5003, 5004],
      actions: { 5001: 'edit+delete', 5002: 'edit+delete', 5003: 'edit+delete', 5004: 'edit+delete' },
    });
    // REVIEW_EDIT with REVIEW_EDIT_ALL: writes, and edits and deletes any comment.
    assert.deepEqual(views.supervisor, {
      composer: true,
      replyButtons: [5001, 5003, 5004],
      actions: { 5001: 'edit+delete', 5002: 'edit+delete', 5003: 'edit+delete', 5004: 'edit+delete' },
    });
    // REVIEW_EDIT: writes, edits and deletes only their own (5002 is Alex's reply).
    assert.deepEqual(views.artist, {
      composer: true,
      replyButtons: [5001, 5003, 5004],
      actions: { 5001: '+', 5002: 'edit+delete', 5003: '+', 5004: '+' },
    });
    assert.deepEqual(views.viewer, { composer: false, replyButtons: [], actions: { 5001: '+', 5002: '+', 5003: '+', 5004: '+' } });

    // The same rules on the server, for requests the UI would not send.
    const before5001 = await stored(101, 5001);
    assert.equal((await patchText('artist', 5001, before5001.version, 'hijacked')).status, 403);
    assert.equal((await patchText('viewer', 5003, 1, 'hijacked')).status, 403);
    const bulk = (role: Role, id: Id) =>
      http('DELETE', '/production/demo/an/bulk', { token: tokens[role], body: { actions: [{ action: 'DELETE', ids: [id] }] } });
    assert.equal((await bulk('artist', 5001)).status, 403);
    assert.equal((await bulk('viewer', 5003)).status, 403);
    for (const role of ['viewer'] as const) {
      const res = await http('POST', '/production/demo/mo/101/clip', { token: tokens[role], body: newComment(101, 3, `${role} writes`) });
      assert.equal(res.status, 403, `${role} may not create comments`);
    }
    assert.deepEqual(await stored(101, 5001), before5001, 'a refused edit changes nothing');
    assert.equal((await stored(101, 5003)).version, 1);

    // What the supervisor's UI offers works: they edit the artist's reply.
    const supervisor = await pages.get('supervisor')!;
    await article(supervisor, 5002).locator('.edit').click();
    const editor = supervisor.locator('comment-thread review-comment-composer.editor textarea');
    await editor.fill('Checked by Sam: the holdout fix is in v013.');
    await supervisor.locator('comment-thread review-comment-composer.editor button[type="submit"]').click();
    await article(supervisor, 5002).locator('[part="text"]').getByText('Checked by Sam').waitFor();
    const edited = await stored(101, 5002);
    assert.equal(edited.description, 'Checked by Sam: the holdout fix is in v013.');
    assert.equal(edited.version, 2);
    assert.equal(edited.creatorId, 3, 'the author stays Alex');
  });

  it('threads and replies: a comment at the player’s frame, a reply stored with relatedToId, seen by another user', async () => {
    const producer = await portal('producer');
    await producer.evaluate(() =>
      (document.querySelector('review-player') as HTMLElement & { seekToFrame(frame: number): Promise<void> }).seekToFrame(24),
    );
    // 24 fps, timecode display: the composer says where the comment will be pinned.
    await producer.locator('comment-thread review-comment-composer[part="composer"]').getByText('New comment at 00:00:01:00').waitFor();
    await mainComposer(producer).fill('E2E root: the star field pops at the cut.');
    await producer.locator('comment-thread review-comment-composer[part="composer"] button[type="submit"]').click();
    const rootId = await savedId(producer, 'E2E root: the star field pops at the cut.');

    await producer.locator(`comment-thread [data-reply="${rootId}"]`).click();
    const replyBox = producer.locator('comment-thread review-comment-composer.reply-box');
    await replyBox.locator('textarea').fill('E2E reply: agreed, softening the pop.');
    await replyBox.locator('button[type="submit"]').click();
    const replyId = await savedId(producer, 'E2E reply: agreed, softening the pop.');

    const root = await stored(101, rootId);
    const reply = await stored(101, replyId);
    assert.equal(root.start, 24);
    assert.equal(root.end, 25);
    assert.equal(root.relatedToId, null);
    assert.equal(reply.relatedToId, rootId);
    assert.equal(reply.threadGroupId, rootId);
    assert.equal(reply.start, 24, 'a reply is pinned to its root’s frame');
    assert.equal(reply.creatorName, 'Pat Producer');
    // One level only: a reply has no Reply button, and the server refuses a reply to a reply.
    assert.equal(await producer.locator(`comment-thread [data-reply="${replyId}"]`).count(), 0);
    assert.equal(await article(producer, replyId).locator('.reply').count(), 0);
    const nested = await http('POST', '/production/demo/mo/101/clip', {
      token: tokens.producer,
      body: newComment(101, 24, 'reply to a reply', { relatedToId: replyId }),
    });
    assert.equal(nested.status, 400);

    if (process.env.SCREENSHOT) await producer.screenshot({ path: process.env.SCREENSHOT });

    // Another user opening the portal sees the thread: the reply under its root.
    const artist = await portal('artist');
    const thread = artist.locator('comment-thread [part="thread"]').filter({ has: artist.locator(`article[data-comment-id="${rootId}"]`) });
    await thread.locator(`.replies article[data-comment-id="${replyId}"]`).waitFor();
    await artist.reload();
    await thread.locator(`.replies article[data-comment-id="${replyId}"]`).getByText('E2E reply: agreed').waitFor();
  });

  it('attachments: a picture attached in the composer reaches the server, its thumbnail shows, the viewer opens; a disguised file is refused', async () => {
    const artist = await portal('artist');
    // A real PNG, made by the page's canvas, and an HTML page named .png.
    const files = await artist.evaluate(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 320;
      canvas.height = 180;
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#2a7';
      ctx.fillRect(0, 0, 320, 180);
      const url = canvas.toDataURL('image/png');
      return { png: url.slice(url.indexOf(',') + 1) };
    });
    const composer = artist.locator('comment-thread review-comment-composer[part="composer"]');
    await mainComposer(artist).fill('E2E attachment: match this green.');
    await composer.locator('input[type="file"]').setInputFiles([
      { name: 'green.png', mimeType: 'image/png', buffer: Buffer.from(files.png, 'base64') },
      { name: 'evil.png', mimeType: 'image/png', buffer: Buffer.from('<!doctype html><script>alert(1)</script>') },
    ]);
    await composer.locator('button[type="submit"]').click();
    const id = await savedId(artist, 'E2E attachment: match this green.');
    const note = article(artist, id);
    const thumb = note.locator('[part~="files"] img');
    await thumb.waitFor();
    assert.equal(await thumb.getAttribute('alt'), 'green.png');
    await note.locator('[part~="upload"][role="alert"]').getByText('evil.png not attached').waitFor();
    const stored = await http<Array<{ commentId: Id; name: string; mimeType: string }>>('GET', '/production/demo/mo/101/attachments', {
      token: tokens.viewer,
    });
    assert.deepEqual(
      stored.body.filter((a) => a.commentId === id).map((a) => [a.name, a.mimeType]),
      [['green.png', 'image/png']],
      'the picture stored, the disguised file not',
    );
    await note.locator('[part~="file"]').click();
    const viewer = artist.locator('comment-thread dialog.viewer');
    await viewer.locator('img[alt="green.png"]').waitFor();
    await artist.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
  });

  it('mention and tag insertion by keyboard: chips on screen, the stored text has @{id,Name} and #{tag}, mentionIds and tags are filled', async () => {
    const artist = await portal('artist', 102);
    const composer = artist.locator('comment-thread review-comment-composer[part="composer"]');
    const options = composer.locator('[role="option"]');
    const selected = composer.locator('[role="option"][aria-selected="true"]');
    await mainComposer(artist).click();
    await artist.keyboard.type('Please check @a');
    // The people whose name or e-mail has an "a", from GET /users?q=a, ordered by name.
    await options.filter({ hasText: 'Sam Supervisor' }).waitFor();
    assert.deepEqual(await composer.locator('[role="option"] .option-label').allInnerTexts(), [
      'Alex Artist',
      'Pat Producer',
      'Sam Supervisor',
    ]);
    await artist.keyboard.press('ArrowDown');
    await artist.keyboard.press('ArrowDown');
    await selected.filter({ hasText: 'Sam Supervisor' }).waitFor();
    await artist.keyboard.press('Enter');
    await artist.keyboard.type('the #li');
    // The clip's known tag first (Enter takes it), then "#li" as a new tag.
    await options.filter({ hasText: 'new tag' }).waitFor();
    assert.deepEqual(await composer.locator('[role="option"] .option-label').allInnerTexts(), ['#lighting', '#li']);
    await selected.filter({ hasText: '#lighting' }).waitFor();
    await artist.keyboard.press('Enter');
    await artist.keyboard.type('and #wip');
    await selected.filter({ hasText: '#wip' }).waitFor();
    await artist.keyboard.press('Enter');
    // People see chips reading "@Sam Supervisor", "#lighting"; the markup is only what is stored.
    assert.equal(await mainComposer(artist).inputValue(), 'Please check @Sam Supervisor the #lighting and #wip ');
    assert.deepEqual(await composer.locator('[part="chips"] .chip').allInnerTexts(), ['@Sam Supervisor', '#lighting', '#wip']);
    await artist.keyboard.press('Control+Enter');

    const id = await savedId(artist, 'Please check');
    const saved = await stored(102, id);
    assert.equal(saved.description, 'Please check @{2,Sam Supervisor} the #{lighting} and #{wip}');
    assert.deepEqual(saved.mentionIds, [2]);
    assert.deepEqual([...saved.tags].sort(), ['lighting', 'wip']);
    assert.equal(saved.creatorId, 3);
    // Shown as chips, not as markup.
    assert.equal(await article(artist, id).locator('[part~="mention"]').innerText(), '@Sam Supervisor');
    assert.deepEqual(await article(artist, id).locator('[part~="tag"]').allInnerTexts(), ['#lighting', '#wip']);
    assert.equal(await mainComposer(artist).inputValue(), '');
  });

  it('edit conflict: a stale edit gets 409, the other version shows, the user’s text is kept and saving again wins', async () => {
    const base = await post('artist', newComment(102, 20, 'Conflict base: grade is too cold.'));
    const artist = await portal('artist', 102);
    await article(artist, base.id).locator('.edit').click();
    const editor = artist.locator('comment-thread review-comment-composer.editor');
    await editor.locator('textarea').fill('Alex’s rewrite: grade is too cold in the shadows only.');

    // Meanwhile the producer changes the same comment.
    const theirs = await patchText('producer', base.id, 1, 'Pat’s fix: grade is a touch cold.');
    assert.equal(theirs.status, 200);

    const isPatch = (r: { url(): string; request(): { method(): string } }) =>
      r.url().endsWith(`/an/${base.id}`) && r.request().method() === 'PATCH';
    const first = artist.waitForResponse(isPatch);
    await editor.locator('button[type="submit"]').click();
    assert.equal((await first).status(), 409);
    await editor.getByText('Someone else changed this comment').waitFor();
    await article(artist, base.id).getByText('Pat’s fix: grade is a touch cold.').waitFor();
    assert.equal(await editor.locator('textarea').inputValue(), 'Alex’s rewrite: grade is too cold in the shadows only.');

    const second = artist.waitForResponse(isPatch);
    await editor.locator('button[type="submit"]').click();
    assert.equal((await second).status(), 200);
    await article(artist, base.id).locator('[part="text"]').getByText('Alex’s rewrite').waitFor();
    const saved = await stored(102, base.id);
    assert.equal(saved.description, 'Alex’s rewrite: grade is too cold in the shadows only.');
    assert.equal(saved.version, 3);
  });

  it('failure, retry, nothing lost: an unsent comment and the draft survive a reload; Retry posts it once', async () => {
    const text = 'Offline note: the hull flickers at the end.';
    const producer = await portal('producer', 102);
    let posts = 0;
    // The server cannot be reached for new comments.
    await producer.route('**/api/production/demo/mo/102/clip', (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      posts++;
      return route.abort('connectionrefused');
    });
    await mainComposer(producer).fill(text);
    await producer.locator('comment-thread review-comment-composer[part="composer"] button[type="submit"]').click();
    const failed = producer.locator('comment-thread article[part~="comment-failed"]').filter({ hasText: text });
    await failed.locator('[part="problem"]').getByText('Not sent').waitFor();
    await failed.getByRole('button', { name: 'Retry' }).waitFor();
    assert.equal(posts, 1);

    // A second comment being written, not sent yet.
    await mainComposer(producer).fill('Draft: also check the');
    await producer.reload();
    await showClip(producer, 102);
    await failed.getByRole('button', { name: 'Retry' }).waitFor();
    assert.equal(await mainComposer(producer).inputValue(), 'Draft: also check the');
    assert.equal(posts, 1, 'a reload does not send it by itself');
    assert.equal((await storedOn(102)).filter((c) => c.description === text).length, 0);

    // The server is back: Retry posts it, once.
    await producer.unroute('**/api/production/demo/mo/102/clip');
    const sent: string[] = [];
    const onRequest = (r: Request) => {
      if (r.method() === 'POST' && r.url().endsWith('/mo/102/clip')) sent.push(r.postData() ?? '');
    };
    producer.on('request', onRequest);
    await failed.getByRole('button', { name: 'Retry' }).click();
    const id = await savedId(producer, text);
    producer.off('request', onRequest);
    assert.equal(await producer.locator('comment-thread article').filter({ hasText: text }).count(), 1);
    assert.equal(sent.length, 1);
    const onServer = (await storedOn(102)).filter((c) => c.description === text);
    assert.deepEqual(
      onServer.map((c) => c.id),
      [id],
    );
    assert.equal(await mainComposer(producer).inputValue(), 'Draft: also check the', 'the draft is still there');
  });

  it('live: comments made by another user appear, change and go without a reload', async () => {
    const producer = await portal('producer', 101, { live: true });
    await producer.locator('comment-thread').getByText('Live', { exact: true }).waitFor();
    await producer.evaluate(() => ((window as unknown as { e2eSamePage: boolean }).e2eSamePage = true));

    const note = await post('artist', newComment(101, 50, 'Live: Alex flags the lens flare.'));
    await article(producer, note.id).getByText('Live: Alex flags the lens flare.').waitFor();
    assert.equal((await patchText('artist', note.id, 1, 'Live: Alex flags the lens flare (frame 50).')).status, 200);
    await article(producer, note.id).getByText('(frame 50)').waitFor();
    const del = await http('DELETE', '/production/demo/an/bulk', {
      token: tokens.artist,
      body: { actions: [{ action: 'DELETE', ids: [note.id] }] },
    });
    assert.equal(del.status, 200);
    await article(producer, note.id).waitFor({ state: 'detached' });
    assert.equal(await producer.evaluate(() => (window as unknown as { e2eSamePage?: boolean }).e2eSamePage), true, 'no reload happened');
  });

  it('export: WebVTT, SRT and CSV from the menu download files listing the comments at their times', async () => {
    // Clip 103 runs at 29.97 fps (30000/1001): frame 30 starts at 1.001 s, frame 60 (fixture) at 2.002 s.
    const root = await post('producer', newComment(103, 30, 'Export: hold the head turn, #{timing}', { tags: ['timing'] }));
    const reply = await post('artist', newComment(103, 30, 'Export reply, on it', { relatedToId: root.id }));
    const producer = await portal('producer', 103);
    await article(producer, reply.id).waitFor();

    const download = async (item: string) => {
      await producer.locator('comment-thread [part="export-button"]').click();
      const started = producer.waitForEvent('download');
      await producer.locator('comment-thread [role="menuitem"]').filter({ hasText: item }).click();
      const file = await started;
      return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
    };

    const vtt = await download('WebVTT');
    assert.equal(vtt.name, 'hm_030_0020_anim_v007-comments.vtt');
    assert.ok(vtt.text.startsWith('WEBVTT'), vtt.text);
    assert.ok(
      vtt.text.includes(`comment-${root.id}\n00:00:01.001 --> 00:00:01.034\nPat Producer: Export: hold the head turn, #timing\n`),
      vtt.text,
    );
    assert.ok(vtt.text.includes(`comment-${reply.id}\n00:00:01.001 --> 00:00:01.034\n↳ Alex Artist: Export reply, on it\n`), vtt.text);
    assert.ok(
      vtt.text.includes('comment-5006\n00:00:02.002 --> 00:00:02.035\nAlex Artist: Frame 60: motion blur too strong? @Sam Supervisor\n'),
      vtt.text,
    );

    const srt = await download('SubRip');
    assert.equal(srt.name, 'hm_030_0020_anim_v007-comments.srt');
    assert.equal(
      srt.text.replace(/\r\n/g, '\n'),
      [
        '1\n00:00:01,001 --> 00:00:01,034\nPat Producer: Export: hold the head turn, #timing\n',
        '2\n00:00:01,001 --> 00:00:01,034\n↳ Alex Artist: Export reply, on it\n',
        '3\n00:00:02,002 --> 00:00:02,035\nAlex Artist: Frame 60: motion blur too strong? @Sam Supervisor\n',
      ].join('\n'),
    );

    const csv = await download('Spreadsheet');
    assert.equal(csv.name, 'hm_030_0020_anim_v007-comments.csv');
    const rows = csv.text.trim().split(/\r\n/);
    assert.equal(rows[0], 'id,frame,seconds,author,reply_to,internal,tags,created,modified,description');
    assert.equal(rows.length, 4, csv.text);
    assert.match(
      rows[1],
      new RegExp(`^${root.id},30,1\\.001,Pat Producer,,false,timing,[^,]+,[^,]+,"Export: hold the head turn, #timing"$`),
    );
    assert.match(rows[2], new RegExp(`^${reply.id},30,1\\.001,Alex Artist,${root.id},false,,[^,]+,[^,]+,"Export reply, on it"$`));
    assert.match(rows[3], /^5006,60,2\.002,Alex Artist,,false,,[^,]+,[^,]+,Frame 60: motion blur too strong\? @Sam Supervisor$/);
  });
});
