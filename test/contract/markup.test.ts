import { expect } from '@open-wc/testing';
import { deriveMentionIds, deriveTags, formatMention, formatTag, markupToPlainText, tokenizeMarkup } from '../../src/contract/markup.js';

describe('comment markup', () => {
  it('splits a description into text, mention and tag parts', () => {
    const tokens = tokenizeMarkup('Hey @{3,Alex Artist} check the #{comp} matte');
    expect(tokens).to.deep.equal([
      { type: 'text', text: 'Hey ' },
      { type: 'mention', userId: 3, name: 'Alex Artist', raw: '@{3,Alex Artist}' },
      { type: 'text', text: ' check the ' },
      { type: 'tag', tag: 'comp', raw: '#{comp}' },
      { type: 'text', text: ' matte' },
    ]);
  });

  it('derives unique mention ids and tags in order', () => {
    const d = '@{2,Sam} #{grade} @{3,Alex} again @{2,Sam} #{grade} #{comp}';
    expect(deriveMentionIds(d)).to.deep.equal([2, 3]);
    expect(deriveTags(d)).to.deep.equal(['grade', 'comp']);
  });

  it('round-trips names with commas, braces and backslashes', () => {
    const name = 'Smith, Jane {the} \\ boss';
    const text = `ping ${formatMention({ id: 7, name })} ${formatTag('a}b')}`;
    expect(text).to.equal('ping @{7,Smith, Jane {the\\} \\\\ boss} #{a\\}b}');
    const tokens = tokenizeMarkup(text);
    expect(tokens[1]).to.include({ type: 'mention', userId: 7, name });
    expect(tokens[3]).to.include({ type: 'tag', tag: 'a}b' });
    expect(markupToPlainText(text)).to.equal(`ping @${name} #a}b`);
  });

  it('leaves malformed markers as text', () => {
    expect(tokenizeMarkup('@{x,Name} #{} @{5 Name}')).to.deep.equal([{ type: 'text', text: '@{x,Name} #{} @{5 Name}' }]);
    expect(tokenizeMarkup('')).to.deep.equal([]);
  });

  it('parses as the markup’s regular expression would, on random text full of markers and escapes', () => {
    // The grammar as a regular expression (quadratic on unclosed markers, so no longer the parser): the oracle.
    const MARKER = /@\{(\d+),((?:[^\\}]|\\[\s\S])*)\}|#\{((?:[^\\}]|\\[\s\S])+)\}/g;
    const unescape = (v: string) => v.replace(/\\([\s\S])/g, '$1');
    const oracle = (d: string) => {
      const out: unknown[] = [];
      let last = 0;
      for (const m of d.matchAll(MARKER)) {
        const index = m.index ?? 0;
        if (index > last) out.push({ type: 'text', text: d.slice(last, index) });
        out.push(
          m[1] !== undefined
            ? { type: 'mention', userId: Number(m[1]), name: unescape(m[2] ?? ''), raw: m[0] }
            : { type: 'tag', tag: unescape(m[3] ?? ''), raw: m[0] },
        );
        last = index + m[0].length;
      }
      if (last < d.length) out.push({ type: 'text', text: d.slice(last) });
      return out;
    };
    const alphabet = ['@', '#', '{', '}', '\\', ',', '1', '7', 'a', ' ', '@{', '#{', '@{12,'];
    let seed = 12345;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let run = 0; run < 3000; run++) {
      let d = '';
      for (let k = random(24); k > 0; k--) d += alphabet[random(alphabet.length)];
      expect(tokenizeMarkup(d), JSON.stringify(d)).to.deep.equal(oracle(d));
    }
  });

  it('reads 100 kB of unclosed markers in one pass (a regular expression took minutes: the test would time out)', () => {
    const tags = '#{'.repeat(50_000);
    const tokens = tokenizeMarkup(tags);
    expect(tokens.length === 1 && tokens[0].type === 'text' && tokens[0].text === tags, 'one text part').to.equal(true);
    expect(deriveMentionIds('@{1,'.repeat(25_000))).to.deep.equal([]);
    expect(deriveTags(`#{ok} ${tags}`)).to.deep.equal(['ok']);
  });
});
