import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { ClipAnnotation } from '../../../src/contract/types.js';
import type { PlayerMarker, ReviewPlayer } from '../../../src/elements/review-player/review-player.js';
import { frameOnScreen, media, mountPlayer, sleep } from './helpers.js';

const CLIP = { name: 'bars-24.mp4', fps: '24', frames: 96 };
const $ = <T extends Element = HTMLElement>(el: ReviewPlayer, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: ReviewPlayer, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const text = (node: Element | null) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

function comment(id: number, start: number, description: string): ClipAnnotation {
  return {
    id,
    objectType: 'ClipAnnotation',
    funnel: 'ReviewComment',
    mediaObjectId: 1,
    description,
    mentionIds: [],
    tags: [],
    spatial: null,
    uiLocation: null,
    relatedToId: null,
    threadGroupId: id,
    start,
    end: start + 1,
    creatorId: 1,
    creatorName: 'Pat',
    created: '2026-01-01T00:00:00Z',
    modified: '2026-01-01T00:00:00Z',
    version: 1,
    customFields: {},
  };
}

const MARKERS: PlayerMarker[] = [
  { id: 1, frame: 12, label: 'Pat: edge flickers', comment: comment(1, 12, 'edge flickers') },
  { id: 2, frame: 40, label: 'Pat: warmer grade', comment: comment(2, 40, 'warmer grade') },
  { id: 3, frame: 70, label: 'Pat: hold', comment: comment(3, 70, 'hold') },
];

/** Waits until the picture settled on `frame` and the counter names it. */
async function expectFrame(player: ReviewPlayer, frame: number, message = '') {
  await waitUntil(() => player.currentFrame === frame, `${message} counter reaches ${frame} (is ${player.currentFrame})`, {
    timeout: 8000,
  });
  await player.pause();
  expect(player.currentFrame, message).to.equal(frame);
  expect(frameOnScreen(player), message).to.equal(frame);
}

/** The first opaque background behind `el`, through shadow roots. */
function background(el: Element): string {
  for (let n: Node | null = el; n; n = n instanceof ShadowRoot ? n.host : n.parentNode) {
    if (!(n instanceof Element)) continue;
    const bg = getComputedStyle(n).backgroundColor;
    if (!/rgba\(.*, 0\)$|transparent/.test(bg)) return bg;
  }
  return 'rgb(255, 255, 255)';
}

/** WCAG contrast ratio of two computed `rgb()` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((x) => {
      const s = Number(x) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('<review-player>', function () {
  this.timeout(40000);

  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  describe('states', () => {
    it('shows a loading state, then the first frame and review-ready with the rate', async () => {
      const el = await fixture<ReviewPlayer>(
        html`<review-player src=${media(CLIP.name)} fps="24000/1001" frame-count="96"></review-player>`,
      );
      const status = $(el, '[part~="message"][role="status"]');
      const ready = oneEvent(el, 'review-ready');
      if (status) expect(text(status)).to.contain('Loading');
      const { detail } = await ready;
      expect(detail.frameCount).to.equal(96);
      expect(detail.fps).to.be.closeTo(23.976, 0.001);
      expect(detail.frameRate).to.deep.equal({ num: 24000, den: 1001, dropFrame: false });
      expect($(el, '[part~="message"]')).to.equal(null);
      expect(el.paused).to.equal(true);
      expect(frameOnScreen(el)).to.equal(0);
    });

    it('derives the frame count from the duration when frame-count is absent', async () => {
      const el = await fixture<ReviewPlayer>(html`<review-player src=${media('bars-2997.webm')} fps="29.97"></review-player>`);
      await oneEvent(el, 'review-ready');
      expect(el.frameCount).to.equal(120);
      expect(el.fps).to.be.closeTo(29.97, 0.001);
    });

    it('explains, instead of a black box, that HEVC cannot be decoded', async () => {
      const el = await fixture<ReviewPlayer>(html`<review-player src=${media('hevc-24.mp4')} fps="24"></review-player>`);
      await waitUntil(() => $(el, '[role="alert"]'), 'error shown', { timeout: 10000 });
      expect(text($(el, '[role="alert"]'))).to.contain('cannot be decoded');
      let rejected = false;
      await el.seekToFrame(3).catch(() => (rejected = true));
      expect(rejected, 'seekToFrame rejects on undecodable media').to.equal(true);
      expect($<HTMLButtonElement>(el, '[part~="play"]')!.disabled).to.equal(true);
      await expect(el).to.be.accessible();
    });

    it('says so when the media server ignores HTTP Range, instead of seeking nowhere', async () => {
      // Served without Range support: the browser can play it but cannot seek, so no frame but the
      // first could ever be shown on request.
      const el = await fixture<ReviewPlayer>(html`<review-player src="/test/no-range-media/bars-24.mp4" fps="24"></review-player>`);
      await waitUntil(() => $(el, '[role="alert"]'), 'error shown', { timeout: 10000 });
      expect(text($(el, '[role="alert"]'))).to.contain('Range');
      let rejected = false;
      await el.seekToFrame(12).catch(() => (rejected = true));
      expect(rejected, 'seekToFrame rejects instead of resolving on frame 0').to.equal(true);
      // The same file from a Range-capable server plays and seeks.
      const ok = await fixture<ReviewPlayer>(html`<review-player src=${media('bars-24.mp4')} fps="24"></review-player>`);
      await ok.seekToFrame(12);
      expect(ok.currentFrame).to.equal(12);
      expect($(ok, '[role="alert"]')).to.equal(null);
    });

    it('shows an error for a file that is not media, and for a missing file', async () => {
      const bad = await fixture<ReviewPlayer>(html`<review-player src=${media('not-a-video.mp4')} fps="24"></review-player>`);
      await waitUntil(() => $(bad, '[role="alert"]'), 'error shown', { timeout: 10000 });
      expect(text($(bad, '[role="alert"]'))).to.contain('cannot be played');
      const missing = await fixture<ReviewPlayer>(html`<review-player src=${media('nope.mp4')} fps="24"></review-player>`);
      await waitUntil(() => $(missing, '[role="alert"]'), 'error shown', { timeout: 10000 });
      expect(text($(missing, '[role="alert"]'))).to.contain('missing');
    });

    it('a still shows nothing that only a video has: no speed badge, no time format, speed, loop or in/out', async () => {
      const el = await fixture<ReviewPlayer>(html`<review-player src=${media('still.png')} fps="24"></review-player>`);
      await oneEvent(el, 'review-ready');
      el.playbackRate = 0.5;
      $<HTMLButtonElement>(el, '#settings-button')!.click();
      await el.updateComplete;
      const visible = (sel: string) =>
        [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)].filter((e) => e.getBoundingClientRect().width > 0);
      expect(
        visible('.zoom-label')
          .map((e) => e.textContent!.trim())
          .filter((t) => t.endsWith('×')),
      ).to.deep.equal([]);
      expect(visible('#set-format, #set-speed, #set-loop, .inout')).to.have.length(0);
      expect(visible('[part~="settings"] input[type="checkbox"]')).to.have.length(1); // Show annotations
    });

    it('shows a still image as one frame in an <img>', async () => {
      const el = await fixture<ReviewPlayer>(html`<review-player src=${media('still.png')} fps="24"></review-player>`);
      await oneEvent(el, 'review-ready');
      expect($(el, 'img[part~="image"]')).to.exist;
      expect($(el, 'video')).to.equal(null);
      expect(el.frameCount).to.equal(1);
      expect(el.still).to.equal(true);
      await el.seekToFrame(5);
      expect(el.currentFrame).to.equal(0);
      // no play, step, timeline or time display for a single frame; zoom and full screen stay
      for (const part of ['play', 'step-forward', 'time', 'timeline', 'loop']) {
        // hidden or not rendered at all
        expect($(el, `[part~="${part}"]`)?.getBoundingClientRect().width ?? 0, part).to.equal(0);
      }
      expect($(el, '[part~="zoom-in"]')!.getBoundingClientRect().width).to.be.at.least(40);
      await expect(el).to.be.accessible();
    });
  });

  describe('display', () => {
    it('shows frames with frame-offset, SMPTE timecode and seconds, and cycles the format', async () => {
      const el = await mountPlayer(CLIP);
      el.frameOffset = 1001;
      await el.seekToFrame(30);
      await el.updateComplete;
      const time = $(el, '[part~="time"]')!;
      const shown = () => `${text($(el, '[part~="time"] .current'))} ${text($(el, '[part~="time"] .total'))}`;
      expect(shown()).to.equal('1031 / 1096');
      expect(text(time), 'accessible name').to.equal('Frame 1031 / 1096 (frames; change format)');
      el.timeFormat = 'timecode';
      await el.updateComplete;
      expect(shown()).to.equal('00:00:01:06 / 00:00:03:23');
      time.click();
      await el.updateComplete;
      expect(el.timeFormat).to.equal('seconds');
      expect(shown()).to.equal('1.250s / 3.958s');
      expect(el.getAttribute('time-format')).to.equal('seconds');
    });

    it('starts the timecode at timecode-start, so it agrees with editorial (frame numbers keep frame-offset)', async () => {
      const el = await mountPlayer(CLIP);
      el.timeFormat = 'timecode';
      el.setAttribute('timecode-start', '01:00:00:00');
      el.frameOffset = 1001;
      await el.seekToFrame(5);
      await el.updateComplete;
      expect(text($(el, '[part~="time"] .current'))).to.equal('01:00:00:05');
      expect($(el, '[part~="timeline"]')!.getAttribute('aria-valuetext')).to.contain('01:00:00:05 of 01:00:03:23');
      el.timeFormat = 'frames';
      await el.updateComplete;
      expect(text($(el, '[part~="time"] .current'))).to.equal('1006');
      // Not a timecode: ignored, media time as without it.
      el.timeFormat = 'timecode';
      el.setAttribute('timecode-start', 'soon');
      await el.updateComplete;
      expect(text($(el, '[part~="time"] .current'))).to.equal('00:00:00:05');
    });

    it('writes drop-frame timecode at 29.97', async () => {
      const el = await mountPlayer({ name: 'bars-2997.mp4', fps: '29.97', frames: 120 });
      el.timeFormat = 'timecode';
      await el.seekToFrame(119);
      await el.updateComplete;
      expect(text($(el, '[part~="time"] .current'))).to.equal('00:00:03;29');
      expect($(el, '[part~="timeline"]')!.getAttribute('aria-valuetext')).to.equal('00:00:03;29 of 00:00:03;29');
    });

    it('settings menu changes time format, speed, loop and annotation visibility', async () => {
      const el = await mountPlayer(CLIP);
      const button = $<HTMLButtonElement>(el, '#settings-button')!;
      button.click();
      await el.updateComplete;
      expect(button.getAttribute('aria-expanded')).to.equal('true');
      expect($(el, '[part~="settings"]')!.hidden).to.equal(false);
      await expect(el).to.be.accessible();
      const choose = async (id: string, value: string) => {
        const select = $<HTMLSelectElement>(el, id)!;
        select.value = value;
        select.dispatchEvent(new Event('change'));
        await el.updateComplete;
      };
      await choose('#set-format', 'timecode');
      expect(el.timeFormat).to.equal('timecode');
      await choose('#set-speed', '0.5');
      expect(el.playbackRate).to.equal(0.5);
      expect($<HTMLVideoElement>(el, 'video')!.playbackRate).to.equal(0.5);
      await choose('#set-loop', 'clip');
      expect($<HTMLVideoElement>(el, 'video')!.loop).to.equal(true);
      const show = $<HTMLInputElement>(el, '[part~="settings"] input[type="checkbox"]')!;
      show.click();
      await el.updateComplete;
      expect(el.hideAnnotations).to.equal(true);
      expect($(el, '[part~="overlay"]')!.hidden).to.equal(true);
      // Escape closes and gives focus back to the button
      $<HTMLSelectElement>(el, '#set-format')!.focus();
      await sendKeys({ press: 'Escape' });
      await el.updateComplete;
      expect($(el, '[part~="settings"]')!.hidden).to.equal(true);
    });

    it('settings menu closes on a tap or click outside it, not inside it', async () => {
      const el = await mountPlayer(CLIP);
      const button = $<HTMLButtonElement>(el, '#settings-button')!;
      const panel = $(el, '[part~="settings"]')!;
      const pointerdown = (target: Element) =>
        target.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true, pointerType: 'touch' }));
      button.click();
      await el.updateComplete;
      pointerdown($(el, '#set-speed')!);
      await el.updateComplete;
      expect(panel.hidden, 'a tap inside keeps it open').to.equal(false);
      pointerdown(document.body);
      await el.updateComplete;
      expect(panel.hidden, 'a tap elsewhere on the page closes it').to.equal(true);
      expect(button.getAttribute('aria-expanded')).to.equal('false');
      button.click();
      await el.updateComplete;
      pointerdown($(el, '[part="stage"]')!);
      await el.updateComplete;
      expect(panel.hidden, 'a tap on the picture closes it').to.equal(true);
    });
  });

  describe('keyboard', () => {
    it('steps with ←/→, a second with Shift, Home/End, and the picture follows', async () => {
      const el = await mountPlayer(CLIP);
      $(el, '[part~="stage"]')!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await expectFrame(el, 1, '→');
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ up: 'Shift' });
      await expectFrame(el, 25, 'Shift+→');
      await sendKeys({ press: 'ArrowLeft' });
      await expectFrame(el, 24, '←');
      await sendKeys({ down: 'Shift' });
      await sendKeys({ press: 'ArrowLeft' });
      await sendKeys({ up: 'Shift' });
      await expectFrame(el, 0, 'Shift+←');
      await sendKeys({ press: 'End' });
      await expectFrame(el, 95, 'End');
      await sendKeys({ press: 'Home' });
      await expectFrame(el, 0, 'Home');
      // the timeline slider answers the same keys
      $(el, '[part~="timeline"]')!.focus();
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      await expectFrame(el, 3, 'three → on the timeline');
    });

    it('Space and K play and pause; after pause the picture is the frame named', async () => {
      const el = await mountPlayer(CLIP);
      el.muted = true;
      $(el, '[part~="stage"]')!.focus();
      await sendKeys({ press: 'Space' });
      await waitUntil(() => el.currentFrame > 3, 'plays', { timeout: 10000 });
      expect(el.paused).to.equal(false);
      await sendKeys({ press: 'k' });
      await waitUntil(() => el.paused, 'K pauses');
      await el.pause();
      expect(frameOnScreen(el)).to.equal(el.currentFrame);
      await sendKeys({ press: 'Space' });
      await waitUntil(() => !el.paused, 'Space plays again');
      await sendKeys({ press: 'Space' });
      await waitUntil(() => el.paused, 'Space pauses');
      await el.pause();
      expect(frameOnScreen(el)).to.equal(el.currentFrame);
    });

    it('J/L shuttle: L plays forward faster on each press, J plays backwards', async () => {
      const el = await mountPlayer(CLIP);
      el.muted = true;
      await el.seekToFrame(60);
      $(el, '[part~="stage"]')!.focus();
      await sendKeys({ press: 'l' });
      await waitUntil(() => el.currentFrame > 62, 'L plays forward', { timeout: 10000 });
      expect(el.playbackRate).to.equal(1);
      await sendKeys({ press: 'l' });
      expect(el.playbackRate).to.equal(2);
      expect($<HTMLVideoElement>(el, 'video')!.playbackRate).to.equal(2);
      await sendKeys({ press: 'k' });
      await el.pause();
      expect(el.playbackRate, 'K ends the shuttle at the chosen speed').to.equal(1);
      const from = el.currentFrame;
      await sendKeys({ press: 'j' });
      await waitUntil(() => el.currentFrame < from - 2, 'J plays backwards', { timeout: 10000 });
      expect(el.paused).to.equal(false);
      await sendKeys({ press: 'k' });
      await el.pause();
      expect(el.paused).to.equal(true);
      expect(frameOnScreen(el)).to.equal(el.currentFrame);
    });

    it('I/O set the in/out range, M mutes, , and . jump between comments', async () => {
      const el = await mountPlayer(CLIP);
      el.markers = MARKERS;
      await el.seekToFrame(10);
      $(el, '[part~="stage"]')!.focus();
      await sendKeys({ press: 'i' });
      await el.seekToFrame(50);
      await sendKeys({ press: 'o' });
      expect([el.inPoint, el.outPoint]).to.deep.equal([10, 50]);
      await el.updateComplete;
      expect($(el, '[part~="range"]')).to.exist;
      await sendKeys({ press: 'm' });
      expect(el.muted).to.equal(true);
      await el.updateComplete;
      expect($<HTMLVideoElement>(el, 'video')!.muted).to.equal(true);
      await sendKeys({ press: 'm' });
      expect(el.muted).to.equal(false);

      const selected: number[] = [];
      el.addEventListener('review-comment-select', (e) => selected.push(e.detail.comment.id));
      await sendKeys({ press: '.' });
      await expectFrame(el, 70, '. → next comment');
      $(el, '[part~="stage"]')!.focus();
      await sendKeys({ press: ',' });
      await expectFrame(el, 40, ', → previous comment');
      $(el, '[part~="stage"]')!.focus();
      await sendKeys({ press: ',' });
      await expectFrame(el, 12, ', → previous comment');
      expect(selected).to.deep.equal([3, 2, 1]);
    });

    it('F toggles full screen', async () => {
      const el = await mountPlayer(CLIP);
      $(el, '[part~="stage"]')!.focus();
      await sendKeys({ press: 'f' });
      await waitUntil(() => document.fullscreenElement === el, 'full screen', { timeout: 5000 });
      // The label follows the fullscreenchange event, which may arrive a task after fullscreenElement is set.
      await waitUntil(
        () => $(el, '[part~="fullscreen"]')!.getAttribute('aria-label') === 'Exit full screen',
        'the button offers to exit full screen',
        { timeout: 5000 },
      );
      await sendKeys({ press: 'f' });
      await waitUntil(() => document.fullscreenElement === null, 'left full screen', { timeout: 5000 });
    });

    it('in full screen the controls keep a normal contrast', async () => {
      const el = await mountPlayer(CLIP);
      $(el, '[part~="stage"]')!.focus();
      await sendKeys({ press: 'f' });
      await waitUntil(() => document.fullscreenElement === el, 'full screen', { timeout: 5000 });
      try {
        for (const part of ['play', 'mute', 'fullscreen']) {
          const button = $<HTMLButtonElement>(el, `[part~="${part}"]`)!;
          expect(button.disabled, `${part} enabled`).to.equal(false);
          const ratio = contrast(getComputedStyle(button).color, background(button));
          expect(ratio, `${part}: text on its background`).to.be.at.least(4.5);
        }
      } finally {
        await document.exitFullscreen();
      }
    });

    it('leaves Space to a focused button and arrows to the volume slider', async () => {
      const el = await mountPlayer(CLIP);
      $<HTMLButtonElement>(el, '[part~="mute"]')!.focus();
      await sendKeys({ press: 'Space' });
      expect(el.muted, 'Space pressed the mute button').to.equal(true);
      expect(el.paused, 'and did not start playback').to.equal(true);
      el.muted = false;
      await el.updateComplete;
      $<HTMLInputElement>(el, '[part~="volume"]')!.focus();
      await sendKeys({ press: 'ArrowLeft' });
      expect(el.volume).to.be.closeTo(0.95, 1e-9);
      expect(el.currentFrame).to.equal(0);
    });
  });

  describe('timeline', () => {
    it('click on a marker seeks to its frame and emits review-comment-select', async () => {
      const el = await mountPlayer(CLIP);
      el.markers = MARKERS;
      await el.updateComplete;
      const markers = $$<HTMLButtonElement>(el, '[part~="marker"]');
      expect(markers.map((m) => m.getAttribute('aria-label'))).to.deep.equal([
        'Comment at 12: Pat: edge flickers',
        'Comment at 40: Pat: warmer grade',
        'Comment at 70: Pat: hold',
      ]);
      const selected = oneEvent(el, 'review-comment-select');
      markers[1].click();
      expect((await selected).detail.comment.id).to.equal(2);
      await expectFrame(el, 40, 'marker click');
    });

    it('scrubbing with the pointer seeks, and hovering shows the frame under the pointer', async () => {
      const el = await mountPlayer(CLIP);
      const timeline = $(el, '[part~="timeline"]')!;
      const rect = timeline.getBoundingClientRect();
      const at = (frame: number) => rect.left + (frame / 95) * rect.width;
      const pointer = (type: string, frame: number) =>
        timeline.dispatchEvent(
          new PointerEvent(type, { clientX: at(frame), clientY: rect.top + 20, bubbles: true, composed: true, pointerId: 7, button: 0 }),
        );
      pointer('pointermove', 48);
      await el.updateComplete;
      expect(text($(el, '[part~="hover-preview"]'))).to.equal('48');
      pointer('pointerdown', 20);
      pointer('pointermove', 35);
      pointer('pointermove', 61);
      pointer('pointerup', 61);
      await expectFrame(el, 61, 'scrub end');
    });
  });

  describe('loop', () => {
    it('loops the in/out range frame-accurately while playing', async () => {
      const el = await mountPlayer(CLIP);
      el.muted = true;
      el.setInPoint(10);
      el.setOutPoint(20);
      el.loop = 'range';
      const frames: number[] = [];
      el.addEventListener('review-frame-change', (e) => frames.push(e.detail.frame));
      await el.play();
      // play() starts at the in point; wait for two wraps back to it
      const wraps = () => frames.filter((f, i) => i > 0 && f < frames[i - 1]).length;
      await waitUntil(() => wraps() >= 2, `two wraps (frames ${frames.join(',')})`, { timeout: 20000 });
      await el.pause();
      const sinceStart = frames.slice(frames.indexOf(10));
      expect(
        sinceStart.filter((f) => f < 10 || f > 21),
        'frames outside the range',
      ).to.deep.equal([]);
      expect(sinceStart.filter((f, i) => i > 0 && f < sinceStart[i - 1])).to.satisfy((back: number[]) => back.every((f) => f === 10));
      expect(frameOnScreen(el)).to.equal(el.currentFrame);
    });

    it('shows the in/out range over the played part of the timeline', async () => {
      const el = await mountPlayer(CLIP);
      el.setInPoint(10);
      el.setOutPoint(40);
      await el.seekToFrame(60);
      await el.updateComplete;
      const range = $(el, '[part~="range"]')!.getBoundingClientRect();
      const progress = $(el, '[part~="progress"]')!.getBoundingClientRect();
      expect(progress.right, 'the played part covers the range').to.be.above(range.right);
      const x = range.left + range.width / 2;
      const y = range.top + range.height / 2;
      // What is on top at the middle of the range: the range, then the played part under it.
      const stack = el.shadowRoot!.elementsFromPoint(x, y);
      const at = (part: string) => stack.findIndex((n) => n.getAttribute('part') === part);
      expect(at('range'), 'the range is hit').to.be.at.least(0);
      expect(at('range'), 'the range is above the played part').to.be.below(at('progress'));
      expect(Number(getComputedStyle($(el, '[part~="range"]')!).opacity)).to.equal(1);
    });

    it('loops the whole clip natively', async () => {
      const el = await mountPlayer(CLIP);
      el.loop = 'clip';
      await el.updateComplete;
      expect($<HTMLVideoElement>(el, 'video')!.loop).to.equal(true);
      $<HTMLButtonElement>(el, '[part~="loop"]')!.click();
      await el.updateComplete;
      expect(el.loop).to.equal('off');
      expect($<HTMLVideoElement>(el, 'video')!.loop).to.equal(false);
    });
  });

  describe('zoom and pan', () => {
    it('zooms with buttons, wheel and pinch, pans by drag, and reports the viewport', async () => {
      const el = await mountPlayer(CLIP);
      await el.updateComplete;
      const fit = el.viewport;
      expect(fit.zoom).to.equal(1);
      expect(fit.width / fit.height).to.be.closeTo(320 / 180, 0.01);
      const changed = oneEvent(el, 'review-viewport-change');
      $<HTMLButtonElement>(el, '[part~="zoom-in"]')!.click();
      const { detail } = await changed;
      expect(detail.zoom).to.equal(1.25);
      expect(detail.width).to.be.closeTo(fit.width * 1.25, 0.01);
      // the frame box on screen is the viewport (overlays sized to it follow)
      const frameBox = $(el, '[part~="frame"]')!.getBoundingClientRect();
      expect(frameBox.width).to.be.closeTo(detail.width, 0.5);

      $<HTMLButtonElement>(el, '[part~="zoom-100"]')!.click();
      await el.updateComplete;
      expect(el.viewport.width).to.be.closeTo(320, 0.01);
      $<HTMLButtonElement>(el, '[part~="zoom-fit"]')!.click();
      await el.updateComplete;
      expect(el.viewport).to.deep.equal(fit);

      const stage = $(el, '[part~="stage"]')!;
      const s = stage.getBoundingClientRect();
      stage.dispatchEvent(
        new WheelEvent('wheel', { deltaY: -200, clientX: s.left + 50, clientY: s.top + 50, bubbles: true, cancelable: true }),
      );
      await el.updateComplete;
      expect(el.viewport.zoom).to.be.greaterThan(1);
      // the point under the cursor stays put
      const u = (50 - el.viewport.x) / el.viewport.width;
      expect(u).to.be.closeTo((50 - fit.x) / fit.width, 0.001);

      el.zoomToFit();
      const p = (type: string, id: number, x: number) =>
        stage.dispatchEvent(
          new PointerEvent(type, { pointerId: id, clientX: s.left + x, clientY: s.top + 100, bubbles: true, composed: true }),
        );
      p('pointerdown', 1, 100);
      p('pointerdown', 2, 200);
      p('pointermove', 2, 300); // fingers twice as far apart
      p('pointerup', 1, 100);
      p('pointerup', 2, 300);
      await el.updateComplete;
      expect(el.viewport.zoom).to.be.closeTo(2, 0.001);

      const before = el.viewport;
      p('pointerdown', 3, 100);
      p('pointermove', 3, 140);
      p('pointerup', 3, 140);
      await el.updateComplete;
      expect(el.viewport.x - before.x).to.be.closeTo(40, 0.01);
    });

    it('puts the overlay slot over the frame box', async () => {
      const el = await fixture<ReviewPlayer>(html`<review-player src=${media(CLIP.name)} fps="24" frame-count="96">
        <div slot="overlay" id="ov"></div>
      </review-player>`);
      await oneEvent(el, 'review-ready');
      await el.updateComplete;
      const ov = el.querySelector('#ov')!.getBoundingClientRect();
      const box = $(el, '[part~="frame"]')!.getBoundingClientRect();
      expect([ov.x, ov.y, ov.width, ov.height]).to.deep.equal([box.x, box.y, box.width, box.height]);
      // a review-pause-request from the overlay pauses playback
      el.muted = true;
      await el.play();
      await waitUntil(() => !el.paused);
      el.querySelector('#ov')!.dispatchEvent(
        new CustomEvent('review-pause-request', { detail: { reason: 'annotate' }, bubbles: true, composed: true }),
      );
      await waitUntil(() => el.paused, 'paused by the overlay');
    });
  });

  describe('layout and accessibility', () => {
    it('is usable at 360 px: nothing overflows, every control is a 40 px target', async () => {
      await setViewport({ width: 360, height: 640 });
      const el = await fixture<ReviewPlayer>(html`<review-player
        style="width: 100%"
        src=${media(CLIP.name)}
        fps="24"
        frame-count="96"
        source-url=${media(CLIP.name)}
      ></review-player>`);
      await oneEvent(el, 'review-ready');
      el.markers = MARKERS;
      await el.updateComplete;
      await sleep(50);
      const host = el.getBoundingClientRect();
      expect(host.width).to.be.at.most(360);
      for (const control of $$(el, '[part~="controls"] button, [part~="controls"] a, [part~="timeline"]')) {
        if (control.closest('[hidden]') || getComputedStyle(control).display === 'none') continue;
        const r = control.getBoundingClientRect();
        const name = control.getAttribute('aria-label') ?? text(control);
        expect(r.right, `${name} inside`).to.be.at.most(host.right + 0.5);
        expect(r.left, `${name} inside`).to.be.at.least(host.left - 0.5);
        expect(r.height, `${name} height`).to.be.at.least(40);
        expect(r.width, `${name} width`).to.be.at.least(40);
      }
      expect(document.documentElement.scrollWidth).to.be.at.most(360);
      await expect(el).to.be.accessible();
    });

    it('reaches every control with Tab, each labelled; axe finds nothing', async () => {
      const el = await mountPlayer(CLIP);
      el.markers = MARKERS;
      await el.updateComplete;
      const focusable = $$(el, 'button, a[href], input, select, [tabindex="0"]').filter(
        (n) => !n.closest('[hidden]') && !(n as HTMLButtonElement).disabled && n.getAttribute('tabindex') !== '-1',
      );
      for (const node of focusable) {
        const name = node.getAttribute('aria-label') ?? text(node);
        expect(name, node.outerHTML.slice(0, 60)).to.not.equal('');
      }
      $(el, '[part~="stage"]')!.focus();
      const reached = new Set<Element>();
      for (let i = 0; i < focusable.length + 2; i++) {
        const active = el.shadowRoot!.activeElement;
        if (active) reached.add(active);
        await sendKeys({ press: 'Tab' });
      }
      for (const node of focusable)
        expect(reached.has(node), `${node.getAttribute('aria-label') ?? text(node)} reached by Tab`).to.equal(true);
      await expect(el).to.be.accessible();
    });
  });

  describe('download source', () => {
    it('standalone: shown only with a source-url', async () => {
      const el = await mountPlayer(CLIP);
      expect($(el, '[part~="download"]')).to.equal(null);
      el.sourceUrl = '/src/master.mov';
      await el.updateComplete;
      expect($(el, '[part~="download"]')!.getAttribute('href')).to.equal('/src/master.mov');
    });

    it('no-download hides it even with a source-url', async () => {
      const el = await mountPlayer(CLIP);
      el.sourceUrl = '/src/master.mov';
      el.setAttribute('no-download', '');
      await el.updateComplete;
      expect($(el, '[part~="download"]')).to.equal(null);
      el.removeAttribute('no-download');
      await el.updateComplete;
      expect($(el, '[part~="download"]')).to.exist;
    });
  });
});
