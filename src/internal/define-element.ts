/**
 * Registers `tag` unless something already did: a page may load two copies of a define module (a CDN
 * file beside a bundle, or a host that registered its own subclass first), and a second `define` throws.
 */
export function defineElement(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
