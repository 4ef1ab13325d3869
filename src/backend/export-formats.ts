/**
 * Pure formatters of a clip's comments as WebVTT, SRT, CSV and JSON (the NLE marker formats, CMX 3600 EDL,
 * Final Cut Pro 7 XML, Premiere, Resolve EDL and OpenTimelineIO, are in nle-markers.ts, which
 * MemoryReviewApi loads on demand). Shared by MemoryReviewApi and the reference server (`GET /production/:pid/mo/:moId/comments/export?format=…`),
 * so both give the same file. A comment covers its one frame: cue start = `start / fps`, cue end =
 * `end / fps`, with rational fps.
 */
import { markupToPlainText } from '../contract/markup.js';
import type { ClipAnnotation, DataExportFormat, ExportFormat, FrameRate, Id } from '../contract/types.js';
import type { InternalNotesInExport } from '../contract/review-api.js';

export interface ExportOptions {
  frameRate: FrameRate;
  /** Name of the clip, written in headers. */
  clipName?: string;
  /** The NLE formats' clip: its id, length, source timecode of frame 0 (frames), media and review status. */
  clipId?: Id;
  frameCount?: number;
  timecodeStart?: number;
  mediaUrl?: string;
  reviewStatus?: string;
}

/** Seconds at the start of `frame`, from a rational rate (exact for 24000/1001). */
export function frameToSeconds(frame: number, rate: FrameRate): number {
  return (frame * rate.den) / rate.num;
}

