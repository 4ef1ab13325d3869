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

const READ_ATTRS =
  /\s(aria-label|aria-description|aria-roledescription|aria-valuetext|title|placeholder|alt|label)\s*=\s*(["'])([^"']*)\2/g;
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

// — strings built in code —

/** Words a person reads, in a string literal: two words, or a capitalised word ("Loading…", "Saved x"). */
const PROSE = /[A-Za-z]{2,}[^\S\n]+[A-Za-z]{2,}|^[^A-Za-z]*[A-Z][a-z]{2,}/;
/** Key names and other English-looking tokens that are code, not text. */
const CODE_WORDS =
  /^(?:use strict|Enter|Escape|Tab|Backspace|Delete|Home|End|PageUp|PageDown|Arrow(?:Up|Down|Left|Right)|Shift|Control|Alt|Meta|Space)$/;
/** Code before a literal that makes it code, not text: msg() itself, imports, comparisons, DOM and event APIs. */
const CODE_BEFORE = new RegExp(
  [
    String.raw`\bmsg\(\s*(?:str)?$`,
    String.raw`\bdesc\s*:\s*$`,
    String.raw`\b(?:import|from)\s*\(?\s*$`,
    String.raw`(?:===|!==|==|!=)\s*$`,
    String.raw`\bcase\s*$`,
    // Programming errors (a rejected seek, a failed snapshot) are for developers and stay English.
    String.raw`\bnew\s+(?:Error|DOMException)\([^()]*$`,
    // The test reads modules as the dev server serves them (esbuild output): its __helpers' messages are not UI.
    String.raw`\b__\w+\([^()]*$`,
    String.raw`\bconsole\.\w+\(\s*$`,
    String.raw`\bemit\(\s*(?:this\s*,\s*)?$`,
    String.raw`\.(?:querySelector(?:All)?|closest|matches|(?:get|set|remove|has|toggle)Attribute|(?:add|remove)EventListener|createElement|getContext|toBlob|setData|getData|startsWith|endsWith|includes|split|padStart|dispatchEvent)\(\s*$`,
    // class, part and the like are names for CSS, not text.
    String.raw`\b(?:class|part|exportparts|slot|name|type|role|id|for|rel|target|autocomplete|inputmode)=\$\{[^}]*$`,
  ].join('|'),
);
/** A font list or other CSS value ("system-ui, "Segoe UI", sans-serif"). */
const CSS_VALUE = /\b(?:sans-serif|serif|monospace|system-ui)\b|^var\(--/;
const CODE_AFTER = /^\s*(?:===|!==|==|!=)/;

interface Literal {
  at: number;
  /** The text, with `${…}` of a template literal as `{}`. */
  text: string;
  /** Tag of a template literal (`html`, `css`, `str` …), '' otherwise. */
  tag: string;
}

/**
 * The string and template literals of a module's code (comments, regex literals and the static parts of
 * html`` templates are skipped; the expressions inside templates are code and are walked).
 */
function literalsOf(src: string): Literal[] {
  const out: Literal[] = [];
  // A `/` after one of these (or a keyword) starts a regex literal, not a division.
  const regexAfter = /[(,=:[!&|?{};+\-*%<>~^]$|\b(?:return|typeof|case|in|of|void|delete)$/;
  const walk = (i: number, stopAtBrace: boolean): number => {
    let depth = 0;
    let last = '';
    while (i < src.length) {
      const c = src[i];
      if (c === '/' && src[i + 1] === '/') {
        const nl = src.indexOf('\n', i);
        i = nl < 0 ? src.length : nl;
      } else if (c === '/' && src[i + 1] === '*') {
        const close = src.indexOf('*/', i + 2);
        i = close < 0 ? src.length : close + 2;
      } else if (c === '/' && (last === '' || regexAfter.test(last))) {
        let j = i + 1;
        let inClass = false;
        while (j < src.length && src[j] !== '\n') {
          if (src[j] === '\\') j++;
          else if (src[j] === '[') inClass = true;
          else if (src[j] === ']') inClass = false;
          else if (src[j] === '/' && !inClass) break;
          j++;
        }
        i = j + 1;
        last = 'x';
      } else if (c === '"' || c === "'") {
        let j = i + 1;
        let text = '';
        while (j < src.length && src[j] !== c && src[j] !== '\n') {
          if (src[j] === '\\') {
            text += src[j + 1];
            j += 2;
          } else text += src[j++];
        }
        out.push({ at: i, text, tag: '' });
        i = j + 1;
        last = 'x';
      } else if (c === '`') {
        const tag = /([A-Za-z_$][\w$]*)\s*$/.exec(src.slice(Math.max(0, i - 40), i))?.[1] ?? '';
        const literal: Literal = { at: i, text: '', tag };
        out.push(literal);
        let j = i + 1;
        while (j < src.length && src[j] !== '`') {
          if (src[j] === '\\') {
            literal.text += src[j + 1];
            j += 2;
          } else if (src[j] === '$' && src[j + 1] === '{') {
            literal.text += '{}';
            j = walk(j + 2, true);
          } else literal.text += src[j++];
        }
        i = j + 1;
        last = 'x';
      } else {
        if (c === '{') depth++;
        else if (c === '}') {
          if (stopAtBrace && depth === 0) return i + 1;
          depth--;
        }
        if (!/\s/.test(c)) last = /[\w$]/.test(c) ? (/[\w$]/.test(last.slice(-1)) ? last + c : c) : c;
        i++;
      }
    }
    return i;
  };
  walk(0, false);
  return out;
}

/**
 * Finds English built in code and not wrapped in `msg()`: messages assigned to state, labels in tables,
 * strings inside template bindings (`aria-label=${`Move ${x} up`}`, `${busy ? 'Saving…' : 'Save'}`).
 * Literals in comparisons, imports, DOM and event calls, `new Error()` and CSS-name attributes are code.
 */
export function findUntranslatedLiterals(file: string, src: string): Finding[] {
  const findings: Finding[] = [];
  const lineOf = (index: number) => src.slice(0, index).split('\n').length;
  for (const lit of literalsOf(src)) {
    if (lit.tag === 'html' || lit.tag === 'svg' || lit.tag === 'css') continue;
    const text = lit.text.trim();
    if (!PROSE.test(text.replaceAll('{}', ' ')) || CODE_WORDS.test(text) || CSS_VALUE.test(text)) continue;
    // A str`` template is checked with the msg( before its tag.
    const before = src.slice(Math.max(0, lit.at - 200), lit.at - (lit.tag ? lit.tag.length : 0));
    const after = src.slice(lit.at + 1).replace(/^[^'"`]*?['"`]/, '');
    if (CODE_BEFORE.test(before.trimEnd()) || CODE_AFTER.test(after)) continue;
    findings.push({ file, line: lineOf(lit.at), text });
  }
  return findings;
}

/**
 * The English templates of the module's `msg()` calls, as lit-localize hashes them into message ids: a
 * string for `msg('…')`, the template's strings for `msg(str`…${x}…`)`.
 */
export function msgTemplates(src: string): Array<string | string[]> {
  const out: Array<string | string[]> = [];
  const cook = (raw: string): string => new Function(`return \`${raw}\`;`)() as string;
  for (const m of src.matchAll(/\bmsg\(\s*/g)) {
    let i = m.index + m[0].length;
    const quote = src[i];
    if (quote === '"' || quote === "'") {
      let j = i + 1;
      while (j < src.length && src[j] !== quote) j += src[j] === '\\' ? 2 : 1;
      out.push(new Function(`return ${src.slice(i, j + 1)};`)() as string);
    } else if (src.startsWith('str', i)) {
      i = src.indexOf('`', i);
      out.push(templateParts(src, i + 1).parts.map(cook));
    }
  }
  return out;
}
