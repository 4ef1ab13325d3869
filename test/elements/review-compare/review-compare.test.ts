import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { COMPARE_MODES, type ReviewCompare } from '../../../src/elements/review-compare/review-compare.js';
import { compareClips, differenceMax, mountCompare, random, readPicture, sidesOnScreen } from './helpers.js';

async function shifted(key: string): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await sendKeys({ press: key });
  await sendKeys({ up: 'Shift' });
}

/** Resolves once the compare, playing, has reached `frame` (awaiting presented frames, not a timer). */
function playedTo(el: ReviewCompare, frame: number): Promise<void> {
  const [a] = el.videos;
  return new Promise<void>((resolve) => {
    const check = () => (el.currentFrame >= frame ? resolve() : a!.requestVideoFrameCallback(check));
    a!.requestVideoFrameCallback(check);
  });
}

const part = (el: ReviewCompare, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

/** Both sides show frame `frame` (A v2, B v1), or B shows "no frame" past v1's 72 frames. */
function expectAligned(el: ReviewCompare, frame: number): void {
  const [a, b] = sidesOnScreen(el);
  expect(a, `A at ${frame}`).to.deep.equal({ frame, version: 2 });
  if (frame < 72) expect(b, `B at ${frame}`).to.deep.equal({ frame, version: 1 });
  else expect(b, `B past its end at ${frame}`).to.equal(null);
  expect(el.currentFrame).to.equal(frame);
}

/** The sides' canvases that show a picture now (the engine's frames). */
const canvasesShown = (el: ReviewCompare) =>
  [...el.shadowRoot!.querySelectorAll<HTMLCanvasElement>('canvas[part~="picture"]')].filter((c) => !c.hidden).length;

/** Mounts a compare on `engine`; on `webcodecs`, waits until both sides' engines are open. */
async function mountOn(engine: 'video' | 'webcodecs', mode: (typeof COMPARE_MODES)[number]): Promise<ReviewCompare> {
  const el = await mountCompare({ mode, engine });
  if (engine === 'webcodecs') {
    await waitUntil(() => el.activeEngines.every((e) => e === 'webcodecs'), 'both engines open', { timeout: 15000 });
  }
  return el;
}

describe('<review-compare>: lockstep to the frame, read from the pixels', () => {
  for (const engine of ['video', 'webcodecs'] as const)
    for (const mode of COMPARE_MODES) {
      it(`${mode}, engine ${engine}: after random seeks and steps both sides show the same frame`, async () => {
        const el = await mountOn(engine, mode);
        const rnd = random(mode.length * 7919);
        let frame = 0;
        for (let i = 0; i < 8; i++) {
          if (rnd() < 0.5) {
            frame = Math.floor(rnd() * 96);
            await el.seekToFrame(frame);
          } else {
            const delta = rnd() < 0.5 ? -1 : 1;
            frame = Math.min(95, Math.max(0, frame + delta));
            await el.step(delta);
          }
          expectAligned(el, frame);
          // On the engine both pictures are its decoded frames (B's none past its end); else the <video>s.
          expect(canvasesShown(el), 'canvases shown').to.equal(engine === 'video' ? 0 : frame < 72 ? 2 : 1);
        }
        // Playing, then pausing: both land on one frame.
        await el.seekToFrame(30);
        await el.play();
        await playedTo(el, 36);
        await el.pause();
        expect(el.currentFrame).to.be.greaterThan(30);
        expectAligned(el, el.currentFrame);
        expect(canvasesShown(el), 'the engine took the pause over').to.equal(engine === 'video' ? 0 : 2);
        if (mode === 'difference') {
          // v2 against v1 at an aligned frame: the frame rows cancel out, the version row does not.
          await el.seekToFrame(30);
          expect(differenceMax(el, 10, 100), 'frame rows').to.be.below(40);
          expect(differenceMax(el, 122, 141), 'version row').to.be.above(100);
        }
      });
    }

  it('difference of two identical versions is black at every aligned frame', async () => {
    const el = await mountCompare({ mode: 'difference', compareId: 203 });
    const rnd = random(42);
    for (let i = 0; i < 6; i++) {
      await el.seekToFrame(Math.floor(rnd() * 96));
      expect(differenceMax(el, 10, 141), `at ${el.currentFrame}`).to.be.below(40);
      await el.step(1);
      expect(differenceMax(el, 10, 141), `at ${el.currentFrame}`).to.be.below(40);
    }
  });

  it('names the versions above the pictures, never over them (the burned-in slate stays visible)', async () => {
    const el = await mountCompare({ mode: 'toggle' });
    const stage = el.shadowRoot!.querySelector('[part~="stage"]')!.getBoundingClientRect();
    const labels = [...el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="label"]')];
    expect(labels.map((l) => l.textContent!.trim())).to.deep.equal(['A · sh010_v002', 'B · sh010_v001']);
    for (const label of labels) expect(label.getBoundingClientRect().bottom).to.be.at.most(stage.top);
    // A/B: the version shown is marked (bold).
    expect(labels.map((l) => l.classList.contains('shown'))).to.deep.equal([true, false]);
    el.shadowRoot!.querySelector<HTMLElement>('[part~="stage"]')!.focus();
    await sendKeys({ press: 't' });
    await el.updateComplete;
    expect(labels.map((l) => l.classList.contains('shown'))).to.deep.equal([false, true]);
  });

  it('aligns by the versions’ own source timecodes when no offset is given, and an offset of 0 by frame number', async () => {
    // v002 starts at 01:00:00:00, v001 ten frames later at 01:00:00:10 (24 fps).
    const versions = compareClips().map((c) =>
      c.id === 202 ? { ...c, timecodeStart: 86400 } : c.id === 201 ? { ...c, timecodeStart: 86410 } : c,
    );
    const el = await fixture<ReviewCompare>(
      html`<review-compare style="width: 640px" mode="side-by-side" clip-id="202" compare-id="201" .versions=${versions}></review-compare>`,
    );
    await el.ready;
    expect(el.alignment).to.equal(10);
    await el.seekToFrame(30);
    let [a, b] = sidesOnScreen(el);
    expect(a).to.deep.equal({ frame: 30, version: 2 });
    expect(b).to.deep.equal({ frame: 20, version: 1 });
    el.offset = 0;
    await el.updateComplete;
    await el.seekToFrame(30);
    [a, b] = sidesOnScreen(el);
    expect([a?.frame, b?.frame]).to.deep.equal([30, 30]);
  });

  it('aligns by a start offset (timecode starts): B’s frame 0 with A’s frame 10', async () => {
    const el = await mountCompare({ mode: 'side-by-side' });
    el.offset = 10;
    await el.seekToFrame(30);
    let [a, b] = sidesOnScreen(el);
    expect(a).to.deep.equal({ frame: 30, version: 2 });
    expect(b).to.deep.equal({ frame: 20, version: 1 });
    await el.step(1);
    [a, b] = sidesOnScreen(el);
    expect([a?.frame, b?.frame]).to.deep.equal([31, 21]);
    // Before B starts, B has no frame; A still has.
    await el.seekToFrame(5);
    [a, b] = sidesOnScreen(el);
    expect(a).to.deep.equal({ frame: 5, version: 2 });
    expect(b).to.equal(null);
    expect(el.frameCount).to.equal(96);
    // Playing then pausing keeps the offset.
    await el.seekToFrame(40);
    await el.play();
    await playedTo(el, 46);
    await el.pause();
    [a, b] = sidesOnScreen(el);
    expect(b!.frame).to.equal(a!.frame - 10);
  });

  it('past the shorter version’s end, its side says "no frame"', async () => {
    const el = await mountCompare({ mode: 'side-by-side' });
    await el.seekToFrame(80);
    expectAligned(el, 80);
    expect(part(el, 'no-frame').textContent).to.contain('sh010_v001').and.contain('72');
    await el.seekToFrame(71);
    expectAligned(el, 71);
  });

  it('plays both sides together, and a pause lands both on one frame', async () => {
    const el = await mountCompare({ mode: 'wipe' });
    await el.seekToFrame(10);
    await el.play();
    const [a] = el.videos;
    await new Promise<void>((resolve) => {
      const check = () => (el.currentFrame >= 20 ? resolve() : a!.requestVideoFrameCallback(check));
      a!.requestVideoFrameCallback(check);
    });
    await el.pause();
    const frame = el.currentFrame;
    expect(frame).to.be.greaterThan(10);
    expectAligned(el, frame);
  });

  for (const engine of ['video', 'webcodecs'] as const)
    it(`A/B toggled 50 times never shows a black or wrong frame (engine ${engine})`, async () => {
      const el = await mountOn(engine, 'toggle');
      await el.seekToFrame(37);
      const b = part(el, 'side-b');
      for (let i = 0; i < 50; i++) {
        part(el, 'toggle').click();
        await el.updateComplete;
        const showingB = el.shown === 'b';
        expect(getComputedStyle(b).opacity).to.equal(showingB ? '1' : '0');
        // What is on top now: B's picture when B shows, else A's (B transparent over it).
        const [pa, pb] = sidesOnScreen(el);
        expect(showingB ? pb : pa).to.deep.equal({ frame: 37, version: showingB ? 1 : 2 });
        if (i % 10 === 9) {
          await el.step(1);
          await el.step(-1);
        }
      }
    });

  it('is usable with the keyboard alone', async () => {
    const el = await mountCompare({ mode: 'wipe' });
    part(el, 'stage').focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await shifted('ArrowRight');
    await el.seekToFrame(el.currentFrame);
    expectAligned(el, 12);
    await sendKeys({ press: '3' });
    expect(el.mode).to.equal('side-by-side');
    const change = oneEvent(el, 'review-compare-change');
    await sendKeys({ press: 't' });
    expect((await change).detail).to.deep.equal({ mode: 'toggle', clipId: 202, compareId: 201, shown: 'b', notesOn: 'a' });
    await sendKeys({ press: '2' });
    await el.updateComplete;
    // Tab reaches the divider, whose arrows move the wipe.
    part(el, 'divider').focus();
    await sendKeys({ press: 'ArrowLeft' });
    await shifted('ArrowLeft');
    expect(el.wipe).to.be.closeTo(0.39, 1e-9);
    expect(part(el, 'divider').getAttribute('aria-valuenow')).to.equal('39');
    await sendKeys({ press: 'Home' });
    expect(el.wipe).to.equal(0);
    part(el, 'stage').focus();
    await sendKeys({ press: ' ' });
    expect(el.currentFrame >= 12).to.equal(true);
    await sendKeys({ press: ' ' });
    await el.seekToFrame(el.currentFrame);
    expectAligned(el, el.currentFrame);
  });

  it('the wipe follows the pointer, vertically and horizontally', async () => {
    const el = await mountCompare({ mode: 'wipe' });
    const stage = part(el, 'stage');
    const rect = stage.getBoundingClientRect();
    const at = (fx: number, fy: number, type: string) =>
      stage.dispatchEvent(
        new PointerEvent(type, {
          bubbles: true,
          composed: true,
          pointerId: 1,
          button: 0,
          clientX: rect.left + rect.width * fx,
          clientY: rect.top + rect.height * fy,
        }),
      );
    at(0.2, 0.5, 'pointerdown');
    at(0.3, 0.5, 'pointermove');
    at(0.3, 0.5, 'pointerup');
    await el.updateComplete;
    expect(el.wipe).to.be.closeTo(0.3, 0.01);
    expect(part(el, 'side-b').style.clipPath).to.match(/inset\(0(px)? 0(px)? 0(px)? 30/);
    el.wipeDirection = 'horizontal';
    await el.updateComplete;
    at(0.5, 0.75, 'pointerdown');
    at(0.5, 0.75, 'pointerup');
    await el.updateComplete;
    expect(el.wipe).to.be.closeTo(0.75, 0.01);
    expect(part(el, 'side-b').style.clipPath).to.match(/^inset\(75/);
  });

  for (const mode of ['side-by-side', 'wipe'] as const) {
    it(`${mode}: both sides zoom and pan together`, async () => {
      const el = await mountCompare({ mode });
      const stage = part(el, 'stage');
      stage.focus();
      await sendKeys({ press: '+' });
      await sendKeys({ press: '+' });
      await el.updateComplete;
      expect(el.zoom).to.be.closeTo(1.5625, 1e-9);
      const transforms = () => [...el.shadowRoot!.querySelectorAll('video')].map((v) => v.style.transform);
      const [ta, tb] = transforms();
      expect(ta).to.contain('scale(1.5625)');
      expect(tb).to.equal(ta);
      // Drag the picture: both pan alike.
      const rect = part(el, 'side-a').getBoundingClientRect();
      const at = (type: string, dx: number) =>
        stage.dispatchEvent(
          new PointerEvent(type, {
            bubbles: true,
            composed: true,
            pointerId: 3,
            button: 0,
            clientX: rect.left + 100 + dx,
            clientY: rect.top + 50,
          }),
        );
      at('pointerdown', 0);
      at('pointermove', 30);
      at('pointerup', 30);
      await el.updateComplete;
      const [pa, pb] = transforms();
      expect(pa).to.not.equal(ta);
      expect(pb).to.equal(pa);
      expect(el.wipe).to.equal(0.5);
      await el.seekToFrame(20);
      expectAligned(el, 20);
      await sendKeys({ press: '0' });
      await el.updateComplete;
      expect(transforms()).to.deep.equal(['none', 'none']);
    });
  }

  it('fits 360 px: nothing overflows, side by side stacks', async () => {
    const el = await mountCompare({ mode: 'side-by-side', width: 360 });
    for (const name of ['toolbar', 'transport', 'stage']) {
      const box = part(el, name);
      expect(box.scrollWidth, name).to.be.at.most(box.clientWidth + 1);
      expect(box.getBoundingClientRect().right, name).to.be.at.most(el.getBoundingClientRect().right + 1);
    }
    const ra = part(el, 'side-a').getBoundingClientRect();
    const rb = part(el, 'side-b').getBoundingClientRect();
    expect(rb.top).to.be.at.least(ra.bottom - 1);
    await el.seekToFrame(5);
    expectAligned(el, 5);
    for (const b of el.shadowRoot!.querySelectorAll('button')) expect(b.getBoundingClientRect().height).to.be.at.least(24);
  });

  it('engine="video" never loads the frame engine; a side whose engine cannot open stays on its <video>', async () => {
    const el = await mountCompare({ mode: 'side-by-side', engine: 'video' });
    expect(el.activeEngines).to.deep.equal(['video', 'video']);
    expect(el.shadowRoot!.querySelector('canvas[part~="picture"]'), 'no canvas').to.equal(null);
    // B in a codec this browser's WebCodecs "cannot decode" (VP9 made unsupported here; a <video> plays it).
    const versions = compareClips().map((c) => (c.id === 201 ? { ...c, media: { ...c.media, url: '/test/media/bars-24.webm' } } : c));
    const original = VideoDecoder.isConfigSupported;
    VideoDecoder.isConfigSupported = (config) =>
      config.codec.startsWith('vp') ? Promise.resolve({ supported: false, config }) : original.call(VideoDecoder, config);
    try {
      const mixed = await fixture<ReviewCompare>(
        html`<review-compare style="width: 640px" mode="side-by-side" clip-id="202" compare-id="201" .versions=${versions}></review-compare>`,
      );
      await mixed.ready;
      await waitUntil(() => mixed.activeEngines[0] === 'webcodecs', 'A on the engine', { timeout: 15000 });
      await mixed.seekToFrame(12);
      expect(mixed.activeEngines, 'B on its <video>').to.deep.equal(['webcodecs', 'video']);
      const [a, b] = sidesOnScreen(mixed);
      expect([a?.frame, b?.frame]).to.deep.equal([12, 12]);
      expect(canvasesShown(mixed), 'A from its canvas, B from its <video>').to.equal(1);
    } finally {
      VideoDecoder.isConfigSupported = original;
    }
  });

  it('reads its own picture reliably (the helper refuses a black picture)', () => {
    const black = document.createElement('canvas');
    black.width = 320;
    black.height = 180;
    black.getContext('2d')!.fillRect(0, 0, 320, 180);
    expect(() => readPicture(black)).to.throw(/unreadable/);
  });
});
