import { expect, fixture, html } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { accentTokens, applyAccent, textColorOn } from '../../src/styles/accent.js';
import { TOKENS, darkTokenDeclarations, themeStyles, v } from '../../src/styles/tokens.js';
import { TOKEN_DOCS } from '../../src/styles/token-docs.js';

/** A root element like <review-session>: themeStyles on its host, a token-styled child inside. */
class ThemeRootProbe extends LitElement {
  static override styles = [themeStyles, css`p { color: ${v.fg}; background: ${v.bg}; }`];
  override render() {
    return html`<p>text</p>`;
  }
}
customElements.define('theme-root-probe', ThemeRootProbe);

const tokenOf = (el: Element, name: string) => getComputedStyle(el).getPropertyValue(name).trim();
const inner = (el: ThemeRootProbe) => el.shadowRoot!.querySelector('p')!;

describe('theming', () => {
  it('documents every token; each reads as var(--review-<key>, <light default>) and dark values stay for the theme', () => {
    expect(TOKENS.map((t) => t.key)).to.deep.equal(Object.keys(TOKEN_DOCS));
    for (const t of TOKENS) expect(v[t.key].cssText).to.equal(`var(--review-${t.key}, ${t.light})`);
    expect(TOKENS.find((t) => t.key === 'bg')).to.deep.include({ light: '#ffffff', dark: '#121419' });
    expect(TOKENS.find((t) => t.key === 'radius')!.dark).to.equal(undefined);
    expect(darkTokenDeclarations).to.contain('--review-surface: #1c1f26;');
  });

  it('keeps text at 4.5:1 and control borders at 3:1 on the background, in both themes (WCAG 1.4.3, 1.4.11)', () => {
    const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16) / 255);
    const luminance = (c: string) => {
      const [r, g, b] = hex(c).map((x) => (x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi + 0.05) / (lo + 0.05);
    };
    const token = (key: string, theme: 'light' | 'dark') => {
      const t = TOKENS.find((x) => x.key === key)!;
      return theme === 'dark' ? (t.dark ?? t.light) : t.light;
    };
    for (const theme of ['light', 'dark'] as const) {
      const bg = token('bg', theme);
      expect(contrast(token('fg', theme), bg), `fg on bg, ${theme}`).to.be.at.least(4.5);
      expect(contrast(token('muted', theme), bg), `muted on bg, ${theme}`).to.be.at.least(4.5);
      expect(contrast(token('control-border', theme), bg), `control-border on bg, ${theme}`).to.be.at.least(3);
    }
  });

  it('uses the light defaults when nothing is set, and the dark palette with theme="dark"', async () => {
    const light = await fixture<ThemeRootProbe>(html`<theme-root-probe></theme-root-probe>`);
    expect(getComputedStyle(inner(light)).backgroundColor).to.equal('rgb(255, 255, 255)');
    const dark = await fixture<ThemeRootProbe>(html`<theme-root-probe theme="dark"></theme-root-probe>`);
    expect(tokenOf(dark, '--review-bg')).to.equal('#121419');
    expect(getComputedStyle(inner(dark)).backgroundColor).to.equal('rgb(18, 20, 25)');
  });

  it('lets the page theme from an ancestor, and a value on the element beats the theme', async () => {
    const wrap = await fixture<HTMLDivElement>(
      html`<div style="--review-fg: rgb(1, 2, 3)"><theme-root-probe></theme-root-probe><theme-root-probe theme="dark" style="--review-bg: rgb(4, 5, 6)"></theme-root-probe></div>`,
    );
    const [plain, dark] = wrap.querySelectorAll<ThemeRootProbe>('theme-root-probe');
    await plain.updateComplete;
    expect(getComputedStyle(inner(plain)).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(inner(dark)).backgroundColor).to.equal('rgb(4, 5, 6)');
  });

  it('applies the studio accent with a readable text colour, unless the page set one', async () => {
    expect(textColorOn('#1e3a8a')).to.equal('#ffffff');
    expect(textColorOn('#fde047')).to.equal('#000000');
    expect(accentTokens('red; background: url(x)')).to.equal(null);

    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    expect(applyAccent(host, '#1e3a8a')).to.be.true;
    expect(host.style.getPropertyValue('--review-accent')).to.equal('#1e3a8a');
    expect(host.style.getPropertyValue('--review-accent-fg')).to.equal('#ffffff');
    // A later settings change replaces the accent it set itself.
    expect(applyAccent(host, '#fde047')).to.be.true;
    expect(host.style.getPropertyValue('--review-accent-fg')).to.equal('#000000');
    expect(applyAccent(host, 'not a colour')).to.be.false;

    const themed = await fixture<HTMLDivElement>(html`<div style="--review-accent: #0a0"><span></span></div>`);
    const child = themed.querySelector('span')!;
    expect(applyAccent(child, '#1e3a8a')).to.be.false;
    expect(child.style.getPropertyValue('--review-accent')).to.equal('');
  });
});
