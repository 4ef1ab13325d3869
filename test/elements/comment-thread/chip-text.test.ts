/**
 * The composer's text ↔ markup mapping (src/elements/comment-thread/chip-text.ts): what an edit does to
 * the chips, and that the stored description comes back unchanged except for the edit.
 */
import { expect } from '@open-wc/testing';
import { applyEdit, fromMarkup, insertChip, toMarkup } from '../../../src/elements/comment-thread/chip-text.js';

const NOTE = 'Edge flickers, @{3,Alex Artist} check the #{comp} matte';

describe('chip-text', () => {
  it('shows markup as readable text with chip ranges, and gives the same markup back', () => {
    const doc = fromMarkup(NOTE);
    expect(doc.text).to.equal('Edge flickers, @Alex Artist check the #comp matte');
    expect(doc.chips.map((c) => doc.text.slice(c.start, c.end))).to.deep.equal(['@Alex Artist', '#comp']);
    expect(toMarkup(doc)).to.equal(NOTE);
    // Escapes survive: a `}` in a name.
    const odd = '@{7,Smith\\} Jane} hi';
    expect(fromMarkup(odd).text).to.equal('@Smith} Jane hi');
    expect(toMarkup(fromMarkup(odd))).to.equal(odd);
  });

  it('an edit away from the chips keeps them and shifts the ones after it', () => {
    const doc = fromMarkup(NOTE);
    const next = doc.text.replace('Edge flickers', 'The edge flickers');
    const { doc: edited } = applyEdit(doc, next, 'The edge flickers'.length);
    expect(toMarkup(edited)).to.equal('The edge flickers, @{3,Alex Artist} check the #{comp} matte');
  });

  it('an edit touching a chip (one letter deleted, a selection across it) removes the whole chip', () => {
    const doc = fromMarkup(NOTE);
    const end = doc.text.indexOf(' check');
    const { doc: a, caret } = applyEdit(doc, doc.text.slice(0, end - 1) + doc.text.slice(end), end - 1);
    expect(a.text).to.equal('Edge flickers,  check the #comp matte');
    expect(caret).to.equal('Edge flickers, '.length);
    expect(toMarkup(a)).to.equal('Edge flickers,  check the #{comp} matte');
    // A selection from inside "@Alex Artist" to inside "#comp" replaced by "x".
    const from = doc.text.indexOf('Artist');
    const to = doc.text.indexOf('omp');
    const { doc: b } = applyEdit(doc, doc.text.slice(0, from) + 'x' + doc.text.slice(to), from + 1);
    expect(toMarkup(b)).to.equal('Edge flickers, x matte');
  });

  it('pasted markup becomes a chip; text that only looks like markup stays text', () => {
    const doc = fromMarkup('see ');
    const typed = 'see #{grade} and @{x,y} and #{';
    const { doc: pasted, caret } = applyEdit(doc, typed, typed.length);
    expect(pasted.text).to.equal('see #grade and @{x,y} and #{');
    expect(pasted.chips).to.have.length(1);
    expect(caret).to.equal(pasted.text.length);
    expect(toMarkup(pasted)).to.equal(typed);
  });

  it('a chip picked replaces the typed query, with a space after it', () => {
    const doc = fromMarkup('ask @Al about #{comp}');
    const { doc: next, caret } = insertChip(doc, 4, 7, '@Alex Artist', { kind: 'mention', markup: '@{3,Alex Artist}' });
    expect(next.text).to.equal('ask @Alex Artist about #comp');
    expect(caret).to.equal('ask @Alex Artist '.length);
    expect(toMarkup(next)).to.equal('ask @{3,Alex Artist} about #{comp}');
  });
});
