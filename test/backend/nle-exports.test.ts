/**
 * Issue 25, "NLE markers": every marker export parsed back and compared with the notes it came from, at
 * 23.976, 25 and 29.97 drop-frame, with a timecode start of 01:00:00:00 and without one. Expected timecodes
 * come from `labelOf` below, which counts SMPTE labels one by one (skipping the drop-frame labels), not from
 * the timecode code under test. XML is read with the browser's DOMParser; EDLs and OTIO with test/backend/nle-parse.ts.
 */
import { expect } from '@open-wc/testing';
import { formatClipMarkers, formatTimelineExport, type TimelineClipInput } from '../../src/backend/nle-markers.js';
import { EXPORT_EXTENSIONS, exportFileName } from '../../src/contract/export-formats.js';
import { markupToPlainText } from '../../src/contract/markup.js';
import { parseTimecode, toTimecode } from '../../src/contract/timecode.js';
import type { ClipAnnotation, FrameRate, NleExportFormat } from '../../src/contract/types.js';
import { checkOtio, parseEdl, parseResolveEdl } from './nle-parse.js';

const RATES: Array<{ label: string; rate: FrameRate; hourOne: number }> = [
  { label: '23.976', rate: { num: 24000, den: 1001, dropFrame: false }, hourOne: 86400 },
  { label: '25', rate: { num: 25, den: 1, dropFrame: false }, hourOne: 90000 },
  { label: '29.97 DF', rate: { num: 30000, den: 1001, dropFrame: true }, hourOne: 107892 },
];

/**
 * The SMPTE label of frame `n`, counted: labels run hh:mm:ss:ff at the nominal rate, and at 29.97 DF the
 * labels ;00 and ;01 of every minute but each tenth do not exist. Independent of src/contract/timecode.ts.
 */
