/**
 * Comment markup: a description carries inline mentions `@{userId,Display Name}` and tags
 * `#{tag}`; the client fills `mentionIds` and `tags` from them.
 *
 * Escaping rule: inside the braces a backslash escapes the next character, so a `}` in a name or tag is
 * written `\}` and a backslash `\\`. A `,` in a display name needs no escape: the id is all digits, so the
 * first comma always ends it (`@{7,Smith, Jane}` is user 7 named "Smith, Jane"). Plain text outside the
 * markers is never escaped.
 */
import type { Id, User } from './types.js';

export type MarkupToken =
  { type: 'text'; text: string } | { type: 'mention'; userId: Id; name: string; raw: string } | { type: 'tag'; tag: string; raw: string };

function escapeInner(value: string): string {
  return value.replace(/[\\}]/g, (c) => `\\${c}`);
}

function unescapeInner(value: string): string {
  return value.replace(/\\([\s\S])/g, '$1');
}

/** `@{id,Name}` for a user (escaping `}` and `\` in the name). */
export function formatMention(user: Pick<User, 'id' | 'name'>): string {
  return `@{${user.id},${escapeInner(user.name)}}`;
}

/** `#{tag}` (escaping `}` and `\`). Surrounding whitespace of the tag is dropped. */
export function formatTag(tag: string): string {
  return `#{${escapeInner(tag.trim())}}`;
}

/**
 * For each index, where the nearest closing `}` at or after it is (a `}` after an even run of backslashes),
 * or -1. A marker's inner text starts after `{` or `,`, never inside a run of backslashes, so the parity
 * of the run before a `}` is the same from any marker start.
 */
function closingBraces(text: string): Int32Array {
  const next = new Int32Array(text.length + 1).fill(-1);
  let backslashes = 0;
  const isClose = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7d /* } */ && backslashes % 2 === 0) isClose[i] = 1;
    backslashes = c === 0x5c /* \ */ ? backslashes + 1 : 0;
  }
  for (let i = text.length - 1; i >= 0; i--) next[i] = isClose[i] ? i : next[i + 1];
  return next;
}

/**
 * Splits a description into text, mention and tag parts, in order, for rendering mentions/tags as chips.
 * Written as a scanner rather than a regular expression: with unclosed markers (`#{#{#{…`) a regular
 * expression rescans the rest of the text from every `#{`, which is quadratic; this is one pass.
 */
export function tokenizeMarkup(description: string): MarkupToken[] {
  const tokens: MarkupToken[] = [];
  let closing: Int32Array | null = null;
  let last = 0;
  let i = 0;
  while (i < description.length - 1) {
    const c = description[i];
    if ((c !== '@' && c !== '#') || description[i + 1] !== '{') {
      i++;
      continue;
    }
    let innerStart = i + 2;
    let userId: string | null = null;
    if (c === '@') {
      let d = innerStart;
      while (d < description.length && description.charCodeAt(d) >= 0x30 && description.charCodeAt(d) <= 0x39) d++;
      if (d === innerStart || description[d] !== ',') {
        i++;
        continue;
      }
      userId = description.slice(innerStart, d);
      innerStart = d + 1;
    }
    closing ??= closingBraces(description);
    const close = closing[innerStart];
    if (close < 0 || (userId === null && close === innerStart)) {
      i++;
      continue;
    }
    if (i > last) tokens.push({ type: 'text', text: description.slice(last, i) });
    const inner = unescapeInner(description.slice(innerStart, close));
    const raw = description.slice(i, close + 1);
    tokens.push(userId !== null ? { type: 'mention', userId: Number(userId), name: inner, raw } : { type: 'tag', tag: inner, raw });
    last = i = close + 1;
  }
  if (last < description.length) tokens.push({ type: 'text', text: description.slice(last) });
  return tokens;
}

/** Ids of the users mentioned, each once, in order of first mention. */
export function deriveMentionIds(description: string): Id[] {
  const ids: Id[] = [];
  for (const t of tokenizeMarkup(description)) {
    if (t.type === 'mention' && !ids.includes(t.userId)) ids.push(t.userId);
  }
  return ids;
}

/** The tags used, each once, in order of first use. */
export function deriveTags(description: string): string[] {
  const tags: string[] = [];
  for (const t of tokenizeMarkup(description)) {
    if (t.type === 'tag' && !tags.includes(t.tag)) tags.push(t.tag);
  }
  return tags;
}

/** The description as readable plain text: `@Display Name`, `#tag` (for exports, e-mails, aria labels). */
export function markupToPlainText(description: string): string {
  return tokenizeMarkup(description)
    .map((t) => (t.type === 'text' ? t.text : t.type === 'mention' ? `@${t.name}` : `#${t.tag}`))
    .join('');
}
