/**
 * The review report (issue 25, docs/review-report.md): a PDF, or a printable HTML page, of a playlist's
 * review built in the browser through any `ReviewApi`. This module is all an entry point carries: the
 * builder (pdf-lib, the frame decoder, the drawing code) loads on the first call, through a dynamic import.
 */
import type { Id } from '../contract/types.js';
import type { ReviewApi } from '../contract/review-api.js';

export type { ReviewReport, ReviewReportFormat, ReviewReportOptions, ReviewReportProgress } from './options.js';
import type { ReviewReport, ReviewReportOptions } from './options.js';

/**
 * Builds a review report of playlist `playlistId`: per clip its status, version names and reason for review,
 * every note with its frame, timecode, author, date, replies, and a still of the frame with the note's
 * drawing burnt in. Rejects with the API's error when the playlist cannot be read; a clip whose media
 * cannot be decoded still lists its notes, each with "No picture: …".
 */
export async function createReviewReport(api: ReviewApi, playlistId: Id, options: ReviewReportOptions = {}): Promise<ReviewReport> {
  const { buildReviewReport } = await import('./build.js');
  return buildReviewReport(api, playlistId, options);
}
