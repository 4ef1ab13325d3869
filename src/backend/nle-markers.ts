/**
 * Notes as NLE timeline markers: pure writers of CMX 3600 EDL with locators, Final Cut Pro 7 XML, the FCP 7
 * XML variant Premiere Pro reads (with its marker colours), DaVinci Resolve's marker EDL and OpenTimelineIO.
 * A timeline holds one or more clips one after another (a clip export is a timeline of one, a playlist export
 * one clip per playlist entry, in order); each root note is a marker at its frame, its replies in the
 * marker's comment. docs/http-api.md, "Exports", says which NLE imports which file and how.
 *
 * Time: a note's `start` is a 0-based frame of its clip. The clip's source timecode is
 * `timecodeStart + start` at the clip's rate; the timeline starts at the first clip's `timecodeStart`
 * (00:00:00:00 without one) and each clip follows the previous one, so a single-clip timeline's record
 * timecode equals the clip's own timecode. Timecodes come from src/contract/timecode.ts (drop-frame right).
 */
import { markupToPlainText } from '../contract/markup.js';
import { isDropFrame, nominalFps, toTimecode } from '../contract/timecode.js';
import type { ClipAnnotation, FrameRate, Id, NleExportFormat } from '../contract/types.js';
import type { ExportOptions } from './export-formats.js';

/** One clip of an exported timeline. */
export interface TimelineClipInput {
  id: Id;
  /** The name shown to the caller (a client sees the client name when the production says so). */
  name: string;
  frameRate: FrameRate;
  /** Frames of the clip; its event on the timeline is this long. */
  frameCount: number;
  /** Source timecode of frame 0, in frames (Clip.timecodeStart); absent is 0. */
  timecodeStart?: number;
  mediaUrl?: string;
  /** The clip's review status (MediaObjectAnnotation.reviewStatus); it colours the markers. */
  reviewStatus?: string;
  /** The notes of the clip the caller may see. */
  comments: readonly ClipAnnotation[];
}

export interface TimelineInput {
  name: string;
  clips: readonly TimelineClipInput[];
}

/** OpenTimelineIO's marker colours (opentimelineio/marker.h, `Marker::Color`) that the exports use. */
export type MarkerColor = 'RED' | 'GREEN' | 'YELLOW';

/**
 * The colour of a clip's markers, from its review status: notes carry no status of their own (types.ts,
 * ClipAnnotation), so an approved clip's notes are done (GREEN), a not-approved clip's notes are open
 * (RED), and any other status of the production's list (or none) is YELLOW, "in progress".
 */
export function markerColorOf(reviewStatus: string | undefined): MarkerColor {
  if (reviewStatus === 'APPROVED') return 'GREEN';
  if (reviewStatus === 'NOT_APPROVED') return 'RED';
  return 'YELLOW';
}

/** A marker of the timeline: one root note (or a reply whose root is not in the list) with its replies. */
export interface TimelineMarker {
  noteId: Id;
  /** Ids of the replies folded into the comment. */
  replyIds: Id[];
  clipId: Id;
  /** The note's frame in its clip (ClipAnnotation.start). */
  frame: number;
  /** Source timecode frame count: `timecodeStart + frame`. */
  sourceFrame: number;
  /** Frame on the timeline from its start (0-based). */
  timelineFrame: number;
  /** Record timecode frame count: timeline start + `timelineFrame`. */
  recordFrame: number;
  author: string;
  /** `Author: text` of the note, plain text (markup resolved), line breaks kept. */
  name: string;
  /** The name followed by each reply as `↳ Author: text` on its own line. */
  comment: string;
  /** `Author: text` of the note and of each reply. */
  texts: string[];
  color: MarkerColor;
}

export interface TimelineEvent {
  clip: TimelineClipInput;
  /** Frame on the timeline where the clip starts. */
  timelineIn: number;
  sourceIn: number;
  recordIn: number;
  markers: TimelineMarker[];
}

export interface TimelineLayout {
  name: string;
  /** The timeline's rate: the first clip's. */
  frameRate: FrameRate;
  /** Record timecode of the timeline's first frame, in frames. */
  recordStart: number;
  duration: number;
  events: TimelineEvent[];
}

