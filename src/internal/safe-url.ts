/**
 * URLs from the API (logo, thumbnails, source files) end up in `href`/`src`, and Lit does not filter
 * attribute values: a `javascript:` URL there would be a live script link. Only web URLs pass.
 */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'blob:']);

/**
 * `url` when it is an http(s) or blob URL (relative URLs resolve against the page), else null.
 * `images: true` also lets `data:image/…` through (harmless in `<img src>`).
 */
export function safeUrl(url: string | null | undefined, options: { images?: boolean } = {}): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url, globalThis.location?.href ?? 'http://localhost/');
  } catch {
    return null;
  }
  if (SAFE_SCHEMES.has(parsed.protocol)) return url;
  if (options.images && parsed.protocol === 'data:' && /^data:image\/(png|jpeg|gif|webp|avif);/i.test(url.trim())) return url;
  return null;
}
