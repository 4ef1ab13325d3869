/**
 * End-to-end test of sharing with a client, in headless Chromium (playwright-core) against the reference
 * server: it builds the demo portal pages (demo/index.html studio side, demo/review.html client side) into a
 * temp folder, starts the server on a free port with a temp database and outbox, runs, and stops it.
 *
 *   npm run test:e2e        (tsx --test test/e2e/sharing.e2e.ts)
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RunningServer } from '../../demo/server/app.js';
import { startStack, type Stack } from './stack.js';
import type { ClipAnnotation, NewShare, Share } from '../../src/contract/types.js';
import type { OutboxEntry } from '../../demo/server/mail.js';

let stack: Stack;
let server: RunningServer;
let browser: Browser;
let api: string;
let producerToken: string;

async function http<T = unknown>(method: string, path: string, opts: { body?: unknown; token?: string; contentType?: string } = {}) {
  return stack.http<T>(method, path, opts);
}

async function share(playlistId: number, input: NewShare): Promise<Share> {
  const res = await http<Share>('POST', `/production/demo/playlist/${playlistId}/share`, { body: input, token: producerToken });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

async function clientToken(s: Share, password?: string): Promise<string> {
  const res = await http<{ token: string }>('POST', `/share/${s.token}/session`, { body: { password, name: 'Casey Client' } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.token;
}

/** A fresh client browser (own sessionStorage) on a phone-sized screen. */
async function clientPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('client pageerror:', e.message));
  return { context, page };
}

/** Opens a share link on the client page and passes the gate with this name (and password). */
async function enterSite(page: Page, url: string, fields: { password?: string; name: string }) {
  await page.goto(url);
  if (fields.password !== undefined) await page.locator('client-review-site #password').fill(fields.password);
  await page.locator('client-review-site #name').fill(fields.name);
  await page.getByRole('button', { name: 'View playlist' }).click();
}

before(async () => {
  stack = await startStack('sharing');
  ({ server, browser, api } = stack);
  const login = await http<{ token: string }>('POST', '/auth/login', { body: { email: 'producer@demo.test', password: 'producer' } });
  producerToken = login.body.token;
});

after(async () => {
  await stack?.close();
});

