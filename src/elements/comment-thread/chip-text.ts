/**
 * What the composer's text field shows for a description: readable text (`@Alex Artist`, `#grade`) with
 * the ranges of its mention and tag chips, and the mapping back to the stored markup (`@{3,Alex Artist}`,
 * `#{grade}`, see src/contract/markup.ts). The markup is the contract; only what people see changes.
 *
 * Edits to the text are mapped onto the chips: an edit that touches a chip removes the whole chip (chips
 * are atomic), chips after an edit shift, and markup that appears in the text (typed or pasted, e.g. a
 * copied description) becomes a chip, because that is what the stored description would mean anyway.
 */
import { tokenizeMarkup } from '../../contract/markup.js';

export interface Chip {
  kind: 'mention' | 'tag';
  /** Where the chip's label is in the text: [start, end). */
  start: number;
  end: number;
  /** What is stored for it: `@{id,Name}` or `#{tag}`. */
  markup: string;
}

export interface ChipText {
  text: string;
  /** In order, never overlapping. */
  chips: readonly Chip[];
}

export const EMPTY_CHIP_TEXT: ChipText = { text: '', chips: [] };

/** The label a chip shows: `@Name` or `#tag`. */
export function chipLabel(token: { type: 'mention'; name: string } | { type: 'tag'; tag: string }): string {
  return token.type === 'mention' ? `@${token.name}` : `#${token.tag}`;
}

/**
 * Turns the markup in the text between chips into chips. Returns where `pos` (a position in `doc.text`)
 * ends up: in a run of markup that became a chip, after that chip.
 */
function normalize(doc: ChipText, pos: number): { doc: ChipText; pos: number } {
  let text = '';
  const chips: Chip[] = [];
  let mapped = pos;
  let found = false;
  let from = 0;
  const segments = [...doc.chips, null];
  for (const chip of segments) {
    const to = chip ? chip.start : doc.text.length;
    let at = from;
    for (const token of tokenizeMarkup(doc.text.slice(from, to))) {
      const length = token.type === 'text' ? token.text.length : token.raw.length;
      const start = text.length;
      if (token.type === 'text') text += token.text;
      else {
        text += chipLabel(token);
        chips.push({ kind: token.type, start, end: text.length, markup: token.raw });
      }
      if (!found && pos >= at && pos <= at + length) {
        mapped = token.type === 'text' ? start + (pos - at) : pos === at ? start : text.length;
        found = true;
      }
      at += length;
    }
    if (chip) {
      const start = text.length;
      text += doc.text.slice(chip.start, chip.end);
      chips.push({ ...chip, start, end: text.length });
      if (!found && pos >= chip.start && pos <= chip.end) {
        mapped = pos === chip.start ? start : text.length;
        found = true;
      }
      from = chip.end;
    }
  }
  return { doc: { text, chips }, pos: mapped };
}

/** The text and chips for a stored description. */
export function fromMarkup(markup: string): ChipText {
  return normalize({ text: markup, chips: [] }, 0).doc;
}

/** The stored description for what the field shows. */
export function toMarkup(doc: ChipText): string {
  let out = '';
  let from = 0;
  for (const chip of doc.chips) {
    out += doc.text.slice(from, chip.start) + chip.markup;
    from = chip.end;
  }
  return out + doc.text.slice(from);
}

/** The chip `pos` is strictly inside of (not at its edges), if any. */
export function chipAround(doc: ChipText, pos: number): Chip | undefined {
  return doc.chips.find((c) => c.start < pos && pos < c.end);
}

/** The chip whose label covers `pos` (`start <= pos < end`), if any. */
export function chipOver(doc: ChipText, pos: number): Chip | undefined {
  return doc.chips.find((c) => c.start <= pos && pos < c.end);
}

/**
 * Maps the field's new text (after a keystroke, a paste, an IME step…) onto the chips. `caret` is where
 * the caret is in `next`: it tells where the edit was when the text repeats (deleting one of two `l`s).
 * Returns the text the field must show (it differs from `next` when a chip went whole or markup became a
 * chip) and where the caret belongs in it.
 */
export function applyEdit(doc: ChipText, next: string, caret: number): { doc: ChipText; caret: number } {
  const old = doc.text;
  let suffix = 0;
  const maxSuffix = Math.min(old.length, next.length - caret);
  while (suffix < maxSuffix && old[old.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  let prefix = 0;
  const maxPrefix = Math.min(old.length, next.length) - suffix;
  while (prefix < maxPrefix && old[prefix] === next[prefix]) prefix++;
  let a = prefix;
  let b = old.length - suffix;
  const inserted = next.slice(prefix, next.length - suffix);
  // An edit that touches a chip takes the whole chip: it is one thing, not letters.
  for (const c of doc.chips) {
    const touched = a === b ? c.start < a && a < c.end : c.start < b && c.end > a;
    if (touched) {
      a = Math.min(a, c.start);
      b = Math.max(b, c.end);
    }
  }
  const shift = inserted.length - (b - a);
  const chips = doc.chips
    .filter((c) => c.end <= a || c.start >= b)
    .map((c) => (c.start >= b ? { ...c, start: c.start + shift, end: c.end + shift } : c));
  const edited = { text: old.slice(0, a) + inserted + old.slice(b), chips };
  const { doc: result, pos } = normalize(edited, a + inserted.length);
  return { doc: result, caret: pos };
}

/** Replaces [from, to) of the text with a chip (and a space after it unless one follows). */
export function insertChip(
  doc: ChipText,
  from: number,
  to: number,
  label: string,
  chip: Pick<Chip, 'kind' | 'markup'>,
): { doc: ChipText; caret: number } {
  const after = doc.text.slice(to);
  const space = after.startsWith(' ') ? '' : ' ';
  const shift = label.length + space.length - (to - from);
  const chips = doc.chips
    .filter((c) => c.end <= from || c.start >= to)
    .map((c) => (c.start >= to ? { ...c, start: c.start + shift, end: c.end + shift } : c));
  chips.push({ ...chip, start: from, end: from + label.length });
  chips.sort((x, y) => x.start - y.start);
  return { doc: { text: doc.text.slice(0, from) + label + space + after, chips }, caret: from + label.length + 1 };
}
