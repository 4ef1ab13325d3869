/**
 * XSS checks shared by the reliability suites: a `window.__xss` trap (and `alert`) that every payload
 * tries to set, a page-error listener, and a scan of the rendered tree (shadow roots included) for
 * anything a payload could have injected.
 */
import { expect } from '@open-wc/testing';
import { deepElements, isScriptUrl } from './util.js';

type Trap = Window & { __xss?: unknown };

export const scriptErrors: string[] = [];
let trapped: unknown[] = [];

/** Installs the trap once per test file. */
export function installTrap(): void {
  const w = window as Trap;
  Object.defineProperty(w, '__xss', {
    configurable: true,
    get: () => undefined,
    set: (v: unknown) => void trapped.push(v),
  });
  w.alert = (v?: unknown) => void trapped.push(`alert:${String(v)}`);
  window.addEventListener('error', (e) => void scriptErrors.push(e.message));
}

export function takeTrapped(): unknown[] {
  const out = trapped;
  trapped = [];
  return out;
}

const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'poster', 'background'];
const NEVER = new Set(['SCRIPT', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'BASE', 'META', 'MARQUEE', 'DETAILS', 'MATH']);

/** Tag counts of a rendered tree (shadow roots included). */
export function tagCounts(root: Element): Map<string, number> {
  const counts = new Map<string, number>();
  for (const el of deepElements(root)) counts.set(el.tagName, (counts.get(el.tagName) ?? 0) + 1);
  return counts;
}

/**
 * Asserts nothing was injected under `root`: no element kind a review page never renders, no more
 * elements of any tag than the same page with plain text (`baseline`), no `on…` attribute, no script URL.
 */
export function expectNothingInjected(root: Element, baseline: Map<string, number>, where: string, allowExtra: string[] = []): void {
  const problems: string[] = [];
  for (const el of deepElements(root)) {
    if (NEVER.has(el.tagName)) problems.push(`<${el.tagName.toLowerCase()}> element`);
    for (const attr of el.getAttributeNames()) {
      if (attr.toLowerCase().startsWith('on')) problems.push(`${attr} attribute on <${el.tagName.toLowerCase()}>`);
    }
    for (const attr of URL_ATTRS) {
      const v = el.getAttribute(attr);
      if (attr === 'srcdoc' && v != null) problems.push(`srcdoc on <${el.tagName.toLowerCase()}>`);
      if (isScriptUrl(v)) problems.push(`${attr}="${v}" on <${el.tagName.toLowerCase()}>`);
    }
    if (el instanceof HTMLAnchorElement && el.href && isScriptUrl(el.href)) problems.push(`live link ${el.href}`);
  }
  for (const [tag, n] of tagCounts(root)) {
    const base = baseline.get(tag) ?? 0;
    if (n > base && !allowExtra.includes(tag)) problems.push(`${n - base} extra <${tag.toLowerCase()}>`);
  }
  expect(problems, where).to.deep.equal([]);
}