const authorOf = (c: ClipAnnotation) => c.creatorName ?? `User ${c.creatorId}`;
const noteText = (c: ClipAnnotation) => `${authorOf(c)}: ${markupToPlainText(c.description).trim()}`;
const byFrame = (a: ClipAnnotation, b: ClipAnnotation) => a.start - b.start || a.created.localeCompare(b.created) || a.id - b.id;

/**
 * Where each clip and marker sits on the timeline. A clip at another rate than the first clip's is placed
 * with its length and note frames converted to the timeline's rate (rounded to the nearest frame).
 */
export function layoutTimeline(input: TimelineInput): TimelineLayout {
  const first = input.clips[0];
  const frameRate = first?.frameRate ?? { num: 24, den: 1, dropFrame: false };
  const recordStart = first?.timecodeStart ?? 0;
  let position = 0;
  const events = input.clips.map((clip): TimelineEvent => {
    const scale = (frames: number) =>
      clip.frameRate.num === frameRate.num && clip.frameRate.den === frameRate.den
        ? frames
        : Math.round((frames * frameRate.num * clip.frameRate.den) / (frameRate.den * clip.frameRate.num));
    const sourceIn = clip.timecodeStart ?? 0;
    const timelineIn = position;
    position += scale(Math.max(1, clip.frameCount));
    const visible = clip.comments.filter((c) => !c.customFields?.deleted || c.relatedToId == null);
    const roots = visible.filter((c) => c.relatedToId == null);
    const rootIds = new Set(roots.map((c) => c.id));
    const orphans = visible.filter((c) => c.relatedToId != null && !rootIds.has(c.relatedToId));
    const color = markerColorOf(clip.reviewStatus);
    const markers = [...roots, ...orphans]
      // A tombstone (a deleted root kept for its replies) marks nothing unless replies remain.
      .filter((c) => !c.customFields?.deleted || visible.some((r) => r.relatedToId === c.id))
      .sort(byFrame)
      .map((c): TimelineMarker => {
        const replies = c.relatedToId == null ? visible.filter((r) => r.relatedToId === c.id).sort(byFrame) : [];
        const name = c.customFields?.deleted ? '(deleted note)' : noteText(c);
        const timelineFrame = timelineIn + scale(c.start);
        return {
          noteId: c.id,
          replyIds: replies.map((r) => r.id),
          clipId: clip.id,
          frame: c.start,
          sourceFrame: sourceIn + c.start,
          timelineFrame,
          recordFrame: recordStart + timelineFrame,
          author: authorOf(c),
          name,
          comment: [name, ...replies.map((r) => `↳ ${noteText(r)}`)].join('\n'),
          texts: [name, ...replies.map(noteText)],
          color,
        };
      });
    return { clip, timelineIn, sourceIn, recordIn: recordStart + timelineIn, markers };
  });
  return { name: input.name, frameRate, recordStart, duration: position, events };
}

// — text made safe —

/** Characters XML 1.0 does not allow (controls other than tab, LF, CR; U+FFFE, U+FFFF; lone surrogates). */
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The longest locator or marker text an EDL line carries, in characters; longer text ends with `…`. */
export const EDL_TEXT_LIMIT = 200;

