/**
 * Shared helpers of the reliability suites: deep shadow-DOM queries, typing as a user does, and the
 * visible text of an element tree.
 */
import { waitUntil } from '@open-wc/testing';

/** Every element under `root`, descending into open shadow roots (and their shadow roots). */
export function deepElements(root: Element | ShadowRoot | Document): Element[] {
  const out: Element[] = [];
  const visit = (node: Element | ShadowRoot | Document) => {
    for (const el of node.querySelectorAll('*')) {
      out.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  if (root instanceof Element && root.shadowRoot) visit(root.shadowRoot);
  visit(root);
  return out;
}

/** The first match of `selector` anywhere under `root`, shadow roots included. */
export function deepQuery<T extends Element = HTMLElement>(root: Element | ShadowRoot | Document, selector: string): T | null {
  return (deepElements(root).find((el) => el.matches(selector)) as T | undefined) ?? null;
}

export function deepQueryAll<T extends Element = HTMLElement>(root: Element | ShadowRoot | Document, selector: string): T[] {
  return deepElements(root).filter((el) => el.matches(selector)) as T[];
}

/** Text of a node, shadow roots included, whitespace runs collapsed. */
export function deepText(node: Element | ShadowRoot): string {
  let text = '';
  const walk = (n: Node) => {
    if (n.nodeType === Node.TEXT_NODE) text += n.textContent;
    if (n instanceof Element && n.shadowRoot) walk(n.shadowRoot);
    for (const child of n.childNodes) walk(child);
  };
  walk(node);
  return text.replace(/\s+/g, ' ').trim();
}

/** Text of every `[role=alert]` under `root` (shadow roots included), joined. */
export function alertText(root: Element): string {
  return deepQueryAll(root, '[role="alert"]')
    .map((a) => deepText(a))
    .filter(Boolean)
    .join(' | ');
}

/** Types into an input or textarea as a user would: value, then an input event. */
export function typeInto(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.focus();
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

export function buttonByText(root: Element | ShadowRoot, text: string | RegExp): HTMLButtonElement | undefined {
  return [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
    typeof text === 'string' ? b.textContent!.trim() === text : text.test(b.textContent!.trim()),
  );
}

export async function until(predicate: () => unknown | Promise<unknown>, message: string, timeout = 4000): Promise<void> {
  await waitUntil(predicate, message, { timeout, interval: 10 });
}

/** A URL attribute value that would run script (`javascript:`, `vbscript:`, obfuscated by control chars or case). */
export function isScriptUrl(value: string | null): boolean {
  if (value == null) return false;
  // Browsers strip leading C0 controls/space and tabs/newlines anywhere before parsing the scheme.
  const cleaned = value
    .replace(/^[\u0000-\u0020]+/, '')
    .replace(/[\t\n\r]/g, '')
    .toLowerCase();
  return /^(javascript|vbscript):/.test(cleaned);
}
