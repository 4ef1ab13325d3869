/** What a review report shows, gathered once and written as PDF (pdf.ts) or HTML (html.ts). */
import type { Clip, Playlist } from '../contract/types.js';

/** A still of a note's frame, the drawing burnt in (JPEG). */
export interface ReportStill {
  jpeg: Blob;
  width: number;
  height: number;
}

export interface ReportReply {
  author: string;
  /** ISO date and time; each writer formats it (dates follow the labels' language). */
  created: string;
  text: string;
  internal: boolean;
}

export interface ReportNote {
  /** 0-based media frame, and its SMPTE timecode; both null on a still image (it has no time). */
  frame: number | null;
  timecode: string | null;
  author: string;
  /** ISO date and time. */
  created: string;
  /** Plain text of the markup (`@Name`, `#tag`). */
  text: string;
  internal: boolean;
  /** A deleted note kept for its replies. */
  deleted: boolean;
  hasDrawing: boolean;
  still: ReportStill | null;
  /** Why there is no still ("No picture: …"), when there is none. */
  stillError: string | null;
  replies: ReportReply[];
}

export interface ReportStatus {
  id: string;
  label: string;
  color: string | null;
}

export interface ReportClip {
  clip: Clip;
  status: ReportStatus | null;
  notes: ReportNote[];
  /** The clip could not be read at all (its notes are unknown). */
  error: string | null;
}

export interface ReportData {
  playlist: Playlist;
  /** When the report was made (ISO). */
  generated: string;
  locale: string | undefined;
  clips: ReportClip[];
  /** Clips per status, in the production's order of statuses. */
  statusCounts: Array<{ status: ReportStatus; count: number }>;
  noteCount: number;
}