/** One line of text: line breaks and controls become spaces, runs of spaces one, cut at `limit` characters. */
export function oneLine(text: string, limit = EDL_TEXT_LIMIT): string {
  const flat = text
    .replace(/[\u0000-\u001F\u007F\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...flat];
  return chars.length > limit ? `${chars.slice(0, limit - 1).join('')}…` : flat;
}

/** A marker's text on one EDL line: the note, then each reply after ` / `. */
export function edlMarkerText(m: TimelineMarker): string {
  return oneLine(m.texts.join(' / '));
}

// — CMX 3600 EDL —

/** EDL titles and clip names: one line, no longer than an EDL reader expects. */
const edlTitle = (name: string) => oneLine(name, 70) || 'Untitled';

function edlHeader(layout: TimelineLayout): string[] {
  return [`TITLE: ${edlTitle(layout.name)}`, `FCM: ${isDropFrame(layout.frameRate) ? 'DROP FRAME' : 'NON-DROP FRAME'}`, ''];
}

function eventLine(
  n: number,
  reel: string,
  sourceIn: number,
  sourceOut: number,
  recordIn: number,
  recordOut: number,
  rate: FrameRate,
  recordRate: FrameRate,
): string {
  return `${String(n).padStart(3, '0')}  ${reel.padEnd(8)} V     C        ${toTimecode(sourceIn, rate)} ${toTimecode(sourceOut, rate)} ${toTimecode(recordIn, recordRate)} ${toTimecode(recordOut, recordRate)}`;
}

/**
 * CMX 3600 EDL, one video event per clip (reel `AX`, the clip's name on a `* FROM CLIP NAME:` line), each
 * followed by its notes as locators: `* LOC: 01:00:01:12 RED     Sam Supervisor: text`. The locator's
 * timecode is the clip's source timecode, as OpenTimelineIO's cmx_3600 adapter writes and reads it
 * (`* LOC: {timecode} {color:7} {name}`); Avid Media Composer imports the locators as markers.
 */
export function toCmx3600Edl(input: TimelineInput): string {
  const layout = layoutTimeline(input);
  const lines = edlHeader(layout);
  layout.events.forEach((e, i) => {
    const length = Math.max(1, e.clip.frameCount);
    const recordOut = layout.recordStart + (layout.events[i + 1]?.timelineIn ?? layout.duration);
    lines.push(eventLine(i + 1, 'AX', e.sourceIn, e.sourceIn + length, e.recordIn, recordOut, e.clip.frameRate, layout.frameRate));
    lines.push(`* FROM CLIP NAME:  ${edlTitle(e.clip.name)}`);
    for (const m of e.markers) lines.push(`* LOC: ${toTimecode(m.sourceFrame, e.clip.frameRate)} ${m.color.padEnd(7)} ${edlMarkerText(m)}`);
    lines.push('');
  });
  return lines.join('\n');
}

/** DaVinci Resolve's marker colour names (the `|C:ResolveColor…` of its marker EDL). */
const RESOLVE_COLORS: Record<MarkerColor, string> = { RED: 'Red', GREEN: 'Green', YELLOW: 'Yellow' };

/**
 * The marker EDL DaVinci Resolve writes (Timelines > Export > Timeline Markers to EDL) and reads (Timelines
 * > Import > Timeline Markers from EDL): each marker a one-frame event at its record timecode, followed by
 * `note |C:ResolveColorRed |M:name |D:1`. The text before the first `|` is the marker's note, `|M:` its
 * name, `|D:` its duration in frames; `|` in the text is replaced by `/`.
 */
export function toResolveMarkerEdl(input: TimelineInput): string {
  const layout = layoutTimeline(input);
  const lines = edlHeader(layout);
  const rate = layout.frameRate;
  let n = 0;
  for (const e of layout.events) {
    for (const m of e.markers) {
      n++;
      lines.push(eventLine(n, '001', m.recordFrame, m.recordFrame + 1, m.recordFrame, m.recordFrame + 1, rate, rate));
      const safe = (t: string) => t.replace(/\|/g, '/');
      lines.push(`${safe(edlMarkerText(m))} |C:ResolveColor${RESOLVE_COLORS[m.color]} |M:${safe(oneLine(m.name, 80))} |D:1`);
      lines.push('');
    }
  }
  return lines.join('\n');
}

// — Final Cut Pro 7 XML (xmeml) and Premiere —

/**
 * Premiere Pro's marker colours in FCP 7 XML (`<pproColor>`: the colour as an integer 0xAABBGGRR, the values
 * Premiere writes for its Red, Green and Yellow markers; 4281740498 = 0xFF362CD2 is red #d22c36).
 */
export const PREMIERE_COLORS: Record<MarkerColor, number> = { RED: 4281740498, GREEN: 4281828977, YELLOW: 4281049552 };

function xmlRate(rate: FrameRate): string {
  return `<rate><timebase>${nominalFps(rate)}</timebase><ntsc>${rate.den === 1001 ? 'TRUE' : 'FALSE'}</ntsc></rate>`;
}

function xmlTimecode(frame: number, rate: FrameRate): string {
  return `<timecode>${xmlRate(rate)}<string>${toTimecode(frame, rate)}</string><frame>${frame}</frame><displayformat>${isDropFrame(rate) ? 'DF' : 'NDF'}</displayformat></timecode>`;
}

/**
 * Final Cut Pro 7 XML (xmeml version 4): a sequence with one video track, a clipitem per clip, and the
 * notes as sequence markers (`<marker>` with `name`, `comment`, `in` = timeline frame, `out` = -1 for a
 * point marker). `premiere` adds Premiere Pro's `<pproColor>` to each marker, the variant Premiere reads
 * with colours (File > Import; Premiere imports markers from FCP 7 XML, not from its marker CSV).
 */
export function toFcp7Xml(input: TimelineInput, flavour: 'fcp7' | 'premiere' = 'fcp7'): string {
  const layout = layoutTimeline(input);
  const rate = layout.frameRate;
  const i1 = '  ';
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<!DOCTYPE xmeml>', '<xmeml version="4">'];
  out.push(`${i1}<sequence id="sequence-1">`);
  out.push(`${i1}${i1}<name>${xmlText(layout.name)}</name>`);
  out.push(`${i1}${i1}<duration>${layout.duration}</duration>`);
  out.push(`${i1}${i1}${xmlRate(rate)}`);
  out.push(`${i1}${i1}${xmlTimecode(layout.recordStart, rate)}`);
  for (const e of layout.events) {
    for (const m of e.markers) {
      const color = flavour === 'premiere' ? `<pproColor>${PREMIERE_COLORS[m.color]}</pproColor>` : '';
      out.push(
        `${i1}${i1}<marker><name>${xmlText(oneLine(m.name, 500))}</name><comment>${xmlText(m.comment)}</comment><in>${m.timelineFrame}</in><out>-1</out>${color}</marker>`,
      );
    }
  }
  out.push(`${i1}${i1}<media>`, `${i1}${i1}${i1}<video>`, `${i1}${i1}${i1}${i1}<track>`);
  layout.events.forEach((e, i) => {
    const length = Math.max(1, e.clip.frameCount);
    const end = layout.events[i + 1]?.timelineIn ?? layout.duration;
    const crate = e.clip.frameRate;
    out.push(
      `${i1.repeat(5)}<clipitem id="clipitem-${i + 1}"><name>${xmlText(e.clip.name)}</name><duration>${length}</duration>${xmlRate(crate)}` +
        `<start>${e.timelineIn}</start><end>${end}</end><in>0</in><out>${length}</out>` +
        `<file id="file-${i + 1}"><name>${xmlText(e.clip.name)}</name>${e.clip.mediaUrl ? `<pathurl>${xmlText(e.clip.mediaUrl)}</pathurl>` : ''}` +
        `${xmlRate(crate)}<duration>${length}</duration>${xmlTimecode(e.sourceIn, crate)}</file></clipitem>`,
    );
  });
  out.push(`${i1}${i1}${i1}${i1}</track>`, `${i1}${i1}${i1}</video>`, `${i1}${i1}</media>`, `${i1}</sequence>`, '</xmeml>', '');
  return out.join('\n');
}

// — OpenTimelineIO —

/**
 * The OTIO_SCHEMA versions written: OpenTimelineIO's release label 0.17.0 (src/opentimelineio/CORE_VERSION_MAP.cpp),
 * which later versions read (a newer schema version upgrades the older one on read).
 */
export const OTIO_SCHEMAS = {
  timeline: 'Timeline.1',
  stack: 'Stack.1',
  track: 'Track.1',
  clip: 'Clip.2',
  marker: 'Marker.2',
  externalReference: 'ExternalReference.1',
  missingReference: 'MissingReference.1',
  rationalTime: 'RationalTime.1',
  timeRange: 'TimeRange.1',
} as const;

/** The metadata namespace of the notes in an OTIO file. */
export const OTIO_METADATA_KEY = 'review_elements';

interface OtioRationalTime {
  OTIO_SCHEMA: 'RationalTime.1';
  rate: number;
  value: number;
}
interface OtioTimeRange {
  OTIO_SCHEMA: 'TimeRange.1';
  start_time: OtioRationalTime;
  duration: OtioRationalTime;
}

const rt = (value: number, rate: FrameRate): OtioRationalTime => ({ OTIO_SCHEMA: 'RationalTime.1', rate: rate.num / rate.den, value });
const range = (start: number, duration: number, rate: FrameRate): OtioTimeRange => ({
  OTIO_SCHEMA: 'TimeRange.1',
  start_time: rt(start, rate),
  duration: rt(duration, rate),
});

/**
 * OpenTimelineIO JSON: Timeline.1 → Stack.1 → one Track.1 (Video) → a Clip.2 per clip, its source range the
 * clip's timecode span, its notes as Marker.2 (`marked_range` one frame at the source timecode, rate the
 * clip's, `color` by review status, `name` the note, `comment` with the replies, and `metadata.review_elements`
 * with the note id, frame, author and timecode). Fields as OpenTimelineIO's serializers write them
 * (src/opentimelineio/{timeline,stack,track,clip,item,marker,externalReference}.cpp).
 */
export function toOtio(input: TimelineInput): string {
  const layout = layoutTimeline(input);
  const rate = layout.frameRate;
  const clips = layout.events.map((e) => {
    const crate = e.clip.frameRate;
    const length = Math.max(1, e.clip.frameCount);
    const available = range(e.sourceIn, length, crate);
    return {
      OTIO_SCHEMA: OTIO_SCHEMAS.clip,
      metadata: { [OTIO_METADATA_KEY]: { clipId: e.clip.id, reviewStatus: e.clip.reviewStatus ?? null } },
      name: e.clip.name,
      source_range: available,
      effects: [],
      markers: e.markers.map((m) => ({
        OTIO_SCHEMA: OTIO_SCHEMAS.marker,
        metadata: {
          [OTIO_METADATA_KEY]: {
            noteId: m.noteId,
            replyIds: m.replyIds,
            frame: m.frame,
            timecode: toTimecode(m.sourceFrame, crate),
            author: m.author,
          },
        },
        name: m.name,
        color: m.color,
        marked_range: range(m.sourceFrame, 1, crate),
        comment: m.comment,
      })),
      enabled: true,
      media_references: {
        DEFAULT_MEDIA: e.clip.mediaUrl
          ? {
              OTIO_SCHEMA: OTIO_SCHEMAS.externalReference,
              metadata: {},
              name: e.clip.name,
              available_range: available,
              available_image_bounds: null,
              target_url: e.clip.mediaUrl,
            }
          : {
              OTIO_SCHEMA: OTIO_SCHEMAS.missingReference,
              metadata: {},
              name: e.clip.name,
              available_range: available,
              available_image_bounds: null,
            },
      },
      active_media_reference_key: 'DEFAULT_MEDIA',
    };
  });
  const timeline = {
    OTIO_SCHEMA: OTIO_SCHEMAS.timeline,
    metadata: {},
    name: layout.name,
    global_start_time: rt(layout.recordStart, rate),
    tracks: {
      OTIO_SCHEMA: OTIO_SCHEMAS.stack,
      metadata: {},
      name: 'tracks',
      source_range: null,
      effects: [],
      markers: [],
      enabled: true,
      children: [
        {
          OTIO_SCHEMA: OTIO_SCHEMAS.track,
          metadata: {},
          name: 'V1',
          source_range: null,
          effects: [],
          markers: [],
          enabled: true,
          children: clips,
          kind: 'Video',
        },
      ],
    },
  };
  return JSON.stringify(timeline, null, 2) + '\n';
}

/** The file text of a timeline in an NLE format. */
export function formatTimelineExport(format: NleExportFormat, input: TimelineInput): string {
  switch (format) {
    case 'edl':
      return toCmx3600Edl(input);
    case 'fcp7':
      return toFcp7Xml(input, 'fcp7');
    case 'premiere':
      return toFcp7Xml(input, 'premiere');
    case 'resolve':
      return toResolveMarkerEdl(input);
    case 'otio':
      return toOtio(input);
  }
}

/**
 * A clip's notes in an NLE format: the clip as a timeline of its own (`formatTimelineExport`), long enough
 * to hold its last note when `options.frameCount` is not given.
 */
export function formatClipMarkers(format: NleExportFormat, comments: readonly ClipAnnotation[], options: ExportOptions): string {
  const lastFrame = comments.reduce((n, c) => Math.max(n, c.end), 1);
  return formatTimelineExport(format, {
    name: options.clipName ?? 'Notes',
    clips: [
      {
        id: options.clipId ?? comments[0]?.mediaObjectId ?? 0,
        name: options.clipName ?? 'Notes',
        frameRate: options.frameRate,
        frameCount: Math.max(options.frameCount ?? 0, lastFrame),
        timecodeStart: options.timecodeStart,
        mediaUrl: options.mediaUrl,
        reviewStatus: options.reviewStatus,
        comments,
      },
    ],
  });
}
