import { expect } from '@open-wc/testing';
import { EngineUnsupportedError, WebCodecsEngine, isSupported } from '../../src/media/webcodecs-engine.js';
import { frameCodeIn, pictureLuminance, random } from './frame-code.js';

/**
 * The WebCodecs engine on the frame-coded clips (scripts/make-test-media.sh): every check reads the frame
 * number back from the pixels the engine drew (or handed out), as the player's frame-accuracy tests do.
 */
const media = (name: string) => `/test/media/${name}`;

/** The 12-bit frame number drawn in a bars picture. */
const frameIn = (source: CanvasImageSource): number => frameCodeIn(pictureLuminance(source));

const CLIPS = [
  { name: 'bars-24.mp4', frames: 96, rate: [24, 1] },
  { name: 'bars-2997.mp4', frames: 120, rate: [30000, 1001] },
  { name: 'bars-24.webm', frames: 96, rate: [24, 1] },
  { name: 'bars-2997.webm', frames: 120, rate: [30000, 1001] },
] as const;

const open: WebCodecsEngine[] = [];
async function openEngine(name: string, options: Parameters<typeof WebCodecsEngine.open>[1] = {}) {
  const canvas = document.createElement('canvas');
  const engine = await WebCodecsEngine.open(media(name), { canvas, ...options });
  open.push(engine);
  return { engine, canvas };
}

