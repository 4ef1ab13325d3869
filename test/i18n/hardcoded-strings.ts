/**
 * Finds user-visible English in Lit `html` templates that is not wrapped in `msg()`: static text nodes
 * and static values of the attributes a person reads or hears (aria-label, title, placeholder, alt …).
 * A regex-level scan, not a parser: good enough to make a new hard-coded string fail CI.
 */
export interface Finding {
  file: string;
  line: number;
  text: string;
}

const READ_ATTRS = /\s(aria-label|aria-description|aria-roledescription|aria-valuetext|title|placeholder|alt|label)\s*=\s*(["'])([^"']*)\2/g;
const MARK = '\u0000';
// Text that is not language: symbols, entities, punctuation, a lone letter (keyboard hints like "J").
const ALLOWED = /^(?:[^A-Za-z]*|[^A-Za-z]*[A-Za-z][^A-Za-z]*|&[a-z]+;)$/;

/** The static parts of the template starting after the backtick at `start`, and where it ends. */
function templateParts(src: string, start: number): { parts: string[]; end: number } {
  const parts: string[] = [];
  let buf = '';
  let i = start;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') {
      buf += src.slice(i, i + 2);
      i += 2;
    } else if (c === '`') {
      parts.push(buf);
      return { parts, end: i + 1 };
    } else if (c === '$' && src[i + 1] === '{') {
      parts.push(buf);
      buf = '';
      i = skipExpression(src, i + 2);
    } else {
      buf += c;
      i++;
    }
  }
  parts.push(buf);
  return { parts, end: i };
}

/** Index after the `}` closing an expression that starts at `i`, skipping strings and nested templates. */
function skipExpression(src: string, i: number): number {
  let depth = 1;
  while (i < src.length && depth > 0) {
    const c = src[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '`') {
      i = templateParts(src, i + 1).end;
      continue;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      i = j + 1;
      continue;
    } else if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i);
      if (i < 0) return src.length;
      continue;
    }
    i++;
  }
  return i;
}

export function findHardcodedStrings(file: string, src: string): Finding[] {
  const findings: Finding[] = [];
  const lineOf = (index: number) => src.slice(0, index).split('\n').length;
  const re = /\bhtml`/g;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const at = m.index;
    const { parts } = templateParts(src, at + m[0].length);
    const joined = parts.join(MARK).replace(/<!--[\s\S]*?-->/g, '');
    const report = (text: string) => findings.push({ file, line: lineOf(at), text: text.trim() });
    for (const a of joined.matchAll(READ_ATTRS)) {
      for (const piece of a[3].split(MARK)) if (!ALLOWED.test(piece.trim())) report(`${a[1]}="${a[3].replaceAll(MARK, '${…}')}"`);
    }
    // Text nodes: what lies between tags (a tag may hold expressions, so match up to the next '>').
    const text = joined.replace(/<[^>]*>/g, MARK);
    for (const piece of text.split(MARK)) {
      const t = piece.replace(/&[a-z]+;/g, ' ').trim();
      if (t && !ALLOWED.test(t)) report(t);
    }
  }
  return findings;
}
