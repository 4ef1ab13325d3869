/**
 * Builds a review report (docs/review-report.md): reads the playlist, each clip, its status and every note
 * through the `ReviewApi`, takes a still of each note's frame, then writes the PDF (pdf.ts, pdf-lib) or the
 * HTML page (html.ts). Loaded on demand by `createReviewReport` (index.ts).
 */
import type { ReviewApi } from '../contract/review-api.js';
import type { Clip, ClipAnnotation, Id, ProductionSettings, ReviewStatusOption } from '../contract/types.js';
import { DEFAULT_STATUS_VALUES } from '../contract/types.js';
import { markupToPlainText } from '../contract/markup.js';
import { toTimecode } from '../media/frame-math.js';
import { isStill } from '../media/still.js';
import { parseDrawing } from '../drawing/geometry.js';
import { getLocale } from '../i18n/index.js';
import { reportLabels } from './labels.js';
import type { ReportClip, ReportData, ReportNote, ReportReply, ReportStatus } from './model.js';
import { openFrameSource, renderStill } from './stills.js';
import type { ReviewReport, ReviewReportOptions } from './options.js';

const PAGE_SIZE = 1000;

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The report was cancelled', 'AbortError');
}

/** Every comment of a clip, in pages, ordered by frame. */
async function allComments(api: ReviewApi, clipId: Id, signal: AbortSignal | undefined): Promise<ClipAnnotation[]> {
  const items: ClipAnnotation[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await api.searchComments({ mediaObjectId: clipId, sort: 'start ASC', offset, limit: PAGE_SIZE }, { signal });
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

function statusOf(id: string | null, options: readonly ReviewStatusOption[]): ReportStatus | null {
  if (!id) return null;
  const option = options.find((o) => o.id === id);
  return { id, label: option?.label ?? id, color: option?.color ?? null };
}

function authorOf(c: ClipAnnotation): string {
  return c.creatorName?.trim() || `#${c.creatorId}`;
}

/** Root notes by frame (then time), each with its replies by time. */
function threads(comments: readonly ClipAnnotation[]): Array<{ root: ClipAnnotation; replies: ClipAnnotation[] }> {
  const roots = comments.filter((c) => c.relatedToId === null);
  const byRoot = new Map<Id, ClipAnnotation[]>();
  for (const c of comments) {
    if (c.relatedToId === null) continue;
    const list = byRoot.get(c.threadGroupId) ?? [];
    list.push(c);
    byRoot.set(c.threadGroupId, list);
  }
  const byTime = (a: ClipAnnotation, b: ClipAnnotation) => a.created.localeCompare(b.created) || a.id - b.id;
  return roots
    .sort((a, b) => a.start - b.start || byTime(a, b))
    .map((root) => ({ root, replies: (byRoot.get(root.id) ?? []).sort(byTime) }))
    .filter(({ root, replies }) => !root.customFields.deleted || replies.length > 0);
}

async function readClip(
  api: ReviewApi,
  clipId: Id,
  settings: ProductionSettings | null,
  options: ReviewReportOptions,
): Promise<ReportClip> {
  const { signal } = options;
  let clip: Clip;
  try {
    clip = await api.getClip(clipId, { signal });
  } catch (e) {
    throwIfAborted(signal);
    const placeholder: Clip = {
      id: clipId,
      name: `#${clipId}`,
      clientName: null,
      reasonForReview: '',
      media: { url: '', mimeType: '', width: 0, height: 0, frameCount: 0, frameRate: { num: 24, den: 1, dropFrame: false } },
      sourceUrl: null,
      thumbnailUrl: null,
    };
    return { clip: placeholder, status: null, notes: [], error: errorText(e) };
  }
  const statusOptions = settings?.reviewStatusConfig.possibleValues ?? DEFAULT_STATUS_VALUES;
  const [moa, comments] = await Promise.all([
    api.getMediaObjectAnnotation(clipId, { signal }).catch(() => null),
    allComments(api, clipId, signal),
  ]);
  const still = isStill(clip.media);
  const noteThreads = threads(comments);
  const notes: ReportNote[] = noteThreads.map(({ root, replies }) => ({
    frame: still ? null : root.start,
    timecode: still ? null : toTimecode(root.start, clip.media.frameRate),
    author: authorOf(root),
    created: root.created,
    text: root.customFields.deleted ? '' : markupToPlainText(root.description),
    internal: root.customFields.internal === true,
    deleted: root.customFields.deleted === true,
    hasDrawing: parseDrawing(root.customFields.drawing) !== null,
    still: null,
    stillError: null,
    replies: replies.map((r): ReportReply => ({
      author: authorOf(r),
      created: r.created,
      text: markupToPlainText(r.description),
      internal: r.customFields.internal === true,
    })),
  }));
  const roots = noteThreads.map((t) => t.root);
  if (notes.length > 0) await addStills(clip, roots, notes, options);
  return { clip, status: statusOf(moa?.reviewStatus ?? null, statusOptions), notes, error: null };
}

/** A still per note; when the media cannot be read, every note of the clip says why instead. */
async function addStills(clip: Clip, roots: readonly ClipAnnotation[], notes: ReportNote[], options: ReviewReportOptions): Promise<void> {
  const width = options.stillWidth ?? 640;
  let source: Awaited<ReturnType<typeof openFrameSource>>;
  try {
    if (!clip.media.url) throw new Error('the clip has no media');
    source = await openFrameSource(clip.media, options.decoder);
  } catch (e) {
    for (const note of notes) note.stillError = errorText(e);
    return;
  }
  try {
    for (const [i, note] of notes.entries()) {
      throwIfAborted(options.signal);
      const root = roots[i];
      try {
        note.still = await renderStill(source, root.start, width, parseDrawing(root.customFields.drawing), root.spatial);
      } catch (e) {
        note.stillError = errorText(e);
      }
    }
  } finally {
    source.close();
  }
}

/** A file name from the playlist's name: letters, digits, `-` and `_` kept, the rest `_`. */
function fileNameOf(name: string, extension: string): string {
  const base =
    name
      .normalize('NFKC')
      .replace(/[^\p{L}\p{N}_-]+/gu, '_')
      .replace(/^_+|_+$/g, '') || 'playlist';
  return `${base.slice(0, 80)}-review-report.${extension}`;
}

export async function buildReviewReport(api: ReviewApi, playlistId: Id, given: ReviewReportOptions = {}): Promise<ReviewReport> {
  // Dates as the words: in the UI locale, or the browser's own when the UI is in English (en-GB, en-US…).
  const options = { ...given, locale: given.locale ?? (getLocale() === 'en' ? undefined : getLocale()) };
  const { signal, onProgress } = options;
  const labels = reportLabels();
  const [playlist, settings] = await Promise.all([api.getPlaylist(playlistId, { signal }), api.getSettings({ signal }).catch(() => null)]);
  const clips: ReportClip[] = [];
  for (const [i, clipId] of playlist.clipIds.entries()) {
    throwIfAborted(signal);
    onProgress?.({
      phase: 'clips',
      clip: i + 1,
      clips: playlist.clipIds.length,
      message: labels.preparing(i + 1, playlist.clipIds.length),
    });
    clips.push(await readClip(api, clipId, settings, options));
  }
  throwIfAborted(signal);
  onProgress?.({ phase: 'writing', clip: clips.length, clips: clips.length, message: labels.writing });

  const statusOptions = settings?.reviewStatusConfig.possibleValues ?? DEFAULT_STATUS_VALUES;
  const counts = new Map<string, { status: ReportStatus; count: number }>();
  for (const option of statusOptions) counts.set(option.id, { status: statusOf(option.id, statusOptions)!, count: 0 });
  for (const c of clips) {
    if (!c.status) continue;
    const entry = counts.get(c.status.id) ?? { status: c.status, count: 0 };
    entry.count++;
    counts.set(c.status.id, entry);
  }
  const data: ReportData = {
    playlist,
    generated: new Date().toISOString(),
    locale: options.locale,
    clips,
    statusCounts: [...counts.values()].filter((e) => e.count > 0),
    noteCount: clips.reduce((n, c) => n + c.notes.length, 0),
  };
  const missingStills = clips.reduce((n, c) => n + c.notes.filter((note) => !note.still).length, 0);
  const summary = { clips: clips.length, notes: data.noteCount, missingStills };
  if (options.format === 'html') {
    const { writeReportHtml } = await import('./html.js');
    const text = await writeReportHtml(data, labels);
    return {
      blob: new Blob([text], { type: 'text/html' }),
      fileName: fileNameOf(playlist.name, 'html'),
      replacedCharacters: 0,
      ...summary,
    };
  }
  const { writeReportPdf } = await import('./pdf.js');
  const { bytes, replacedCharacters } = await writeReportPdf(data, labels);
  return {
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
    fileName: fileNameOf(playlist.name, 'pdf'),
    replacedCharacters,
    ...summary,
  };
}