describe('WebCodecsEngine', function () {
  this.timeout(60000);
  afterEach(() => {
    for (const e of open.splice(0)) e.close();
  });

  it('reads frame count, rate and keyframes from the sample table', async () => {
    for (const [name, frames, num, den] of [
      ['bars-24.mp4', 96, 24, 1],
      ['bars-2997.mp4', 120, 30000, 1001],
      ['bars-23976.mp4', 96, 24000, 1001],
      ['bars-24.webm', 96, 24, 1],
      ['bars-23976.webm', 96, 24000, 1001],
    ] as const) {
      const { engine } = await openEngine(name);
      expect([engine.frameCount, engine.rate.num, engine.rate.den], name).to.deep.equal([frames, num, den]);
      expect([engine.width, engine.height], name).to.deep.equal([320, 180]);
      expect(engine.table.keyFrames().slice(0, 3), name).to.deep.equal([0, 24, 48]);
    }
  });

  it('a scrub seek shows the frames decoded on the way, each exact, between the frame shown and the target', async () => {
    // no prefetch: nothing past frame 3 is decoded before the scrub asks for 40
    const { engine, canvas } = await openEngine('bars-24.mp4', { ahead: 0, behind: 0 });
    await engine.seekToFrame(3);
    const onTheWay: [number, number][] = [];
    const shown = await engine.seekToFrame(40, { onTheWay: (n) => onTheWay.push([n, frameIn(canvas)]) });
    expect([shown.frame, frameIn(canvas)]).to.deep.equal([40, 40]);
    expect(onTheWay.length, 'frames shown on the way').to.be.greaterThan(5);
    for (const [n, onScreen] of onTheWay) expect(onScreen, `frame ${n} on screen when reported`).to.equal(n);
    const frames = onTheWay.map(([n]) => n);
    expect(
      frames.every((n, i) => n > 3 && n < 40 && (i === 0 || n > frames[i - 1])),
      frames.join(' '),
    ).to.equal(true);
  });

  for (const clip of CLIPS) {
    describe(clip.name, () => {
      it('every random seek draws exactly the frame asked for', async () => {
        const { engine, canvas } = await openEngine(clip.name);
        expect(engine.frameCount).to.equal(clip.frames);
        const rnd = random(clip.frames * 13 + clip.name.length);
        const targets = [
          0,
          clip.frames - 1,
          1,
          clip.frames - 2,
          47,
          48,
          49,
          ...Array.from({ length: 24 }, () => Math.floor(rnd() * clip.frames)),
        ];
        for (const n of targets) {
          const shown = await engine.seekToFrame(n);
          expect([shown.frame, engine.currentFrame, frameIn(canvas)], `seek to ${n}`).to.deep.equal([n, n, n]);
        }
      });

      it('steps ±1 across GOP boundaries, and reverse steps come from the cache', async () => {
        const { engine, canvas } = await openEngine(clip.name);
        await engine.seekToFrame(20);
        for (let i = 1; i <= 8; i++) {
          const shown = await engine.step(1);
          expect([shown.frame, frameIn(canvas)]).to.deep.equal([20 + i, 20 + i]);
        }
        for (let i = 1; i <= 8; i++) {
          const shown = await engine.step(-1);
          expect([shown.frame, frameIn(canvas)]).to.deep.equal([28 - i, 28 - i]);
        }
        // reverse from 60 down to 10: crosses the keyframes at 48 and 24
        await engine.seekToFrame(60);
        const restartsBefore = engine.stats().restarts;
        for (let n = 59; n >= 10; n--) {
          const shown = await engine.step(-1);
          expect([shown.frame, frameIn(canvas)], `reverse step to ${n}`).to.deep.equal([n, n]);
        }
        // one restart per GOP entered (plus prefetch), never one per frame
        expect(engine.stats().restarts - restartsBefore).to.be.below(8);
        // clamped at both ends
        await engine.seekToFrame(0);
        expect((await engine.step(-1)).frame).to.equal(0);
        expect(frameIn(canvas)).to.equal(0);
        await engine.seekToFrame(clip.frames - 1);
        expect((await engine.step(1)).frame).to.equal(clip.frames - 1);
        expect(frameIn(canvas)).to.equal(clip.frames - 1);
      });

      it('a step next to the playhead is served from the cache once decode-ahead has run', async () => {
        const { engine, canvas } = await openEngine(clip.name);
        await engine.seekToFrame(30);
        // let the idle engine fill its window
        for (let i = 0; i < 100 && !engine.cachedFrames().includes(40); i++) await new Promise((r) => setTimeout(r, 20));
        expect(engine.cachedFrames()).to.include.members([29, 31, 35, 40]);
        const fed = engine.stats().decodedSamples;
        for (let n = 31; n <= 36; n++) {
          expect((await engine.step(1)).frame).to.equal(n);
          expect(frameIn(canvas)).to.equal(n);
        }
        expect(engine.stats().decodedSamples - fed).to.be.below(24);
      });

      it('bursts: every promise resolves on the final frame', async () => {
        const { engine, canvas } = await openEngine(clip.name);
        await engine.seekToFrame(10);
        const steps = await Promise.all(Array.from({ length: 7 }, () => engine.step(1)));
        expect(steps.map((s) => s.frame)).to.deep.equal(Array(7).fill(17));
        expect(frameIn(canvas)).to.equal(17);
        const seeks = await Promise.all([50, 3, 71, 40].map((n) => engine.seekToFrame(n)));
        expect(seeks.map((s) => s.frame)).to.deep.equal([40, 40, 40, 40]);
        expect(frameIn(canvas)).to.equal(40);
        const mixed = await Promise.all([engine.seekToFrame(60), engine.step(-1), engine.step(-1), engine.step(3)]);
        expect(mixed.map((s) => s.frame)).to.deep.equal([61, 61, 61, 61]);
        expect(frameIn(canvas)).to.equal(61);
        // backward burst across a keyframe
        const back = await Promise.all(Array.from({ length: 15 }, () => engine.step(-1)));
        expect(back.map((s) => s.frame)).to.deep.equal(Array(15).fill(46));
        expect(frameIn(canvas)).to.equal(46);
      });

      it('frameAt(n) hands out a copy of exactly frame n, without moving the playhead', async () => {
        const { engine } = await openEngine(clip.name);
        await engine.seekToFrame(5);
        for (const n of [70, 5, 33, clip.frames - 1]) {
          const frame = await engine.frameAt(n);
          expect(frameIn(frame), `frameAt(${n})`).to.equal(n);
          frame.close();
        }
        expect(engine.currentFrame).to.equal(5);
      });
    });
  }

  it('numbers the frames of a variable-frame-rate clip by sample order, every seek and step exact', async () => {
    const { engine, canvas } = await openEngine('vfr-24.mp4');
    expect(engine.frameCount).to.equal(96);
    const intervals = new Set<number>();
    for (let n = 1; n < 10; n++) {
      const t = engine.table;
      intervals.add(Math.round((t.timestampUs[t.sampleOfFrame[n]] - t.timestampUs[t.sampleOfFrame[n - 1]]) / 1000));
    }
    expect(intervals.size, 'the clip really has uneven intervals').to.be.above(1);
    const rnd = random(96);
    for (const n of [0, 95, 3, 48, ...Array.from({ length: 16 }, () => Math.floor(rnd() * 96))]) {
      expect((await engine.seekToFrame(n)).frame).to.equal(n);
      expect(frameIn(canvas), `seek to ${n}`).to.equal(n);
    }
    await engine.seekToFrame(30);
    for (let n = 29; n >= 20; n--) {
      expect((await engine.step(-1)).frame).to.equal(n);
      expect(frameIn(canvas)).to.equal(n);
    }
  });

  it('keeps the cache within its budget and closes every frame it evicts (no leaks)', async () => {
    // Record every frame any decoder outputs, to check independently of the engine's own counts.
    const Original = VideoDecoder;
    const outputs: VideoFrame[] = [];
    class Recording extends Original {
      constructor(init: VideoDecoderInit) {
        super({ ...init, output: (f) => (outputs.push(f), init.output(f)) });
      }
    }
    window.VideoDecoder = Recording;
    try {
      const frameBytes = 320 * 180 * 1.5;
      const budget = frameBytes * 10;
      const { engine, canvas } = await openEngine('bars-24.mp4', { budgetBytes: budget });
      const rnd = random(7);
      for (let i = 0; i < 12; i++) {
        const n = Math.floor(rnd() * 96);
        await engine.seekToFrame(n);
        expect(frameIn(canvas)).to.equal(n);
        await engine.step(1);
        await engine.step(-1);
        const s = engine.stats();
        expect(s.cachedBytes, 'cache within budget').to.be.at.most(budget);
      }
      // let decode-ahead settle, then every decoded frame is either in the cache or closed
      await new Promise((r) => setTimeout(r, 300));
      const s = engine.stats();
      expect(outputs.length).to.equal(s.decodedFrames);
      expect(outputs.length).to.be.above(40);
      const alive = outputs.filter((f) => f.format !== null);
      expect(alive.length, 'open frames = cached frames').to.equal(engine.cachedFrames().length);
      expect(s.openFrames).to.equal(s.cachedFrames);
      expect(s.cachedFrames).to.be.at.most(10);
      // shrinking the budget closes frames at once
      engine.setBudget(frameBytes * 3);
      expect(engine.stats().cachedFrames).to.be.at.most(3);
      expect(outputs.filter((f) => f.format !== null).length).to.equal(engine.stats().cachedFrames);
      engine.close();
      await new Promise((r) => setTimeout(r, 50));
      expect(outputs.filter((f) => f.format !== null).length, 'open after close').to.equal(0);
      expect(engine.stats().openFrames).to.equal(0);
    } finally {
      window.VideoDecoder = Original;
    }
  });

  it('reports an unsupported codec (HEVC here) at open, never later', async () => {
    expect(await isSupported('avc1.64000c')).to.be.true;
    expect(await isSupported('vp09.00.11.08')).to.be.true;
    expect(await isSupported('hev1.1.6.L60.90')).to.be.false;
    expect(await isSupported('not-a-codec')).to.be.false;
    let error: unknown;
    try {
      await WebCodecsEngine.open(media('hevc-24.mp4'));
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(EngineUnsupportedError);
    expect((error as EngineUnsupportedError).codec).to.match(/^hev1|^hvc1/);
    let notVideo: unknown;
    try {
      await WebCodecsEngine.open(media('not-a-video.mp4'));
    } catch (e) {
      notVideo = e;
    }
    expect(notVideo).to.be.instanceOf(Error);
  });
});