function clock(seconds: number, decimalSeparator: '.' | ','): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${decimalSeparator}${pad(ms % 1000, 3)}`;
}

/** Roots in frame order, each followed by its replies in creation order (reading order of a thread). */
function threaded(comments: readonly ClipAnnotation[]): ClipAnnotation[] {
  const byTime = (a: ClipAnnotation, b: ClipAnnotation) => a.start - b.start || a.created.localeCompare(b.created) || a.id - b.id;
  const byCreation = (a: ClipAnnotation, b: ClipAnnotation) => a.created.localeCompare(b.created) || a.id - b.id;
  const roots = comments.filter((c) => c.relatedToId == null).sort(byTime);
  const rootIds = new Set(roots.map((c) => c.id));
  const replies = new Map<number, ClipAnnotation[]>();
  const orphans: ClipAnnotation[] = [];
  for (const c of comments) {
    if (c.relatedToId == null) continue;
    if (rootIds.has(c.relatedToId)) replies.set(c.relatedToId, [...(replies.get(c.relatedToId) ?? []), c]);
    // A reply whose root is not in the list still belongs in the file.
    else orphans.push(c);
  }
  const out: ClipAnnotation[] = [];
  for (const root of roots) out.push(root, ...(replies.get(root.id) ?? []).sort(byCreation));
  return out.concat(orphans.sort(byTime));
}

function cueText(c: ClipAnnotation): string {
  const who = c.creatorName ?? `User ${c.creatorId}`;
  const prefix = c.relatedToId != null ? '↳ ' : '';
  return `${prefix}${who}: ${markupToPlainText(c.description)}`.trim();
}

export function toWebVtt(comments: readonly ClipAnnotation[], options: ExportOptions): string {
  // "-->" and blank lines would end a cue early in WebVTT.
  const safe = (t: string) => t.replace(/-->/g, '->').replace(/\n\s*\n/g, '\n');
  const header = options.clipName ? `WEBVTT - ${options.clipName.replace(/[\r\n]|-->/g, ' ')}` : 'WEBVTT';
  const cues = threaded(comments).map((c) => {
    const from = clock(frameToSeconds(c.start, options.frameRate), '.');
    const to = clock(frameToSeconds(c.end, options.frameRate), '.');
    return `comment-${c.id}\n${from} --> ${to}\n${safe(cueText(c))}`;
  });
  return [header, ...cues].join('\n\n') + '\n';
}

export function toSrt(comments: readonly ClipAnnotation[], options: ExportOptions): string {
  const safe = (t: string) => t.replace(/\n\s*\n/g, '\n');
  return threaded(comments)
    .map((c, i) => {
      const from = clock(frameToSeconds(c.start, options.frameRate), ',');
      const to = clock(frameToSeconds(c.end, options.frameRate), ',');
      return `${i + 1}\n${from} --> ${to}\n${safe(cueText(c))}\n`;
    })
    .join('\n');
}

/** RFC 4180 cell; a leading `= + - @` is neutralised so spreadsheets do not run it as a formula. */
function csvCell(value: string | number | boolean | null): string {
  let text = value == null ? '' : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = [
  'id',
  'frame',
  'seconds',
  'author',
  'reply_to',
  'internal',
  'tags',
  'created',
  'modified',
  'description',
] as const;

export function toCsv(comments: readonly ClipAnnotation[], options: ExportOptions): string {
  const rows = threaded(comments).map((c) =>
    [
      c.id,
      c.start,
      Number(frameToSeconds(c.start, options.frameRate).toFixed(3)),
      c.creatorName ?? String(c.creatorId),
      c.relatedToId,
      !!c.customFields?.internal,
      c.tags.join(' '),
      c.created,
      c.modified,
      markupToPlainText(c.description),
    ]
      .map(csvCell)
      .join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

export function toJson(comments: readonly ClipAnnotation[]): string {
  return JSON.stringify(threaded(comments), null, 2) + '\n';
}

/** The file text of `comments` in `format`. */
export function formatCommentsExport(format: DataExportFormat, comments: readonly ClipAnnotation[], options: ExportOptions): string {
  switch (format) {
    case 'vtt':
      return toWebVtt(comments, options);
    case 'srt':
      return toSrt(comments, options);
    case 'csv':
      return toCsv(comments, options);
    case 'json':
      return toJson(comments);
  }
}

/**
 * The notes of an export with the internal ones (`customFields.internal`) marked or left out
 * (`InternalNotesInExport`, docs/http-api.md "Exports"): `omit` drops them and the replies in their threads;
 * `mark` starts their text with `[Internal]` in the formats whose text is all a reader sees (subtitles and NLE
 * markers), while CSV and JSON keep the text and carry the flag as data (the `internal` column, `customFields`).
 */
export function withInternalNotes(
  comments: readonly ClipAnnotation[],
  mode: InternalNotesInExport,
  format: ExportFormat,
): ClipAnnotation[] {
  const internal = (c: ClipAnnotation) => !!c.customFields?.internal;
  if (mode === 'omit') {
    const hiddenRoots = new Set(comments.filter((c) => internal(c) && c.relatedToId == null).map((c) => c.id));
    return comments.filter((c) => !internal(c) && !(c.relatedToId != null && hiddenRoots.has(c.relatedToId)));
  }
  if (format === 'csv' || format === 'json') return [...comments];
  return comments.map((c) => (internal(c) ? { ...c, description: `[Internal] ${c.description}` } : c));
}

/** The `internal` query value of an export, checked: absent is `mark`. */
export function internalNotesMode(value: unknown): InternalNotesInExport | null {
  if (value === undefined || value === null || value === '') return 'mark';
  return value === 'mark' || value === 'omit' ? value : null;
}

/** The options of a clip's export file, from the clip as the caller sees it (its shown name, rate, timecode). */
export function exportOptionsOf(shown: {
  id: Id;
  name: string;
  frameRate: FrameRate;
  frameCount: number;
  timecodeStart?: number;
  mediaUrl?: string;
  reviewStatus?: string;
}): ExportOptions {
  const { frameRate, name: clipName, id: clipId, frameCount, timecodeStart, mediaUrl, reviewStatus } = shown;
  return { frameRate, clipName, clipId, frameCount, timecodeStart, mediaUrl, reviewStatus };
}
