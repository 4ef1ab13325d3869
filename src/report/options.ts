/** What a review report is asked for and what it gives (`createReviewReport`, docs/review-report.md). */
export type ReviewReportFormat = 'pdf' | 'html';

/** Where the report is: sent to `onProgress` as it is built. */
export interface ReviewReportProgress {
  /** `clips` while clips are read (1-based `clip` of `clips`), then `writing`. */
  phase: 'clips' | 'writing';
  clip: number;
  clips: number;
  /** "Preparing report — clip 2 of 5", in the UI locale. */
  message: string;
}

export interface ReviewReportOptions {
  /** `pdf` (default) or `html`: a printable page with the stills inline. */
  format?: ReviewReportFormat;
  /** Width of each still in pixels (default 640; never more than the media's own width). */
  stillWidth?: number;
  /**
   * BCP 47 locale for dates (default: the UI locale of `setLocale`, or the browser's when that is English). The
   * labels follow the UI locale.
   */
  locale?: string;
  onProgress?: (progress: ReviewReportProgress) => void;
  signal?: AbortSignal;
  /**
   * How stills are decoded: `auto` (default) decodes the exact frame with WebCodecs and falls back to a
   * `<video>` seek; `video` always seeks a `<video>`.
   */
  decoder?: 'auto' | 'video';
}

/** The finished report. */
export interface ReviewReport {
  /** `application/pdf` or `text/html`. */
  blob: Blob;
  /** A file name for a download: the playlist's name, safe for a file system. */
  fileName: string;
  clips: number;
  notes: number;
  /** Notes listed without a still ("No picture: …"): their clip's media could not be read. */
  missingStills: number;
  /**
   * Characters of the text that the PDF's built-in fonts cannot show (outside Windows-1252: Japanese,
   * Cyrillic, emoji…) and that appear as "?" (0 for HTML, which shows every character).
   */
  replacedCharacters: number;
}
