/**
 * Files attached to notes (docs/http-api.md, "Attachments"): what a backend accepts, and the check a
 * composer makes before sending so that a wrong file is refused at once, in words. The backend checks again,
 * by the file's content (its first bytes), never by its name or declared type.
 */
import type { Id } from './types.js';

/** A file attached to a note. */
export interface NoteAttachment {
  id: Id;
  /** The note it belongs to. */
  commentId: Id;
  /** The clip of that note. */
  mediaObjectId: Id;
  /** The file's name as uploaded: shown under the note, and the viewer's alt text. */
  name: string;
  /** The type the backend found in the content (one of `ATTACHMENT_TYPES`). */
  mimeType: AttachmentType;
  /** Bytes. */
  size: number;
  /** Pixels, for an image; null for a PDF. */
  width: number | null;
  height: number | null;
  /** Opens the file (a short-lived signed URL, or an object URL in memory). */
  url: string;
  /** A small copy of an image (at most 320 px a side); null for a PDF. */
  thumbnailUrl: string | null;
  creatorId: Id;
  created: string;
}

/** The types a note may carry: pictures, and PDF for references that are documents. */
export const ATTACHMENT_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'application/pdf'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** Largest attachment, in bytes (413 above it): 10 MB. */
export const MAX_ATTACHMENT_BYTES = 10_000_000;
/** Most attachments on one note. */
export const MAX_ATTACHMENTS_PER_NOTE = 10;

export function isAttachmentType(type: string): type is AttachmentType {
  return (ATTACHMENT_TYPES as readonly string[]).includes(type);
}

export function isImageAttachment(a: Pick<NoteAttachment, 'mimeType'>): boolean {
  return a.mimeType.startsWith('image/');
}

/**
 * Why a file cannot be attached, judged from what the browser says of it (size, declared type), or null.
 * A first check only, for a quick answer; the backend decides by the content.
 */
export function attachmentProblem(file: { size: number; type: string }): 'too-big' | 'empty' | 'type' | null {
  if (file.size === 0) return 'empty';
  if (file.size > MAX_ATTACHMENT_BYTES) return 'too-big';
  if (!isAttachmentType(file.type)) return 'type';
  return null;
}
