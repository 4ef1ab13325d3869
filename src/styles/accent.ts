/**
 * The studio's accent colour (`OrgSettings.accentColor`) as theme tokens. Root elements call
 * `applyAccent(this, org.accentColor)` once the organization settings are loaded.
 */

/** Relative luminance (WCAG 2) of a `#rgb`/`#rrggbb`/`rgb(r g b)`/`rgb(r, g, b)` colour, or null. */
export function luminance(color: string): number | null {
  const c = color.trim().toLowerCase();
  let rgb: number[] | null = null;
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/.exec(c);
  if (hex) {
    const h = hex[1].length === 3 ? [...hex[1]].map((x) => x + x).join('') : hex[1];
    rgb = [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16));
  } else {
    const fn = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/.exec(c);
    if (fn) rgb = fn.slice(1, 4).map(Number);
  }
  if (!rgb) return null;
  const [r, g, b] = rgb.map((x) => {
    const s = Math.min(255, x) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Black or white, whichever reads better on `color` (white when the colour cannot be parsed). */
export function textColorOn(color: string): '#000000' | '#ffffff' {
  const l = luminance(color);
  if (l === null) return '#ffffff';
  // Contrast with white vs with black: pick the larger.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

/** `{'--review-accent', '--review-accent-fg'}` for a colour, or null when it is not a valid CSS colour. */
export function accentTokens(color: string | null | undefined): Record<'--review-accent' | '--review-accent-fg', string> | null {
  if (!color) return null;
  const valid = typeof CSS !== 'undefined' && typeof CSS.supports === 'function' ? CSS.supports('color', color) : luminance(color) !== null;
  if (!valid) return null;
  return { '--review-accent': color, '--review-accent-fg': textColorOn(color) };
}

/** Hosts whose inline accent came from `applyAccent`, so a later settings change may replace it. */
const accented = new WeakSet<HTMLElement>();

/**
 * Sets the studio accent on `host` (inline, so it reaches every element inside) unless the page already
 * themes `--review-accent` on or above it. Returns whether it applied. Invalid colours are ignored, which
 * also keeps arbitrary settings text out of the style attribute.
 */
export function applyAccent(host: HTMLElement, color: string | null | undefined): boolean {
  const tokens = accentTokens(color);
  if (!tokens) return false;
  if (!accented.has(host)) {
    const fromPage =
      host.style.getPropertyValue('--review-accent') !== '' || getComputedStyle(host).getPropertyValue('--review-accent').trim() !== '';
    if (fromPage) return false;
  }
  for (const [name, value] of Object.entries(tokens)) host.style.setProperty(name, value);
  accented.add(host);
  return true;
}
