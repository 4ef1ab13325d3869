/**
 * Drafts of comments kept in localStorage until they are posted, so a reload or a crash loses no text.
 * Apart from the composer because the thread clears a draft once its comment is sent, and the composer is
 * loaded on demand (a reader who may not write never downloads it).
 */
import type { Drawing } from '../../contract/types.js';

/** What is kept in localStorage under a composer's `draftKey` until the comment is posted. */
export interface StoredDraft {
  text: string;
  spot?: { x: number; y: number } | null;
  drawing?: Drawing | null;
  internal?: boolean;
}

const DRAFT_PREFIX = 'review-elements:draft:';

export function readDraft(key: string | null): StoredDraft | null {
  if (!key) return null;
  try {
    const raw = localStorage.getItem(DRAFT_PREFIX + key);
    const draft = raw ? (JSON.parse(raw) as StoredDraft) : null;
    return draft && typeof draft.text === 'string' ? draft : null;
  } catch {
    return null;
  }
}

/** Saves (or, when empty, removes) the draft stored under `key`. */
export function writeDraft(key: string | null, draft: StoredDraft | null): void {
  if (!key) return;
  try {
    const empty = !draft || (!draft.text && !draft.spot && !draft.drawing);
    if (empty) localStorage.removeItem(DRAFT_PREFIX + key);
    else localStorage.setItem(DRAFT_PREFIX + key, JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the draft lives on in the field.
  }
}
