/**
 * A synced review room end to end (issue 23): the producer drives from the studio portal, two clients follow
 * through share links on phones. A seek, a step and a clip change agree on all three — the same frame number
 * in each player and the same picture, read back from the pixels and compared with the driver's; a client who
 * joins late shows the driver's frame within a second; control is handed over on a request; a client whose
 * share is revoked is out of the room within a second.
 *
 * Not covered yet (docs/architecture.md, "Rooms"): playback in step, compare mode.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Share } from '../../src/contract/types.js';
import { startStack, type Stack } from './stack.js';

let stack: Stack;
let browser: Browser;
let producerToken: string;

before(async () => {
  stack = await startStack('room');
  browser = stack.browser;
  producerToken = (
    await stack.http<{ token: string }>('POST', '/auth/login', { body: { email: 'producer@demo.test', password: 'producer' } })
  ).body.token;
});
after(async () => {
  await stack?.close();
});

async function roomShare(): Promise<Share> {
  const res = await stack.http<Share>('POST', '/production/demo/playlist/301/share', {
    body: { settings: { requirePassword: false, allowRoom: true } },
    token: producerToken,
  });
  assert.equal(res.status, 201);
  return res.body;
}

async function clientJoins(share: Share, name: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error('client pageerror:', e.message));
  await page.goto(share.url.replace(/^https?:\/\/[^/]+/, stack.server.url));
  await page.locator('client-review-site #name').fill(name);
  await page.getByRole('button', { name: 'View playlist' }).click();
  await page.locator('client-review-site review-player').waitFor();
  await page.getByRole('button', { name: 'Join the room' }).click();
  await page.getByText('Pat Producer drives').waitFor();
  return page;
}

/** The player's frame and its picture (green channel at 64×36), read in the page. */
function picture(page: Page): Promise<{ clipId: number | null; frame: number; pixels: number[] }> {
  return page.evaluate(() => {
    const site = document.querySelector('client-review-site');
    const root: ParentNode = site?.shadowRoot ?? document;
    const player = root.querySelector('review-player') as HTMLElement & {
      currentFrame: number;
      mediaElement: CanvasImageSource | null;
    };
    const session = (site?.shadowRoot ?? document).querySelector('review-session') as HTMLElement & {
      store: { playhead: { state: { clipId: number | null } } };
    };
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 36;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    if (player.mediaElement) ctx.drawImage(player.mediaElement, 0, 0, 64, 36);
    const data = ctx.getImageData(0, 0, 64, 36).data;
    const pixels: number[] = [];
    for (let i = 1; i < data.length; i += 4) pixels.push(data[i]);
    return { clipId: session.store.playhead.state.clipId, frame: player.currentFrame, pixels };
  });
}

const difference = (a: number[], b: number[]) => a.reduce((sum, v, i) => sum + Math.abs(v - b[i]), 0) / a.length;

/** Waits until every follower shows the driver's clip and frame, then compares the pictures. */
async function agree(driver: Page, followers: Page[], frame: number, clipId: number): Promise<void> {
  const deadline = Date.now() + 5000;
  for (const page of [driver, ...followers]) {
    for (;;) {
      const p = await picture(page);
      if (p.frame === frame && p.clipId === clipId) break;
      if (Date.now() > deadline) assert.fail(`a player is at clip ${p.clipId} frame ${p.frame}, not clip ${clipId} frame ${frame}`);
      await page.waitForTimeout(50);
    }
  }
  const mine = await picture(driver);
  for (const page of followers) {
    const theirs = await picture(page);
    assert.ok(difference(mine.pixels, theirs.pixels) < 4, `the follower's picture is the driver's (frame ${frame})`);
  }
}

async function driverSeeks(driver: Page, how: 'seek' | 'step', n: number): Promise<void> {
  await driver.evaluate(
    async ([how, n]) => {
      const player = document.querySelector('review-player') as HTMLElement & {
        seekToFrame(n: number): Promise<void>;
        stepFrames(d: number): Promise<void>;
      };
      await (how === 'seek' ? player.seekToFrame(n as number) : player.stepFrames(n as number));
    },
    [how, n] as const,
  );
}

