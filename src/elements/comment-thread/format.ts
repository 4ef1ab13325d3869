/**
 * Display helpers of `<comment-thread>`: its description split into text, link, mention and tag pieces.
 * Nothing here produces HTML: the pieces are rendered by Lit as text nodes and attributes. (Dates use the
 * package's one locale-aware format, src/i18n/format.ts.)
 */
import { tokenizeMarkup } from '../../contract/markup.js';
import type { Id } from '../../contract/types.js';

export type TextPiece =
  | { type: 'text'; text: string }
  | { type: 'link'; href: string; text: string }
  | { type: 'mention'; userId: Id; name: string }
  | { type: 'tag'; tag: string };

// http(s) only: anything else (javascript:, data:) stays plain text.
const URL_RE = /\bhttps?:\/\/[^\s<>"'`]+[^\s<>"'`.,;:!?)\]]/g;

/** Splits a description into pieces for rendering; links are http(s) URLs that parse. */
export function descriptionPieces(description: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  for (const token of tokenizeMarkup(description)) {
    if (token.type === 'mention') pieces.push({ type: 'mention', userId: token.userId, name: token.name });
    else if (token.type === 'tag') pieces.push({ type: 'tag', tag: token.tag });
    else pieces.push(...linkPieces(token.text));
  }
  return pieces;
}

function linkPieces(text: string): TextPiece[] {
  const out: TextPiece[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const index = m.index ?? 0;
    let href: string | null = null;
    try {
      const url = new URL(m[0]);
      if (url.protocol === 'http:' || url.protocol === 'https:') href = url.href;
    } catch {
      href = null;
    }
    if (!href) continue;
    if (index > last) out.push({ type: 'text', text: text.slice(last, index) });
    out.push({ type: 'link', href, text: m[0] });
    last = index + m[0].length;
  }
  if (last < text.length) out.push({ type: 'text', text: text.slice(last) });
  return out;
}
