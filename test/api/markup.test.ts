import { expect } from '@open-wc/testing';
import {
  deriveMentionIds,
  deriveTags,
  formatMention,
  formatTag,
  markupToPlainText,
  tokenizeMarkup,
} from '../../src/api/markup.js';

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
});