describe('a synced review room (browser, reference server)', () => {
  it('followers agree with the driver to the frame; a late joiner catches up; hand-over; a revoked client is out', async () => {
    const studioContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const driver = await studioContext.newPage();
    driver.on('pageerror', (e) => console.error('studio pageerror:', e.message));
    await driver.goto(`${stack.server.url}/`);
    await driver.locator('input[name="email"]').fill('producer@demo.test');
    await driver.locator('input[name="password"]').fill('producer');
    await driver.getByRole('button', { name: 'Sign in' }).click();
    await driver.locator('review-player').waitFor();
    await driver.getByRole('button', { name: 'Join the room' }).click();
    await driver.getByText('You drive').waitFor();

    const [shareA, shareB] = [await roomShare(), await roomShare()];
    const casey = await clientJoins(shareA, 'Casey Client');

    // A clip change, a seek, a step.
    await driver.locator('review-playlist li[data-clip-id="102"] .select').click();
    await agree(driver, [casey], 0, 102);
    await driverSeeks(driver, 'seek', 30);
    await agree(driver, [casey], 30, 102);
    const before = await picture(casey);
    await driverSeeks(driver, 'step', 1);
    await agree(driver, [casey], 31, 102);
    assert.ok(difference(before.pixels, (await picture(casey)).pixels) > 0, 'frame 31 looks different from frame 30');

    // A late joiner shows the driver's frame within a second of joining.
    const lateContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
    const dana = await lateContext.newPage();
    await dana.goto(shareB.url.replace(/^https?:\/\/[^/]+/, stack.server.url));
    await dana.locator('client-review-site #name').fill('Dana Director');
    await dana.getByRole('button', { name: 'View playlist' }).click();
    await dana.locator('client-review-site review-player').waitFor();
    await dana.waitForFunction(() => {
      const player = document.querySelector('client-review-site')!.shadowRoot!.querySelector('review-player') as HTMLElement & {
        mediaElement: unknown;
      };
      return !!player.mediaElement;
    });
    const joinedAt = Date.now();
    await dana.getByRole('button', { name: 'Join the room' }).click();
    for (;;) {
      const p = await picture(dana);
      if (p.frame === 31 && p.clipId === 102) break;
      assert.ok(Date.now() - joinedAt < 1000, `the late joiner is at clip ${p.clipId} frame ${p.frame} after a second`);
      await dana.waitForTimeout(20);
    }
    await agree(driver, [casey, dana], 31, 102);

    // Casey asks for control; the driver hands it over; Casey drives and the studio follows.
    await casey.getByRole('button', { name: 'Ask for control' }).click();
    await driver.getByText('Casey Client asks for control').waitFor();
    await driver.locator('review-room [part~="request"]').getByRole('button', { name: 'Hand over' }).click();
    await casey.getByText('You drive').waitFor();
    await driver.getByText('Casey Client drives').waitFor();
    await casey.evaluate(async () => {
      const player = document.querySelector('client-review-site')!.shadowRoot!.querySelector('review-player') as HTMLElement & {
        seekToFrame(n: number): Promise<void>;
      };
      await player.seekToFrame(12);
    });
    await agree(casey, [driver, dana], 12, 102);

    // Dana's share is revoked: she is out within a second; Casey stays.
    const revokedAt = Date.now();
    assert.equal((await stack.http('DELETE', `/production/demo/share/${shareB.id}`, { token: producerToken })).status, 204);
    await dana.locator('client-review-site review-room [part~="error"]').waitFor({ timeout: 1000 });
    assert.ok(Date.now() - revokedAt < 1000);
    await driver.waitForFunction(
      () => !document.querySelector('review-room')!.shadowRoot!.textContent!.includes('Dana Director'),
      undefined,
      {
        timeout: 1000,
      },
    );
    assert.ok((await casey.getByText('You drive').count()) > 0);
  });
});
