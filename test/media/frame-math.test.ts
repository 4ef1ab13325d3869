import { expect } from '@open-wc/testing';
import {
  clampFrame,
  formatFrame,
  frameAtPresentationTime,
  frameAtTime,
  frameRateFromFps,
  frameToSeekTime,
  parseFrameRate,
  parseTimecode,
  toTimecode,
} from '../../src/media/frame-math.js';

describe('frame-math', () => {
  it('frameRateFromFps is parseFrameRate of a decimal fps (what a player reports)', () => {
    expect(frameRateFromFps(24)).to.deep.equal({ num: 24, den: 1, dropFrame: false });
    expect(frameRateFromFps(24000 / 1001)).to.deep.equal({ num: 24000, den: 1001, dropFrame: false });
    expect(frameRateFromFps(30000 / 1001)).to.deep.equal({ num: 30000, den: 1001, dropFrame: true });
    expect(frameRateFromFps(59.94)).to.deep.equal({ num: 60000, den: 1001, dropFrame: true });
    for (const fps of [24, 25, 23.976, 29.97, 47.952, 119.88, 12.5]) expect(frameRateFromFps(fps)).to.deep.equal(parseFrameRate(fps));
    expect(frameRateFromFps(0)).to.equal(null);
    expect(frameRateFromFps(Number.NaN)).to.equal(null);
    expect(frameRateFromFps(Number.POSITIVE_INFINITY)).to.equal(null);
  });

  it('parses integer, decimal NTSC and rational frame rates', () => {
    expect(parseFrameRate('24')).to.deep.equal({ num: 24, den: 1, dropFrame: false });
    expect(parseFrameRate('23.976')).to.deep.equal({ num: 24000, den: 1001, dropFrame: false });
    expect(parseFrameRate('23.98')).to.deep.equal({ num: 24000, den: 1001, dropFrame: false });
    expect(parseFrameRate('24000/1001')).to.deep.equal({ num: 24000, den: 1001, dropFrame: false });
    expect(parseFrameRate('29.97')).to.deep.equal({ num: 30000, den: 1001, dropFrame: true });
    expect(parseFrameRate('29.97', false)).to.deep.equal({ num: 30000, den: 1001, dropFrame: false });
    expect(parseFrameRate(59.94)).to.deep.equal({ num: 60000, den: 1001, dropFrame: true });
    expect(parseFrameRate('25')).to.deep.equal({ num: 25, den: 1, dropFrame: false });
    expect(parseFrameRate('12.5')).to.deep.equal({ num: 12.5, den: 1, dropFrame: false });
    expect(parseFrameRate('fast')).to.equal(null);
    expect(parseFrameRate('0')).to.equal(null);
    expect(parseFrameRate('24/0')).to.equal(null);
  });

  it('seeks to the middle of a frame and maps times back to the same frame', () => {
    const ntsc = parseFrameRate('23.976')!;
    for (let n = 0; n < 5000; n += 7) {
      expect(frameAtTime(frameToSeekTime(n, ntsc), ntsc)).to.equal(n);
      // a PTS stored at 1 ms precision (WebM) still names its frame
      const ptsMs = Math.round((n * 1001) / 24) / 1000;
      expect(frameAtPresentationTime(ptsMs, ntsc)).to.equal(n);
    }
    expect(frameToSeekTime(0, { num: 24, den: 1 })).to.be.closeTo(0.5 / 24, 1e-12);
    // frame 2 at 24 fps stored as 0.083 s by WebM lies before 2/24: it is frame 2, not 1
    expect(frameAtPresentationTime(0.083, { num: 24, den: 1 })).to.equal(2);
    expect(frameAtTime(2 / 24, { num: 24, den: 1 })).to.equal(2);
  });

  it('clamps frames into the clip', () => {
    expect(clampFrame(-3, 96)).to.equal(0);
    expect(clampFrame(96, 96)).to.equal(95);
    expect(clampFrame(4.6, 96)).to.equal(5);
    expect(clampFrame(Number.NaN, 96)).to.equal(0);
  });

  it('formats SMPTE drop-frame timecode at 29.97 and 59.94', () => {
    const df = parseFrameRate('29.97')!;
    expect(toTimecode(0, df)).to.equal('00:00:00;00');
    expect(toTimecode(1799, df)).to.equal('00:00:59;29');
    expect(toTimecode(1800, df)).to.equal('00:01:00;02');
    expect(toTimecode(3598, df)).to.equal('00:02:00;02');
    expect(toTimecode(17981, df)).to.equal('00:09:59;29');
    expect(toTimecode(17982, df)).to.equal('00:10:00;00');
    expect(toTimecode(107892, df)).to.equal('01:00:00;00');
    const df60 = parseFrameRate('59.94')!;
    expect(toTimecode(3600, df60)).to.equal('00:01:00;04');
    expect(toTimecode(35964, df60)).to.equal('00:10:00;00');
  });

  it('formats non-drop timecode with the nominal rate', () => {
    expect(toTimecode(24, parseFrameRate('23.976')!)).to.equal('00:00:01:00');
    expect(toTimecode(1800, parseFrameRate('29.97', false)!)).to.equal('00:01:00:00');
    expect(toTimecode(90061, parseFrameRate(25)!)).to.equal('01:00:02:11');
    expect(toTimecode(-24, parseFrameRate(24)!)).to.equal('-00:00:01:00');
  });

  it('round-trips timecode to frames, drop-frame included', () => {
    for (const rate of [parseFrameRate('29.97')!, parseFrameRate('59.94')!, parseFrameRate(24)!]) {
      for (let n = 0; n < 200000; n += 997) expect(parseTimecode(toTimecode(n, rate), rate)).to.equal(n);
    }
    expect(parseTimecode('00:01:00;02', parseFrameRate('29.97')!)).to.equal(1800);
    expect(parseTimecode('nonsense', parseFrameRate(24)!)).to.equal(null);
  });

  it('formatFrame starts timecode at timecodeStart; frames keep their own offset', () => {
    const rate = parseFrameRate(24)!;
    const start = parseTimecode('01:00:00:00', rate)!;
    expect(formatFrame(5, { format: 'timecode', frameRate: rate, timecodeStart: start })).to.equal('01:00:00:05');
    expect(formatFrame(5, { format: 'frames', frameOffset: 1001, timecodeStart: start })).to.equal('1006');
    const df = parseFrameRate('29.97')!;
    expect(formatFrame(0, { format: 'timecode', frameRate: df, timecodeStart: parseTimecode('00:59:59;28', df)! })).to.equal('00:59:59;28');
    expect(formatFrame(2, { format: 'timecode', frameRate: df, timecodeStart: parseTimecode('00:59:59;28', df)! })).to.equal('01:00:00;00');
  });

  it('formatFrame shows frames with an offset, timecode or seconds', () => {
    expect(formatFrame(0, { frameOffset: 1001 })).to.equal('1001');
    expect(formatFrame(12)).to.equal('12');
    expect(formatFrame(1800, { format: 'timecode', frameRate: '29.97' })).to.equal('00:01:00;02');
    expect(formatFrame(1800, { format: 'timecode', frameRate: { num: 30000, den: 1001, dropFrame: false } })).to.equal('00:01:00:00');
    expect(formatFrame(36, { format: 'seconds', frameRate: 24 })).to.equal('1.500s');
    // numbering offset does not move media time
    expect(formatFrame(36, { format: 'timecode', frameRate: 24, frameOffset: 1001 })).to.equal('00:00:01:12');
  });
});
