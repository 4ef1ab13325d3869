/**
 * Display helpers of `<comment-thread>`: a comment's time (relative, with the absolute date as its
 * title) and its description split into text, link, mention and tag pieces. Nothing here produces HTML:
 * the pieces are rendered by Lit as text nodes and attributes.
 */
import { tokenizeMarkup } from '../../contract/markup.js';
import type { Id } from '../../contract/types.js';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
];

// Formatters are costly to create and every rendered comment needs two: one of each per locale and style.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let f = relativeFormats.get(locale);
  if (!f) relativeFormats.set(locale, (f = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  return f;
}

function dateFormat(locale: string, full: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${full}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, { dateStyle: full ? 'full' : 'medium', timeStyle: 'short' })));
  return f;
}

/** "3 minutes ago", "yesterday"; a week or older: the date ("2 Nov 2026, 09:12"). */
export function relativeTime(iso: string, now: number, locale: string): string {
  const then = Date.parse(iso);
  if (!Number.isFinite(then)) return '';
  let delta = (then - now) / 1000;
  if (Math.abs(delta) < 45) return relativeFormat(locale).format(0, 'second');
  for (const [unit, size] of UNITS) {
    if (Math.abs(delta) < size) return relativeFormat(locale).format(Math.round(delta), unit);
    delta /= size;
  }
  return absoluteTime(iso, locale, false);
}

export function absoluteTime(iso: string, locale: string, full = true): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return dateFormat(locale, full).format(date);
}

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
