import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ReviewPlayer } from '../../../src/elements/review-player/review-player.js';
import '../../../src/elements/review-annotation-layer/define.js';
import type { ReviewAnnotationLayer } from '../../../src/elements/review-annotation-layer/review-annotation-layer.js';
import { frameCodeIn, pictureLuminance } from '../../media/frame-code.js';
import { frameOnScreen, media, mountPlayer, pictureOnScreen, random, sleep } from './helpers.js';

/**
 * `<review-player engine=…>` (issue 19): while paused, frames come from the WebCodecs engine and are drawn on
 * its canvas; the frame read from the pixels on screen (the canvas when it shows, else the <video>) is the
 * frame `currentFrame` names, every time, and a failing engine hands over to the <video> at the same frame.
 */
const H264 = { name: 'bars-24.mp4', fps: '24', frames: 96 };
const VP9 = { name: 'bars-25.webm', fps: '25', frames: 100 };

const canvasOf = (player: ReviewPlayer) => player.shadowRoot!.querySelector<HTMLCanvasElement>('canvas[part~="canvas"]');

/** The pixels show `currentFrame`, and it is `expected`. */
function expectShown(player: ReviewPlayer, expected: number, what: string): void {
  expect([player.currentFrame, frameOnScreen(player)], what).to.deep.equal([expected, expected]);
}

