/**
 * Comment markup (DESIGN §3): a description carries inline mentions `@{userId,Display Name}` and tags
 * `#{tag}`; the client fills `mentionIds` and `tags` from them.
 *
 * Escaping rule: inside the braces a backslash escapes the next character, so a `}` in a name or tag is
 * written `\}` and a backslash `\\`. A `,` in a display name needs no escape: the id is all digits, so the
 * first comma always ends it (`@{7,Smith, Jane}` is user 7 named "Smith, Jane"). Plain text outside the
 * markers is never escaped.
 */
import type { Id, User } from './types.js';

export type MarkupToken =
  | { type: 'text'; text: string }
  | { type: 'mention'; userId: Id; name: string; raw: string }
  | { type: 'tag'; tag: string; raw: string };

// One pass over both kinds; `(?:[^\\}]|\\.)*` is "anything but `}`, with backslash escapes".
const MARKER = /@\{(\d+),((?:[^\\}]|\\[\s\S])*)\}|#\{((?:[^\\}]|\\[\s\S])+)\}/g;

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

/** Splits a description into text, mention and tag parts, in order, for rendering mentions/tags as chips. */
export function tokenizeMarkup(description: string): MarkupToken[] {
  const tokens: MarkupToken[] = [];
  let last = 0;
  for (const m of description.matchAll(MARKER)) {
    const index = m.index ?? 0;
    if (index > last) tokens.push({ type: 'text', text: description.slice(last, index) });
    if (m[1] !== undefined) {
      tokens.push({ type: 'mention', userId: Number(m[1]), name: unescapeInner(m[2] ?? ''), raw: m[0] });
    } else {
      tokens.push({ type: 'tag', tag: unescapeInner(m[3] ?? ''), raw: m[0] });
    }
    last = index + m[0].length;
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
