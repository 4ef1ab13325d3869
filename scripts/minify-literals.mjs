// Minifies the literal text of Lit's tagged templates (html`…`, svg`…`, css`…`) in a TypeScript or
// JavaScript module; JS minifiers keep template text as it is. Only the text between `${}` is
// rewritten, never an expression, so a string inside `${…}` keeps every space. Used by the library
// builds (vite.config.ts, vite.cdn.config.ts: `minifyLiteralsPlugin`) and by scripts/size.mjs, so the
// size report measures what ships.
//   CSS:       comments dropped, whitespace runs collapsed to one space, and dropped next to { } ; , and
//              after a colon; kept before a colon (`.a :focus`) and at a `${}` boundary (`.a ${x}`);
//              no ";" before "}".
//   HTML/SVG:  a whitespace run containing a newline becomes one space, and comments go, except inside
//              <pre>/<textarea>.
// Templates passed to msg() are left alone: in lit-localize's runtime mode their text is the message id.
import ts from 'typescript';

const TAGS = new Set(['html', 'svg', 'css']);

/** The source range of a template part's text, without its delimiters (` ${ } ). */
function textRange(part, sourceFile) {
  const start = part.getStart(sourceFile) + 1;
  const closesWithDollarBrace = part.kind === ts.SyntaxKind.TemplateHead || part.kind === ts.SyntaxKind.TemplateMiddle;
  return [start, part.end - (closesWithDollarBrace ? 2 : 1)];
}

const isMsgCall = (node) => ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'msg';

/**
 * CSS text of one template part. `first`/`last`: the part starts/ends the template (no `${}` there),
 * so whitespace at that end can go; next to a `${}` it is kept as one space, since it may be a
 * descendant combinator.
 */
export function minifyCssPart(text, first = true, last = true) {
  // Strings and comments are whole tokens, so spaces or "/*" inside a string stay as they are.
  const tokens = text.match(/"(?:\\[\s\S]|[^"\\])*"?|'(?:\\[\s\S]|[^'\\])*'?|\/\*[\s\S]*?(?:\*\/|$)|\s+|[{};,:]|[^"'\s/{};,:]+|\//g) ?? [];
  if (tokens.some((t) => t.startsWith('/*') && !t.endsWith('*/'))) return text; // a comment across a `${}`: leave it
  // A comment separates like whitespace (`a/**/b` is `a b`); then runs of either become one gap.
  const words = [];
  let gap = false;
  for (const token of tokens) {
    if (/^\s/.test(token) || token.startsWith('/*')) gap = true;
    else {
      words.push({ token, gapBefore: gap });
      gap = false;
    }
  }
  const trailingGap = gap;
  let css = '';
  words.forEach(({ token, gapBefore }, i) => {
    const prev = words[i - 1]?.token;
    // A gap next to { } ; , means nothing, nor after ":" (a selector never has a space there); before
    // ":" it may be a descendant combinator (`.a :focus`), and beside a `${}` it may be one too.
    const dropped = /^[{};,]$/.test(token) || (prev === undefined ? first : /^[{};,:]$/.test(prev));
    if (gapBefore && !dropped) css += ' ';
    if (token === ';' && words[i + 1]?.token === '}') return; // the last declaration needs no ";"
    css += token;
  });
  if (trailingGap && !last && !/^[{};,:]$/.test(words.at(-1)?.token ?? '')) css += ' ';
  if (words.length === 0 && trailingGap && !first && !last) css = ' '; // the gap in `${a} ${b}`
  return css;
}

/**
 * HTML/SVG text of one template part. `state.raw` carries across parts where we are: 'tag' in the
 * opening tag of a <pre>/<textarea> (its attributes may be collapsed), 'content' inside one (kept as is).
 */
export function minifyHtmlPart(text, state) {
  return text.replace(/<!--[\s\S]*?-->|<(\/?)(pre|textarea)\b|>|[ \t\r\f]*\n\s*/gi, (match, closing, tag, offset) => {
    if (match.startsWith('<!--')) return state.raw === 'content' ? match : '';
    if (tag) state.raw = closing ? undefined : 'tag';
    else if (match === '>') state.raw &&= 'content';
    // Backslash + newline is a line continuation (it cooks to nothing): leave it and what follows.
    else if (state.raw !== 'content' && text[offset - 1] !== '\\') return ' ';
    return match;
  });
}

/**
 * `code` with the literal text of every html/svg/css tagged template minified (returns `code` itself
 * when there is nothing to do). `fileName` only selects TS vs JS parsing by its extension.
 */
export function minifyLiterals(code, fileName = 'module.ts') {
  if (!/\b(html|svg|css)`/.test(code)) return code;
  const kind = /\.[cm]?tsx?$/.test(fileName) ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  const sourceFile = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, false, kind);
  const edits = [];
  const visit = (node, inMsg) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && TAGS.has(node.tag.text) && !inMsg) {
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template)
        ? [template]
        : [template.head, ...template.templateSpans.map((span) => span.literal)];
      const state = {};
      parts.forEach((part, i) => {
        const [start, end] = textRange(part, sourceFile);
        const text = code.slice(start, end);
        const next = node.tag.text === 'css' ? minifyCssPart(text, i === 0, i === parts.length - 1) : minifyHtmlPart(text, state);
        if (next !== text) edits.push([start, end, next]);
      });
    }
    ts.forEachChild(node, (child) => visit(child, inMsg || isMsgCall(node)));
  };
  visit(sourceFile, false);
  if (edits.length === 0) return code;
  // Parts never overlap (a nested template lives inside an expression), so apply from the end.
  edits.sort((a, b) => b[0] - a[0]);
  let result = code;
  for (const [start, end, text] of edits) result = result.slice(0, start) + text + result.slice(end);
  return result;
}

/** Vite plugin: minifies the templates of the project's own TypeScript sources, in builds only. */
export function minifyLiteralsPlugin() {
  return {
    name: 'review-elements-minify-literals',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?')[0];
      if (!/\/src\/.*\.ts$/.test(file) || file.includes('/node_modules/')) return null;
      const next = minifyLiterals(code, id);
      return next === code ? null : { code: next, map: null };
    },
  };
}

/** esbuild plugin (scripts/size.mjs): the same transform when loading src/**\/*.ts. */
export function minifyLiteralsEsbuild() {
  return {
    name: 'minify-literals',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
        if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined;
        const { readFile } = await import('node:fs/promises');
        const code = await readFile(args.path, 'utf8');
        return { contents: minifyLiterals(code, args.path), loader: 'ts' };
      });
    },
  };
}