function labelOf(n: number, rate: FrameRate): string {
  const nominal = Math.round(rate.num / rate.den);
  const drop = rate.dropFrame;
  let [h, m, s, f] = [0, 0, 0, 0];
  const skipped = () => drop && s === 0 && f < 2 && m % 10 !== 0;
  const step = () => {
    f++;
    if (f === nominal) [f, s] = [0, s + 1];
    if (s === 60) [s, m] = [0, m + 1];
    if (m === 60) [m, h] = [0, h + 1];
  };
  // Whole hours first (an hour is 107892 frames at 29.97 DF, nominal * 3600 otherwise), then frame by frame.
  const hour = drop ? 107892 : nominal * 3600;
  h = Math.floor(n / hour);
  for (let i = 0; i < n % hour; i++) {
    step();
    while (skipped()) step();
  }
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(h)}:${p(m)}:${p(s)}${drop ? ';' : ':'}${p(f)}`;
}

let nextId = 1;
function note(start: number, description: string, extra: Partial<ClipAnnotation> = {}): ClipAnnotation {
  const id = nextId++;
  return {
    id,
    objectType: 'ClipAnnotation',
    funnel: 'ReviewComment',
    mediaObjectId: 7,
    description,
    mentionIds: [],
    tags: [],
    spatial: null,
    uiLocation: null,
    relatedToId: null,
    threadGroupId: id,
    start,
    end: start + 1,
    creatorId: 2,
    creatorName: 'Sam Supervisor',
    created: new Date(Date.UTC(2026, 10, 2, 9, 0, id)).toISOString(),
    modified: new Date(Date.UTC(2026, 10, 2, 9, 0, id)).toISOString(),
    version: 1,
    customFields: {},
    ...extra,
  };
}

/** Notes around the frames that matter: 0, a minute boundary (1799–1801: DF skips two labels at 1800), ten minutes (17982). */
function notesOf(): ClipAnnotation[] {
  const a = note(1800, 'Flicker on the @{3,Alex Artist} #{comp} edge');
  return [
    note(0, 'First frame'),
    note(12, 'Ship edge <b>&amp;</b> "quotes" | pipe'),
    note(1799, 'Line one\nLine two\r\nLine three'),
    a,
    note(1800, 'On it', { relatedToId: a.id, threadGroupId: a.id, creatorId: 3, creatorName: 'Alex Artist' }),
    note(1801, 'x'.repeat(400)),
    note(17982, 'Ten minutes in', { creatorName: undefined, creatorId: 9 }),
    note(17983, 'After ten'),
  ];
}

const FRAME_COUNT = 20000;
const roots = (notes: ClipAnnotation[]) => notes.filter((c) => c.relatedToId == null).sort((x, y) => x.start - y.start || x.id - y.id);
const author = (c: ClipAnnotation) => c.creatorName ?? `User ${c.creatorId}`;
const nameOf = (c: ClipAnnotation) => `${author(c)}: ${markupToPlainText(c.description).trim()}`;
/** The one-line EDL text the exports promise: the note and its replies after " / ", flattened, at most 200 characters. */
function edlText(c: ClipAnnotation, all: ClipAnnotation[]): string {
  const flat = [nameOf(c), ...all.filter((r) => r.relatedToId === c.id).map(nameOf)].join(' / ').replace(/\s+/g, ' ').trim();
  return [...flat].length > 200 ? `${[...flat].slice(0, 199).join('')}…` : flat;
}
function commentOf(c: ClipAnnotation, all: ClipAnnotation[]): string {
  return [nameOf(c), ...all.filter((r) => r.relatedToId === c.id).map((r) => `↳ ${nameOf(r)}`)].join('\n');
}

function clipInput(
  rate: FrameRate,
  timecodeStart: number | undefined,
  notes: ClipAnnotation[],
  extra: Partial<TimelineClipInput> = {},
): TimelineClipInput {
  return {
    id: 7,
    name: 'hm_010_0040 <v12> & co',
    frameRate: rate,
    frameCount: FRAME_COUNT,
    timecodeStart,
    mediaUrl: 'https://media.example/hm_010.mp4?a=1&b=2',
    reviewStatus: 'NOT_APPROVED',
    comments: notes,
    ...extra,
  };
}

function xml(text: string): Document {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const error = doc.querySelector('parsererror');
  if (error) throw new Error(`not well-formed XML: ${error.textContent}`);
  return doc;
}
const textOf = (el: Element, name: string) => el.querySelector(`:scope > ${name}`)?.textContent ?? null;

describe('NLE marker exports, parsed back', () => {
  it('the reference label counter agrees with the known drop-frame labels', () => {
    const df = RATES[2].rate;
    expect(labelOf(1800, df)).to.equal('00:01:00;02');
    expect(labelOf(1799, df)).to.equal('00:00:59;29');
    expect(labelOf(17982, df)).to.equal('00:10:00;00');
    expect(labelOf(107892, df)).to.equal('01:00:00;00');
    expect(labelOf(86400 + 36, RATES[0].rate)).to.equal('01:00:01:12');
    for (const { rate, hourOne } of RATES) {
      expect(parseTimecode('01:00:00:00', rate)).to.equal(hourOne);
      for (const n of [0, 1799, 1800, 1801, 17982, 17983, hourOne + 1800, hourOne + 17983])
        expect(toTimecode(n, rate)).to.equal(labelOf(n, rate));
    }
  });

  for (const { label, rate, hourOne } of RATES) {
    for (const start of [undefined, hourOne]) {
      const at = `${label}, timecode start ${start === undefined ? 'none' : '01:00:00:00'}`;
      const notes = notesOf();
      const markers = roots(notes);
      const tcStart = start ?? 0;
      const input = { name: 'Reel 1', clips: [clipInput(rate, start, notes)] };

      it(`CMX 3600 EDL with locators (${at})`, () => {
        const edl = parseEdl(formatTimelineExport('edl', input));
        expect(edl.fcm).to.equal(rate.dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME');
        expect(edl.title).to.equal('Reel 1');
        expect(edl.events).to.have.length(1);
        const [e] = edl.events;
        expect([e.sourceIn, e.sourceOut, e.recordIn, e.recordOut]).to.deep.equal([
          labelOf(tcStart, rate),
          labelOf(tcStart + FRAME_COUNT, rate),
          labelOf(tcStart, rate),
          labelOf(tcStart + FRAME_COUNT, rate),
        ]);
        expect(e.clipName).to.equal('hm_010_0040 <v12> & co');
        expect(e.locators).to.deep.equal(
          markers.map((c) => ({ timecode: labelOf(tcStart + c.start, rate), color: 'RED', text: edlText(c, notes) })),
        );
        if (label === '29.97 DF') expect(e.locators[3].timecode).to.equal(start ? '01:01:00;02' : '00:01:00;02');
      });

      it(`DaVinci Resolve marker EDL (${at})`, () => {
        const { edl, markers: read } = parseResolveEdl(formatTimelineExport('resolve', input));
        expect(edl.fcm).to.equal(rate.dropFrame ? 'DROP FRAME' : 'NON-DROP FRAME');
        expect(read).to.deep.equal(
          markers.map((c) => {
            const n = tcStart + c.start;
            const name = nameOf(c).replace(/\s+/g, ' ');
            return {
              recordIn: labelOf(n, rate),
              recordOut: labelOf(n + 1, rate),
              note: edlText(c, notes).replace(/\|/g, '/'),
              color: 'Red',
              name: ([...name].length > 80 ? `${[...name].slice(0, 79).join('')}…` : name).replace(/\|/g, '/'),
              duration: 1,
            };
          }),
        );
      });

      for (const flavour of ['fcp7', 'premiere'] as const) {
        it(`${flavour === 'fcp7' ? 'Final Cut Pro 7 XML' : 'Premiere Pro (FCP 7 XML with pproColor)'} (${at})`, () => {
          const doc = xml(formatTimelineExport(flavour, input));
          expect(doc.documentElement.tagName).to.equal('xmeml');
          const seq = doc.querySelector('xmeml > sequence')!;
          expect(textOf(seq, 'name')).to.equal('Reel 1');
          expect(seq.querySelector(':scope > rate > timebase')?.textContent).to.equal(String(Math.round(rate.num / rate.den)));
          expect(seq.querySelector(':scope > rate > ntsc')?.textContent).to.equal(rate.den === 1001 ? 'TRUE' : 'FALSE');
          expect(seq.querySelector(':scope > timecode > string')?.textContent).to.equal(labelOf(tcStart, rate));
          expect(seq.querySelector(':scope > timecode > frame')?.textContent).to.equal(String(tcStart));
          expect(seq.querySelector(':scope > timecode > displayformat')?.textContent).to.equal(rate.dropFrame ? 'DF' : 'NDF');
          const read = [...seq.querySelectorAll(':scope > marker')].map((m) => ({
            name: textOf(m, 'name'),
            comment: textOf(m, 'comment'),
            in: Number(textOf(m, 'in')),
            out: Number(textOf(m, 'out')),
            color: textOf(m, 'pproColor'),
          }));
          expect(read).to.deep.equal(
            markers.map((c) => ({
              name: nameOf(c).replace(/\s+/g, ' '),
              comment: commentOf(c, notes).replace(/\r\n/g, '\n'),
              in: c.start,
              out: -1,
              color: flavour === 'premiere' ? '4281740498' : null,
            })),
          );
          const item = seq.querySelector('media > video > track > clipitem')!;
          expect(textOf(item, 'name')).to.equal('hm_010_0040 <v12> & co');
          expect([textOf(item, 'start'), textOf(item, 'end'), textOf(item, 'in'), textOf(item, 'out')]).to.deep.equal([
            '0',
            String(FRAME_COUNT),
            '0',
            String(FRAME_COUNT),
          ]);
          expect(item.querySelector('file > pathurl')?.textContent).to.equal('https://media.example/hm_010.mp4?a=1&b=2');
          expect(item.querySelector('file > timecode > string')?.textContent).to.equal(labelOf(tcStart, rate));
        });
      }

      it(`OpenTimelineIO (${at})`, () => {
        const { timeline, clips } = checkOtio(JSON.parse(formatTimelineExport('otio', input)));
        const fps = rate.num / rate.den;
        expect(timeline.global_start_time).to.deep.equal({ OTIO_SCHEMA: 'RationalTime.1', rate: fps, value: tcStart });
        expect(clips).to.have.length(1);
        const clip = clips[0] as { source_range: unknown; markers: Array<Record<string, unknown>> };
        expect(clip.source_range).to.deep.equal({
          OTIO_SCHEMA: 'TimeRange.1',
          start_time: { OTIO_SCHEMA: 'RationalTime.1', rate: fps, value: tcStart },
          duration: { OTIO_SCHEMA: 'RationalTime.1', rate: fps, value: FRAME_COUNT },
        });
        expect(clip.markers).to.deep.equal(
          markers.map((c) => ({
            OTIO_SCHEMA: 'Marker.2',
            metadata: {
              review_elements: {
                noteId: c.id,
                replyIds: notes.filter((r) => r.relatedToId === c.id).map((r) => r.id),
                frame: c.start,
                timecode: labelOf(tcStart + c.start, rate),
                author: author(c),
              },
            },
            name: nameOf(c),
            color: 'RED',
            marked_range: {
              OTIO_SCHEMA: 'TimeRange.1',
              start_time: { OTIO_SCHEMA: 'RationalTime.1', rate: fps, value: tcStart + c.start },
              duration: { OTIO_SCHEMA: 'RationalTime.1', rate: fps, value: 1 },
            },
            comment: commentOf(c, notes),
          })),
        );
      });
    }
  }

  it('colours markers by the review status: approved GREEN, not approved RED, another status YELLOW', () => {
    const notes = [note(5, 'a')];
    const rate = RATES[1].rate;
    const colours = (reviewStatus: string | undefined) => {
      const input = { name: 't', clips: [clipInput(rate, 0, notes, { reviewStatus })] };
      return [
        parseEdl(formatTimelineExport('edl', input)).events[0].locators[0].color,
        parseResolveEdl(formatTimelineExport('resolve', input)).markers[0].color,
        xml(formatTimelineExport('premiere', input)).querySelector('marker > pproColor')?.textContent,
        (checkOtio(JSON.parse(formatTimelineExport('otio', input))).clips[0].markers as Array<{ color: string }>)[0].color,
      ];
    };
    expect(colours('NOT_APPROVED')).to.deep.equal(['RED', 'Red', '4281740498', 'RED']);
    expect(colours('APPROVED')).to.deep.equal(['GREEN', 'Green', '4281828977', 'GREEN']);
    expect(colours('IN_PROGRESS')).to.deep.equal(['YELLOW', 'Yellow', '4281049552', 'YELLOW']);
  });

  it('a playlist is one timeline: clips one after another with consecutive record timecodes, each with its markers', () => {
    const rate = RATES[2].rate;
    const first = [note(1800, 'first clip note')];
    const second = [note(0, 'second clip head'), note(17982, 'second clip ten minutes')].map((c) => ({ ...c, mediaObjectId: 8 }));
    const input = {
      name: 'Client review 1',
      clips: [
        clipInput(rate, 107892, first, { frameCount: 2000 }),
        clipInput(rate, 0, second, { id: 8, name: 'hm_020', frameCount: 20000, reviewStatus: 'APPROVED' }),
      ],
    };
    const edl = parseEdl(formatTimelineExport('edl', input));
    expect(edl.events.map((e) => [e.number, e.sourceIn, e.sourceOut, e.recordIn, e.recordOut, e.clipName])).to.deep.equal([
      [1, '01:00:00;00', labelOf(107892 + 2000, rate), '01:00:00;00', labelOf(107892 + 2000, rate), 'hm_010_0040 <v12> & co'],
      [2, '00:00:00;00', labelOf(20000, rate), labelOf(107892 + 2000, rate), labelOf(107892 + 22000, rate), 'hm_020'],
    ]);
    // Locators carry the source timecode of their clip.
    expect(edl.events.map((e) => e.locators.map((l) => [l.timecode, l.color]))).to.deep.equal([
      [['01:01:00;02', 'RED']],
      [
        ['00:00:00;00', 'GREEN'],
        ['00:10:00;00', 'GREEN'],
      ],
    ]);
    // Resolve's markers sit on the timeline's record timecode.
    expect(parseResolveEdl(formatTimelineExport('resolve', input)).markers.map((m) => m.recordIn)).to.deep.equal([
      '01:01:00;02',
      labelOf(107892 + 2000, rate),
      labelOf(107892 + 2000 + 17982, rate),
    ]);
    const seq = xml(formatTimelineExport('fcp7', input)).querySelector('sequence')!;
    expect([...seq.querySelectorAll(':scope > marker > in')].map((m) => m.textContent)).to.deep.equal([
      '1800',
      '2000',
      String(2000 + 17982),
    ]);
    expect([...seq.querySelectorAll('clipitem')].map((c) => [textOf(c, 'start'), textOf(c, 'end')])).to.deep.equal([
      ['0', '2000'],
      ['2000', '22000'],
    ]);
    const { clips } = checkOtio(JSON.parse(formatTimelineExport('otio', input)));
    expect(clips.map((c) => c.name)).to.deep.equal(['hm_010_0040 <v12> & co', 'hm_020']);
    expect(
      clips.map((c) =>
        (c.markers as Array<{ marked_range: { start_time: { value: number } } }>).map((m) => m.marked_range.start_time.value),
      ),
    ).to.deep.equal([[107892 + 1800], [0, 17982]]);
  });

  it('a clip export is the clip as a timeline of its own, with the download extension of each format', () => {
    const notes = [note(36, 'at one second and a half')];
    const rate = RATES[0].rate;
    const edl = parseEdl(
      formatClipMarkers('edl', notes, {
        frameRate: rate,
        clipName: 'hm_010',
        frameCount: 96,
        timecodeStart: 86400,
        reviewStatus: 'NOT_APPROVED',
      }),
    );
    expect(edl.events[0].locators).to.deep.equal([
      { timecode: '01:00:01:12', color: 'RED', text: 'Sam Supervisor: at one second and a half' },
    ]);
    const formats: NleExportFormat[] = ['edl', 'fcp7', 'premiere', 'resolve', 'otio'];
    expect(formats.map((f) => exportFileName('hm 010/v12', f))).to.deep.equal([
      'hm_010_v12-comments.edl',
      'hm_010_v12-comments.xml',
      'hm_010_v12-comments.xml',
      'hm_010_v12-comments.edl',
      'hm_010_v12-comments.otio',
    ]);
    expect(EXPORT_EXTENSIONS.vtt).to.equal('vtt');
  });

  it('drops characters XML cannot hold and escapes the rest', () => {
    const notes = [note(1, "bell\u0007 and \uFFFF gone; <tag> & 'apos'")];
    const doc = xml(formatTimelineExport('fcp7', { name: 'a & b', clips: [clipInput(RATES[1].rate, 0, notes)] }));
    expect(doc.querySelector('sequence > marker > name')?.textContent).to.equal("Sam Supervisor: bell and  gone; <tag> & 'apos'");
    expect(doc.querySelector('sequence > name')?.textContent).to.equal('a & b');
  });
});
