import { expect } from '@open-wc/testing';
import { applyPatch, compare, JsonPatchError, type Operation } from '../../src/api/json-patch.js';

/** The error `applyPatch` throws (fails the test when it does not throw one). */
function patchError(doc: unknown, ops: Operation[]): JsonPatchError {
  try {
    applyPatch(doc, ops);
  } catch (e) {
    expect(e).to.be.instanceOf(JsonPatchError);
    return e as JsonPatchError;
  }
  throw new Error('applyPatch did not throw');
}

describe('json-patch applyPatch', () => {
  const doc = () => ({ a: { b: 1, list: [1, 2, 3] }, s: 'x' });

  it('add: sets a member, inserts into an array at an index or at the end with "-"', () => {
    expect(applyPatch(doc(), [{ op: 'add', path: '/a/c', value: { d: true } }]).a).to.deep.equal({ b: 1, list: [1, 2, 3], c: { d: true } });
    expect(applyPatch(doc(), [{ op: 'add', path: '/a/list/1', value: 9 }]).a.list).to.deep.equal([1, 9, 2, 3]);
    expect(applyPatch(doc(), [{ op: 'add', path: '/a/list/3', value: 9 }]).a.list).to.deep.equal([1, 2, 3, 9]);
    expect(applyPatch(doc(), [{ op: 'add', path: '/a/list/-', value: 9 }]).a.list).to.deep.equal([1, 2, 3, 9]);
    // add on an existing member replaces it
    expect(applyPatch(doc(), [{ op: 'add', path: '/s', value: 'y' }]).s).to.equal('y');
  });

  it('remove: deletes a member or an array element', () => {
    expect(applyPatch(doc(), [{ op: 'remove', path: '/s' }])).to.deep.equal({ a: { b: 1, list: [1, 2, 3] } });
    expect(applyPatch(doc(), [{ op: 'remove', path: '/a/list/0' }]).a.list).to.deep.equal([2, 3]);
  });

  it('replace: changes an existing value, also the whole document with path ""', () => {
    expect(applyPatch(doc(), [{ op: 'replace', path: '/a/b', value: null }]).a.b).to.equal(null);
    expect(applyPatch(doc(), [{ op: 'replace', path: '/a/list/2', value: 7 }]).a.list).to.deep.equal([1, 2, 7]);
    expect(applyPatch(doc(), [{ op: 'replace', path: '', value: [1] }])).to.deep.equal([1]);
  });

  it('move: removes at from, then adds at path (indices counted after the removal)', () => {
    expect(applyPatch(doc(), [{ op: 'move', from: '/s', path: '/a/s' }])).to.deep.equal({ a: { b: 1, list: [1, 2, 3], s: 'x' } });
    expect(applyPatch({ ids: [10, 20, 30, 40] }, [{ op: 'move', from: '/ids/0', path: '/ids/3' }]).ids).to.deep.equal([20, 30, 40, 10]);
    expect(applyPatch({ ids: [10, 20, 30, 40] }, [{ op: 'move', from: '/ids/3', path: '/ids/0' }]).ids).to.deep.equal([40, 10, 20, 30]);
  });

  it('copy: duplicates a value; changing the copy later leaves the source alone', () => {
    const out = applyPatch(doc(), [
      { op: 'copy', from: '/a', path: '/b' },
      { op: 'replace', path: '/b/list/0', value: 99 },
    ]) as ReturnType<typeof doc> & { b: { list: number[] } };
    expect(out.b.list).to.deep.equal([99, 2, 3]);
    expect(out.a.list).to.deep.equal([1, 2, 3]);
  });

  it('test: passes on a deep-equal value (member order does not matter), fails with TEST_FAILED otherwise', () => {
    const d = { o: { x: 1, y: [1, { z: 2 }] } };
    expect(applyPatch(d, [{ op: 'test', path: '/o', value: { y: [1, { z: 2 }], x: 1 } }])).to.equal(d);
    const e = patchError(d, [{ op: 'test', path: '/o/y', value: [{ z: 2 }, 1] }]);
    expect(e.code).to.equal('TEST_FAILED');
    expect(e.index).to.equal(0);
    expect(patchError({ n: 1 }, [{ op: 'test', path: '/n', value: '1' }]).code).to.equal('TEST_FAILED');
  });

  it('decodes ~1 as "/" and ~0 as "~" (in that order), and compare escapes them back', () => {
    const d = { 'a/b': 1, 'm~n': 2, '~1': 3 };
    expect(applyPatch(d, [{ op: 'replace', path: '/a~1b', value: 10 }])['a/b']).to.equal(10);
    expect(applyPatch(d, [{ op: 'replace', path: '/m~0n', value: 20 }])['m~n']).to.equal(20);
    // "~01" is the key "~1", not "~/"
    expect(applyPatch(d, [{ op: 'replace', path: '/~01', value: 30 }])['~1']).to.equal(30);
    const after = { 'a/b': 1, 'm~n': 5, '~1': 3 };
    const ops = compare(d, after);
    expect(ops).to.deep.equal([{ op: 'replace', path: '/m~0n', value: 5 }]);
    expect(applyPatch(d, ops)).to.deep.equal(after);
  });

  it('never modifies its input, shares untouched parts, and copies the values it inserts', () => {
    const input = doc();
    const before = structuredClone(input);
    const value = { deep: [1] };
    const out = applyPatch(input, [
      { op: 'add', path: '/a/list/-', value },
      { op: 'remove', path: '/s' },
      { op: 'move', from: '/a/b', path: '/b' },
    ]);
    expect(input).to.deep.equal(before);
    expect(out).to.deep.equal({ a: { list: [1, 2, 3, { deep: [1] }] }, b: 1 });
    value.deep.push(2);
    expect(out.a.list[3]).to.deep.equal({ deep: [1] });
    const other = { keep: { big: [1] }, n: 1 };
    expect(applyPatch(other, [{ op: 'replace', path: '/n', value: 2 }]).keep).to.equal(other.keep);
  });

  it('a failed test leaves the document unchanged, even after earlier ops of the same patch', () => {
    const input = doc();
    const before = structuredClone(input);
    const e = patchError(input, [
      { op: 'replace', path: '/s', value: 'changed' },
      { op: 'test', path: '/a/b', value: 2 },
    ]);
    expect(e.code).to.equal('TEST_FAILED');
    expect(e.index).to.equal(1);
    expect(input).to.deep.equal(before);
  });

  it('refuses paths that name nothing, with an error naming the op and its path', () => {
    const cases: [Operation, RegExp][] = [
      [{ op: 'replace', path: '/a/nope/deeper', value: 1 }, /"nope" does not exist/],
      [{ op: 'remove', path: '/nope' }, /"nope" does not exist/],
      [{ op: 'replace', path: '/a/list/3', value: 1 }, /past the end/],
      [{ op: 'add', path: '/a/list/4', value: 1 }, /past the end/],
      [{ op: 'add', path: '/a/list/01', value: 1 }, /not an array index/],
      [{ op: 'remove', path: '/a/list/-' }, /not an array index/],
      [{ op: 'add', path: '/s/x', value: 1 }, /parent is not an object or array/],
      [{ op: 'add', path: 'a', value: 1 }, /must start with "\/"/],
      [{ op: 'move', from: '/a', path: '/a/b/c' }, /own child/],
      [{ op: 'copy', from: '/gone', path: '/x' }, /"gone" does not exist/],
      [{ op: 'test', path: '/toString', value: 1 }, /"toString" does not exist/],
    ];
    for (const [op, reason] of cases) {
      const e = patchError(doc(), [op]);
      expect(e.code, op.path).to.equal('INVALID_OP');
      expect(e.reason, op.path).to.match(reason);
      expect(e.message).to.contain(`${op.op} ${JSON.stringify(op.path)}`);
    }
  });

  it('refuses malformed ops: unknown op, no path, no value', () => {
    const bad = (op: unknown) => patchError(doc(), [op as Operation]);
    expect(bad({ op: 'frobnicate', path: '/s' }).reason).to.match(/unknown op "frobnicate"/);
    expect(bad({ op: 'replace', value: 1 }).reason).to.match(/no path/);
    expect(bad({ op: 'add', path: '/s' }).reason).to.match(/no value/);
    expect(bad({ op: 'move', path: '/s' }).reason).to.match(/no "from"/);
    expect(bad(null).reason).to.match(/no path/);
  });

  it('"__proto__" is an ordinary member: adding it does not change the prototype', () => {
    const out = applyPatch({} as Record<string, unknown>, [{ op: 'add', path: '/__proto__', value: { polluted: true } }]);
    expect(Object.getPrototypeOf(out)).to.equal(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).to.be.true;
    expect(({} as Record<string, unknown>).polluted).to.equal(undefined);
  });
});