describe('review-player engine attribute', function () {
  this.timeout(60000);

  // First in the file: the page has loaded neither the engine module nor mediabunny yet.
  it('engine="video" never loads the engine and shows the frames with the <video>', async () => {
    const player = await mountPlayer(H264, 'video');
    expect(player.activeEngine).to.equal('video');
    expect(player.engineFallback).to.equal(null);
    expect(player.frameEngine).to.equal(null);
    expect(canvasOf(player), 'no canvas').to.equal(null);
    for (const n of [40, 41, 12]) {
      await player.seekToFrame(n);
      expectShown(player, n, `seek to ${n}`);
    }
    expect(pictureOnScreen(player).tagName).to.equal('VIDEO');
    const loaded = performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((name) => /webcodecs-engine|mediabunny/.test(name));
    expect(loaded, 'engine modules fetched').to.deep.equal([]);
  });

  for (const clip of [H264, VP9]) {
    describe(`engine="webcodecs", ${clip.name}`, () => {
      it('random seeks, ±1 steps, a burst of 10 and reverse steps show currentFrame, from the canvas', async () => {
        const player = await mountPlayer(clip, 'webcodecs');
        expect(player.activeEngine).to.equal('webcodecs');
        expect(pictureOnScreen(player), 'the canvas shows the first frame').to.equal(canvasOf(player));
        expect(player.mediaElement).to.equal(canvasOf(player));
        expectShown(player, 0, 'ready');
        const rnd = random(clip.frames * 13);
        const targets = [clip.frames - 1, 1, 0, ...Array.from({ length: 12 }, () => Math.floor(rnd() * clip.frames))];
        for (const n of targets) {
          await player.seekToFrame(n);
          expectShown(player, n, `seek to ${n}`);
        }
        await player.seekToFrame(30);
        for (let i = 1; i <= 6; i++) {
          await player.stepFrames(1);
          expectShown(player, 30 + i, `step +1 #${i}`);
        }
        for (let i = 1; i <= 6; i++) {
          await player.stepFrames(-1);
          expectShown(player, 36 - i, `step -1 #${i}`);
        }
        // a burst of 10 steps lands 10 frames on; every promise resolves on the final frame
        const frames: number[] = [];
        await Promise.all(Array.from({ length: 10 }, () => player.stepFrames(1).then(() => frames.push(player.currentFrame))));
        expect(frames).to.deep.equal(Array(10).fill(40));
        expectShown(player, 40, 'after a burst of 10');
        // reverse steps across a GOP start (the engine decodes the GOP before)
        await player.seekToFrame(52);
        for (let i = 1; i <= 12; i++) {
          await player.stepFrames(-1);
          expectShown(player, 52 - i, `reverse step #${i}`);
        }
        // a burst of reverse steps, then clamped at 0
        await Promise.all(Array.from({ length: 5 }, () => player.stepFrames(-1)));
        expectShown(player, 35, 'after a burst of -5');
        await player.seekToFrame(0);
        await player.stepFrames(-1);
        expectShown(player, 0, 'clamped at 0');
        expect(player.activeEngine).to.equal('webcodecs');
      });

      it('plays on the <video>, a seek while playing, then pause hands the frame to the canvas', async () => {
        const player = await mountPlayer(clip, 'webcodecs');
        player.muted = true;
        const rnd = random(clip.frames + 3);
        await player.seekToFrame(5);
        for (let round = 0; round < 3; round++) {
          await player.play();
          expect(pictureOnScreen(player).tagName, 'playback shows the <video>').to.equal('VIDEO');
          await sleep(80 + rnd() * 200);
          const target = Math.floor(rnd() * (clip.frames - 30));
          await player.seekToFrame(target);
          expect(frameOnScreen(player), `picture at seek resolution, round ${round}`).to.equal(target);
          await sleep(60 + rnd() * 150);
          await player.pause();
          expect(player.paused).to.equal(true);
          expect(pictureOnScreen(player), `the canvas after pause, round ${round}`).to.equal(canvasOf(player));
          const named = player.currentFrame;
          expect(named).to.be.at.least(target);
          expectShown(player, named, `after pause, round ${round}`);
          // and the engine goes on from there
          await player.stepFrames(1);
          expectShown(player, named + 1, `step after pause, round ${round}`);
        }
        expect(player.activeEngine).to.equal('webcodecs');
      });

      it('scrubbing the timeline asks the engine for the frame under the pointer', async () => {
        const player = await mountPlayer(clip, 'webcodecs');
        const timeline = player.shadowRoot!.querySelector<HTMLElement>('[part~="timeline"]')!;
        const rect = timeline.getBoundingClientRect();
        const at = (ratio: number) => ({
          clientX: rect.left + ratio * rect.width,
          clientY: rect.top + rect.height / 2,
          pointerId: 1,
          button: 0,
          bubbles: true,
          composed: true,
        });
        timeline.dispatchEvent(new PointerEvent('pointerdown', at(0.1)));
        for (let i = 1; i <= 20; i++) timeline.dispatchEvent(new PointerEvent('pointermove', at(0.1 + i * 0.03)));
        timeline.dispatchEvent(new PointerEvent('pointerup', at(0.7)));
        const expected = Math.round(0.7 * (clip.frames - 1));
        await player.seekToFrame(expected);
        expectShown(player, expected, 'where the scrub ended');
      });
    });
  }

  it('a scrub shows the frames decoded on the way to the pointer, each exact when reported', async () => {
    const player = await mountPlayer(H264, 'webcodecs');
    await player.seekToFrame(2);
    const timeline = player.shadowRoot!.querySelector<HTMLElement>('[part~="timeline"]')!;
    const rect = timeline.getBoundingClientRect();
    const at = (frame: number) => ({
      clientX: rect.left + ((frame + 0.25) / (H264.frames - 1)) * rect.width,
      clientY: rect.top + rect.height / 2,
      pointerId: 1,
      button: 0,
      bubbles: true,
      composed: true,
    });
    const reported: [number, number][] = [];
    player.addEventListener('review-frame-change', (e) => reported.push([e.detail.frame, frameOnScreen(player)]));
    timeline.dispatchEvent(new PointerEvent('pointerdown', at(2)));
    // one long drag: from frame 2 to frame 70, two GOPs on
    timeline.dispatchEvent(new PointerEvent('pointermove', at(70)));
    await waitUntil(() => player.currentFrame === 70, 'the scrub reached the pointer', { timeout: 15000 });
    timeline.dispatchEvent(new PointerEvent('pointerup', at(70)));
    for (const [frame, onScreen] of reported) expect(onScreen, `frame ${frame} on screen when reported`).to.equal(frame);
    const frames = reported.map(([f]) => f);
    expect(frames.length, `frames shown: ${frames.join(' ')}`).to.be.greaterThan(5);
    expect(
      frames.every((f, i) => i === 0 || f > frames[i - 1]),
      'always towards the pointer',
    ).to.equal(true);
    expect(frames.at(-1)).to.equal(70);
  });

  describe('timeline hover preview', () => {
    /** Moves a mouse pointer over the timeline at `ratio` of its width, as a user hovering does. */
    function hover(player: ReviewPlayer, ratio: number): void {
      const timeline = player.shadowRoot!.querySelector<HTMLElement>('[part~="timeline"]')!;
      const rect = timeline.getBoundingClientRect();
      const init = {
        clientX: rect.left + ratio * rect.width,
        clientY: rect.top + rect.height / 2,
        pointerType: 'mouse',
        bubbles: true,
        composed: true,
      };
      timeline.dispatchEvent(new PointerEvent('pointermove', init));
    }
    const label = (player: ReviewPlayer) => player.shadowRoot!.querySelector<HTMLElement>('[part~="hover-preview"]');
    const pictureIn = (player: ReviewPlayer) => player.shadowRoot!.querySelector<HTMLCanvasElement>('canvas[part~="hover-picture"]');
    /** The frame number the hover picture shows, or null while it shows none (blank or still decoding). */
    function frameInPreview(player: ReviewPlayer): number | null {
      const picture = pictureIn(player);
      if (!picture) return null;
      try {
        return frameCodeIn(pictureLuminance(picture));
      } catch {
        return null;
      }
    }

    it('on the engine, shows the exact frame under the pointer, follows it, and leaves the playhead alone', async () => {
      const player = await mountPlayer(H264, 'webcodecs');
      await player.seekToFrame(10);
      // the next frame, one in another GOP, then back before both
      for (const expected of [48, 49, 86, 20]) {
        hover(player, (expected + 0.25) / (H264.frames - 1));
        await waitUntil(() => frameInPreview(player) === expected, `hover picture shows frame ${expected}`, { timeout: 15000 });
        expect(label(player)!.textContent, 'the label names it too').to.contain(String(expected));
      }
      expectShown(player, 10, 'the playhead did not move');
      player.shadowRoot!.querySelector('[part~="timeline"]')!.dispatchEvent(new PointerEvent('pointerleave'));
      await player.updateComplete;
      expect(label(player), 'gone when the pointer leaves').to.equal(null);
    });

    it('on the <video>, names the frame without a picture', async () => {
      const player = await mountPlayer(H264, 'video');
      hover(player, 48.25 / (H264.frames - 1));
      await player.updateComplete;
      expect(label(player)!.textContent!.trim()).to.equal('48');
      expect(pictureIn(player)).to.equal(null);
    });
  });

  it('the annotation overlay snapshots the canvas frame, and zoom and pan move the canvas with the frame box', async () => {
    const player =
      await fixture<ReviewPlayer>(html`<review-player engine="webcodecs" src=${media('bars-24.mp4')} fps="24" frame-count="96" style="width:640px">
      <review-annotation-layer slot="overlay"></review-annotation-layer>
    </review-player>`);
    if (!player.frameEngine) await oneEvent(player, 'review-ready');
    const layer = player.querySelector<ReviewAnnotationLayer>('review-annotation-layer')!;
    await player.seekToFrame(37);
    await player.updateComplete;
    await layer.updateComplete;
    expectShown(player, 37, 'on the canvas');
    expect(frameCodeIn(pictureLuminance(layer.renderSnapshot())), 'the snapshot picture').to.equal(37);
    player.setZoom(2, { x: 100, y: 60 });
    await player.updateComplete;
    const box = player.shadowRoot!.querySelector('[part~="frame"]')!.getBoundingClientRect();
    const canvas = canvasOf(player)!.getBoundingClientRect();
    const vp = player.viewport;
    expect([canvas.width, canvas.height]).to.deep.equal([box.width, box.height]);
    expect([canvas.x, canvas.y]).to.deep.equal([box.x, box.y]);
    expect(vp.zoom).to.equal(2);
    await player.stepFrames(1);
    await player.updateComplete;
    expect(frameCodeIn(pictureLuminance(layer.renderSnapshot())), 'the snapshot follows a step').to.equal(38);
  });

  describe('falls back to the <video> at the same frame, with no error shown', () => {
    it('engine="auto" when the browser cannot decode the codec', async () => {
      const original = VideoDecoder.isConfigSupported;
      // A browser without this codec's decoder (as HEVC is here, but a <video> could still play it).
      VideoDecoder.isConfigSupported = (config) => Promise.resolve({ supported: false, config });
      let player: ReviewPlayer;
      try {
        player = await mountPlayer(H264, 'auto');
      } finally {
        VideoDecoder.isConfigSupported = original;
      }
      expect(player.activeEngine).to.equal('video');
      expect(player.engineFallback).to.match(/cannot decode/);
      expect(player.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
      for (const n of [70, 71, 69, 3]) {
        await player.seekToFrame(n);
        expectShown(player, n, `seek to ${n}`);
      }
      expect(pictureOnScreen(player).tagName).to.equal('VIDEO');
    });

    it('engine="auto" on an HEVC clip: the engine is not used and the <video> path says what it always said', async () => {
      const player = await fixture<ReviewPlayer>(html`<review-player src=${media('hevc-24.mp4')} fps="24"></review-player>`);
      await waitUntil(() => player.shadowRoot!.querySelector('[role="alert"]'), 'error shown', { timeout: 10000 });
      expect(player.activeEngine).to.equal('video');
      expect(player.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('cannot be decoded');
    });

    it('a decoder error mid-clip: the seek resolves on the <video> at the frame asked, steps go on exact', async () => {
      const player = await mountPlayer(H264, 'webcodecs');
      await player.seekToFrame(4);
      expectShown(player, 4, 'on the engine');
      const decode = VideoDecoder.prototype.decode;
      VideoDecoder.prototype.decode = function () {
        throw new DOMException('test: the decoder broke', 'EncodingError');
      };
      try {
        await player.seekToFrame(88);
        expect(player.activeEngine).to.equal('video');
        expect(player.engineFallback).to.contain('the decoder broke');
        expectShown(player, 88, 'the frame asked, from the <video>');
        expect(pictureOnScreen(player).tagName).to.equal('VIDEO');
      } finally {
        VideoDecoder.prototype.decode = decode;
      }
      await player.stepFrames(-1);
      expectShown(player, 87, 'step on the <video>');
      await player.seekToFrame(20);
      expectShown(player, 20, 'seek on the <video>');
      expect(player.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
    });
  });

  describe('memory', () => {
    it('the engine releases every frame when the clip changes and when the player leaves the page', async () => {
      const player = await mountPlayer(H264, 'webcodecs');
      const first = player.frameEngine!;
      await player.seekToFrame(50);
      await player.stepFrames(1);
      expect(first.stats().openFrames, 'frames held while open').to.be.greaterThan(0);
      const ready = oneEvent(player, 'review-ready');
      player.setAttribute('fps', '25');
      player.setAttribute('frame-count', '100');
      player.src = media('bars-25.mp4');
      await ready;
      expect(first.stats().openFrames, 'the first clip engine releases its frames').to.equal(0);
      const second = player.frameEngine!;
      expect(second).to.not.equal(first);
      await player.seekToFrame(60);
      expectShown(player, 60, 'the new clip on the engine');
      expect(second.stats().openFrames).to.be.greaterThan(0);
      player.remove();
      expect(second.stats().openFrames, 'released when disconnected').to.equal(0);
    });

    it('frame-cache-mb bounds the cache, and a hidden tab keeps a few frames', async () => {
      const el = await fixture<ReviewPlayer>(html`<review-player
        style="width: 640px"
        engine="webcodecs"
        frame-cache-mb="1"
        src=${media('bars-24.mp4')}
        fps="24"
        frame-count="96"
      ></review-player>`);
      if (el.frameCount === 0 || !el.frameEngine) await oneEvent(el, 'review-ready');
      const engine = el.frameEngine!;
      expect(engine.stats().budgetBytes).to.equal(2 ** 20);
      await el.seekToFrame(30);
      await waitUntil(() => engine.stats().cachedFrames > 1, 'prefetch');
      expect(engine.stats().cachedBytes).to.be.at.most(2 ** 20);
      el.frameCacheMb = 64;
      await el.updateComplete;
      expect(engine.stats().budgetBytes).to.equal(64 * 2 ** 20);
      // the tab goes to the background: a few frames are kept
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      try {
        document.dispatchEvent(new Event('visibilitychange'));
        expect(engine.stats().budgetBytes).to.equal(engine.width * engine.height * 1.5 * 3);
        expect(engine.stats().cachedFrames).to.be.at.most(3);
      } finally {
        delete (document as { hidden?: boolean }).hidden;
      }
      document.dispatchEvent(new Event('visibilitychange'));
      expect(engine.stats().budgetBytes).to.equal(64 * 2 ** 20);
      await el.stepFrames(1);
      expectShown(el, 31, 'the engine goes on');
    });
  });
});