describe('sharing a playlist with a client (browser, reference server)', () => {
  it('producer shares with a password and an invitation; the client is refused a wrong password, comments on a frame; the producer sees it', async () => {
    // — the producer signs in on the studio portal and opens the share dialog —
    // A context of its own, so the /outbox page below opens in the same profile (the portal's token).
    const studioContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const studio = await studioContext.newPage();
    studio.on('pageerror', (e) => console.error('studio pageerror:', e.message));
    await studio.goto(`${server.url}/`);
    await studio.locator('input[name="email"]').fill('producer@demo.test');
    await studio.locator('input[name="password"]').fill('producer');
    await studio.getByRole('button', { name: 'Sign in' }).click();
    await studio.locator('review-playlist li[data-clip-id="101"] .select').click();
    await studio.getByRole('button', { name: 'Share with client…' }).click();
    const dialog = studio.locator('share-dialog dialog');
    await dialog.waitFor({ state: 'visible' });

    await studio.locator('share-dialog #password').fill('sesame-42');
    await studio.locator('share-dialog #new-name').fill('Dana Director');
    await studio.locator('share-dialog #new-email').fill('dana@agency.test');
    await studio.locator('share-dialog').getByRole('button', { name: 'Add', exact: true }).click();
    await studio.locator('share-dialog #message').fill('Here is v12 — <b>the jump</b>. Notes welcome!');
    await studio.locator('share-dialog [part="submit"]').click();
    const link = await studio.locator('share-dialog [part="link"]').inputValue();
    assert.match(link, /\/review\.html\?token=[\w-]{32,}$/);
    assert.equal(await studio.locator('share-dialog [part="preview"]').getAttribute('href'), `${link}&preview=1`);
    await studio.locator('share-dialog').getByRole('heading', { name: 'Invitation sent to' }).waitFor();

    // — the invitation lands in the outbox: HTML + text, branded, escaped, with the link —
    // The outbox holds share links: only a studio user who may share reads it.
    assert.equal((await http('GET', '/dev/outbox')).status, 401);
    const outbox = await http<{ mode: string; messages: OutboxEntry[] }>('GET', '/dev/outbox', { token: producerToken });
    assert.equal(outbox.body.mode, 'outbox');
    const mail = outbox.body.messages.find((m) => m.to.email === 'dana@agency.test');
    assert.ok(mail, 'an e-mail to Dana is in the outbox');
    assert.match(mail.subject, /Northlight Pictures shared “Hyperspace Madness — client review 1” with you/);
    assert.equal(mail.from.email, 'review@northlight.test');
    assert.ok(mail.html.includes(`href="${link}"`), 'the View Playlist button links to the share');
    assert.ok(mail.html.includes('>View Playlist</a>'));
    assert.ok(mail.html.includes('Here is v12 — &lt;b&gt;the jump&lt;/b&gt;. Notes welcome!'), 'the message is HTML-escaped');
    assert.ok(!mail.html.includes('<b>the jump</b>'));
    assert.ok(mail.html.includes('#e4572e'), 'studio accent colour');
    const thumb = /<img src="(http:\/\/[^"]+-thumb\.jpg\?[^"]+)"/.exec(mail.html);
    assert.ok(thumb, 'thumbnails (the share sends them), as signed URLs');
    assert.equal((await fetch(thumb[1].replace(/&amp;/g, '&'))).status, 200);
    assert.ok(!mail.html.includes('sesame-42') && !mail.text.includes('sesame-42'), 'the password is never mailed');
    assert.ok(mail.text.includes(`View Playlist: ${link}`));
    // The /outbox page lists it with the token the signed-in portal keeps (same browser profile).
    const outboxPage = await studioContext.newPage();
    await outboxPage.goto(`${server.url}/outbox`);
    await outboxPage.getByText(/to Dana Director <dana@agency\.test>/).waitFor();
    await outboxPage.close();

    // — the client opens the link from the e-mail on a phone —
    const href = /href="([^"]+)"[^>]*>View Playlist</.exec(mail.html)![1].replace(/&amp;/g, '&');
    const { context, page } = await clientPage();
    await enterSite(page, href, { password: 'not-the-password', name: 'Casey Client' });
    await page.locator('client-review-site #gate-error').getByText('That password is not right').waitFor();
    assert.equal(await page.locator('client-review-site review-session').count(), 0);

    await page.locator('client-review-site #password').fill('sesame-42');
    await page.getByRole('button', { name: 'View playlist' }).click();
    await page.locator('client-review-site review-player').waitFor();
    assert.ok((await page.locator('client-review-site [part="branding"]').innerText()).includes('Reviewing as Casey Client'));

    // One column on a 360 px phone: nothing wider than the screen.
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 360, `page is ${scrollWidth}px wide at 360px`);

    // — the client comments on frame 12 —
    await page.evaluate(async () => {
      const site = document.querySelector('client-review-site')!;
      const player = site.shadowRoot!.querySelector('review-player') as HTMLElement & { seekToFrame(n: number): Promise<void> };
      await customElements.whenDefined('review-player');
      await player.seekToFrame(12);
    });
    const composer = page.locator('client-review-site comment-thread review-comment-composer textarea').first();
    await composer.fill('Warmer please, on this frame.');
    await page.locator('client-review-site comment-thread review-comment-composer button[type="submit"]').first().click();
    await page.locator('client-review-site comment-thread').getByText('Warmer please, on this frame.').waitFor();

    const found = await http<ClipAnnotation[]>(
      'GET',
      `/production/demo/an/search?fq=mediaObjectId:101&fq=funnel:ReviewComment&sort=start%20ASC&offset=0&limit=200`,
      { token: producerToken },
    );
    const note = found.body.find((c) => c.description === 'Warmer please, on this frame.');
    assert.ok(note, 'the comment is stored');
    assert.equal(note.start, 12);
    assert.equal(note.end, 13);
    assert.equal(note.creatorName, 'Casey Client');

    // — the producer sees the client's note in their <comment-thread> —
    const thread = studio.locator('comment-thread').getByText('Warmer please, on this frame.');
    try {
      await thread.waitFor({ timeout: 8000 }); // live, over the events stream
    } catch {
      await studio.reload();
      await studio.locator('review-playlist li[data-clip-id="101"] .select').click();
      await thread.waitFor();
    }

    // A reload of the client page does not ask for the password again.
    await page.reload();
    await page.locator('client-review-site review-player').waitFor();
    assert.equal(await page.locator('client-review-site #password').count(), 0);

    // The Preview link shows the blue bar above the client page, opened from the studio's sign-in: no
    // password or name asked, and nothing can be posted as the client.
    await studio.goto(`${link}&preview=1`);
    await studio.getByText('Preview — this is exactly what your client will see').waitFor();
    await studio.locator('client-review-site review-player').waitFor();
    assert.equal(await studio.locator('client-review-site #password').count(), 0);
    await studio.getByText(/Previewing as Pat Producer/).waitFor();
    await studio.getByText('Your client can write notes here. In Preview nothing is posted or changed.').waitFor();
    assert.equal(await studio.locator('client-review-site comment-thread textarea').count(), 0);
    // "Invite People" opens the share dialog, whose code a client page never downloads (it loads for a preview).
    await studio.getByRole('button', { name: 'Invite People' }).click();
    await studio.locator('client-review-site share-dialog dialog[open]').waitFor();
    await context.close();
    await studioContext.close();
  });

  it('expiry and revocation: the link answers 410 and the client page says so; client tokens stop working', async () => {
    const s = await share(301, { password: null, settings: { requirePassword: false } });
    const { context, page } = await clientPage();
    await enterSite(page, s.url, { name: 'Casey Client' });
    await page.locator('client-review-site review-player').waitFor();
    const token = await clientToken(s);

    // Expire it (the producer moves the expiry into the past).
    const past = await http('PATCH', `/production/demo/share/${s.id}`, {
      body: { expiresAt: '2020-01-01T00:00:00Z' },
      token: producerToken,
    });
    assert.equal(past.status, 200);
    assert.equal((await http('GET', `/share/${s.token}`)).status, 410);
    assert.equal((await http('POST', `/share/${s.token}/session`, { body: { name: 'x' } })).status, 410);
    assert.equal((await http('GET', '/production/demo/me', { token })).status, 401);
    await page.reload();
    await page.getByText('This link has expired', { exact: true }).waitFor();

    // Revoke another one.
    const r = await share(301, { password: null, settings: { requirePassword: false } });
    const rToken = await clientToken(r);
    assert.equal((await http('DELETE', `/production/demo/share/${r.id}`, { token: producerToken })).status, 204);
    const gone = await http<{ error: { code: string; reason: string } }>('GET', `/share/${r.token}`);
    assert.equal(gone.status, 410);
    assert.equal(gone.body.error.code, 'GONE');
    assert.equal(gone.body.error.reason, 'revoked');
    assert.equal((await http('GET', '/production/demo/mo', { token: rToken })).status, 401);
    await page.goto(r.url);
    await page.getByText('The studio closed this link', { exact: true }).waitFor();
    assert.equal((await http('GET', '/share/no-such-token')).status, 404);
    await context.close();
  });

  it('comments hidden / read-only / writable and downloads off / on, as each share says', async () => {
    const hidden = await share(301, { password: null, settings: { requirePassword: false, commentsVisible: false, allowDownload: false } });
    const readOnly = await share(301, { password: null, settings: { requirePassword: false, commentsCreate: false, allowDownload: true } });
    const writable = await share(301, { password: null, settings: { requirePassword: false, commentsCreate: true } });

    const { context, page } = await clientPage();
    // Hidden comments, no download.
    await enterSite(page, hidden.url, { name: 'Casey Client' });
    await page.locator('client-review-site review-clip-header').getByText('Hyperspace jump — v12').first().waitFor();
    assert.equal(await page.locator('client-review-site comment-thread').count(), 0);
    assert.equal(await page.locator('client-review-site review-clip-header [part="download"]').count(), 0);
    const hToken = await clientToken(hidden);
    const hSearch = await http<ClipAnnotation[]>('GET', '/production/demo/an/search?fq=mediaObjectId:101', { token: hToken });
    assert.equal(hSearch.status, 200);
    assert.deepEqual(hSearch.body, []);
    assert.equal(hSearch.headers.get('x-pagination-total-results'), '0');
    assert.equal((await http<{ sourceUrl: string | null }>('GET', '/production/demo/mo/101', { token: hToken })).body.sourceUrl, null);

    // Read-only comments, download on.
    await enterSite(page, readOnly.url, { name: 'Casey Client' });
    await page.locator('client-review-site comment-thread').getByText('Client asked for a warmer grade').waitFor();
    assert.equal(await page.locator('client-review-site comment-thread review-comment-composer').count(), 0);
    await page.locator('client-review-site').getByText('Notes are read-only on this link.').waitFor();
    const download = page.locator('client-review-site review-clip-header [part="download"]');
    await download.waitFor();
    // Offered once, in the clip header; not a second time under the player.
    assert.equal(await page.locator('client-review-site review-player [part="download"]').count(), 0);
    const sourceHref = await download.getAttribute('href');
    assert.match(String(sourceHref), /\/media\/hm_010_0040_24fps\.mp4\?exp=\d+&use=d&/, 'a signed download URL');
    assert.equal((await fetch(new URL(sourceHref!, server.url), { method: 'HEAD' })).status, 200);
    const roToken = await clientToken(readOnly);
    const roMe = await http<{ rights: string[] }>('GET', '/production/demo/me', { token: roToken });
    assert.ok(!roMe.body.rights.includes('REVIEW_EDIT'));
    const refused = await http('POST', '/production/demo/mo/101/clip', {
      token: roToken,
      body: {
        objectType: 'ClipAnnotation',
        funnel: 'ReviewComment',
        mediaObjectId: 101,
        description: 'nope',
        mentionIds: [],
        tags: [],
        spatial: null,
        uiLocation: null,
        relatedToId: null,
        start: 1,
        end: 2,
        customFields: {},
      },
    });
    assert.equal(refused.status, 403);

    // Writable: the composer is there.
    await enterSite(page, writable.url, { name: 'Casey Client' });
    await page.locator('client-review-site comment-thread review-comment-composer textarea').first().waitFor();
    // Internal comments never reach a client (fixture comment 5004 on clip 101 is internal).
    const wToken = await clientToken(writable);
    const wSearch = await http<ClipAnnotation[]>('GET', '/production/demo/an/search?fq=mediaObjectId:101', { token: wToken });
    assert.ok(wSearch.body.length >= 3);
    assert.ok(wSearch.body.every((c) => c.customFields.internal !== true));
    // Nor can a client address one: a patch on it answers 404 (not 403, which would confirm it exists).
    const probe = [{ op: 'test', path: '/version', value: 1 }];
    assert.equal((await http('PATCH', '/production/demo/an/5004', { token: wToken, body: probe })).status, 404);
    await context.close();
  });

  it('client isolation over HTTP: a client token reaches only its playlist’s clips and its own comments', async () => {
    // Playlist 302 holds clips 102 and 103 only.
    const s = await share(302, { password: 'open-sesame', settings: { commentsCreate: true, allowStatusChange: false } });
    const token = await clientToken(s, 'open-sesame');
    const me = await http<{ rights: string[]; share: { playlistId: number } }>('GET', '/production/demo/me', { token });
    assert.deepEqual(me.body.rights, ['REVIEW_EDIT']);
    assert.equal(me.body.share.playlistId, 302);

    const clips = await http<Array<{ id: number }>>('GET', '/production/demo/mo', { token });
    assert.deepEqual(clips.body.map((c) => c.id).sort(), [102, 103]);
    assert.equal((await http('GET', '/production/demo/mo/101', { token })).status, 404);
    assert.equal((await http('GET', '/production/demo/mo/101/moa', { token })).status, 404);
    assert.equal((await http('GET', '/production/demo/playlist/301', { token })).status, 404);
    const other = await http<ClipAnnotation[]>('GET', '/production/demo/an/search?fq=mediaObjectId:101', { token });
    assert.ok(other.status === 404 || (other.status === 200 && other.body.length === 0), `other clip's comments: ${other.status}`);
    const probe = [{ op: 'test', path: '/version', value: 1 }];
    const foreign = await http('PATCH', '/production/demo/an/5001', { token, body: probe });
    assert.equal(foreign.status, 404); // a comment on clip 101, outside the shared playlist
    assert.equal((await http('GET', '/production/demo/mo/101/comments/export?format=json', { token })).status, 404);
    const newComment = (mediaObjectId: number, description: string) => ({
      objectType: 'ClipAnnotation',
      funnel: 'ReviewComment',
      mediaObjectId,
      description,
      mentionIds: [],
      tags: [],
      spatial: null,
      uiLocation: null,
      relatedToId: null,
      start: 3,
      end: 4,
      customFields: {},
    });
    assert.ok([403, 404].includes((await http('POST', '/production/demo/mo/101/clip', { token, body: newComment(101, 'x') })).status));
    // Status change is not granted by this share.
    const moa = await http<{ id: number }>('GET', '/production/demo/mo/102/moa', { token });
    assert.equal(moa.status, 200);
    const statusChange = await fetch(`${api}/production/demo/an/${moa.body.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json-patch+json' },
      body: JSON.stringify([{ op: 'add', path: '/reviewStatus', value: 'APPROVED' }]),
    });
    assert.equal(statusChange.status, 403);
    // Sharing and settings management are studio-only.
    assert.equal((await http('GET', '/production/demo/share', { token })).status, 403);
    assert.equal((await http('GET', '/production/demo/clientuser', { token })).status, 403);
    assert.equal((await http('POST', `/production/demo/playlist/302/share`, { token, body: {} })).status, 403);
    assert.equal((await http('GET', '/production/demo/users?q=a', { token })).status, 200);

    // Its own comment it may edit and delete; someone else's it may not.
    const mine = await http<ClipAnnotation>('POST', '/production/demo/mo/102/clip', { token, body: newComment(102, 'Looks great') });
    assert.equal(mine.status, 201);
    const patch = (id: number, version: number, text: string) =>
      fetch(`${api}/production/demo/an/${id}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json-patch+json' },
        body: JSON.stringify([
          { op: 'test', path: '/version', value: version },
          { op: 'replace', path: '/description', value: text },
        ]),
      });
    assert.equal((await patch(mine.body.id, 1, 'Looks great!')).status, 200);
    assert.equal((await patch(5005, 1, 'hijacked')).status, 403); // Sam's comment on clip 102
    const del = await http('DELETE', '/production/demo/an/bulk', { token, body: { actions: [{ action: 'DELETE', ids: [5005] }] } });
    assert.equal(del.status, 403);

    // Wrong passwords are rate limited per link.
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await http('POST', `/share/${s.token}/session`, { body: { password: `guess-${i}` } })).status);
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401]);
    assert.equal(statuses[6], 429);
  });
});