describe('json-patch compare', () => {
  it('gives the ops that turn before into after: remove, replace, add, nested objects recursed', () => {
    const before = { keep: 1, gone: 2, change: 'a', nested: { x: 1, y: 2 }, list: [1, 2] };
    const after = { keep: 1, change: 'b', nested: { x: 1, y: 3, z: 4 }, list: [1, 2, 3], added: [true] };
    const ops = compare(before, after);
    expect(ops).to.deep.equal([
      { op: 'remove', path: '/gone' },
      { op: 'replace', path: '/change', value: 'b' },
      { op: 'replace', path: '/nested/y', value: 3 },
      { op: 'add', path: '/nested/z', value: 4 },
      { op: 'replace', path: '/list', value: [1, 2, 3] },
      { op: 'add', path: '/added', value: [true] },
    ]);
    expect(applyPatch(before, ops)).to.deep.equal(after);
  });

  it('is empty for equal documents and treats undefined members as absent', () => {
    expect(compare({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] })).to.deep.equal([]);
    expect(compare({ a: 1 }, { a: undefined })).to.deep.equal([{ op: 'remove', path: '/a' }]);
  });

  it('replaces a member whose kind changes (object ↔ array ↔ scalar)', () => {
    expect(compare({ a: { x: 1 } }, { a: [1] })).to.deep.equal([{ op: 'replace', path: '/a', value: [1] }]);
    expect(compare({ a: null }, { a: { x: 1 } })).to.deep.equal([{ op: 'replace', path: '/a', value: { x: 1 } }]);
  });
});
