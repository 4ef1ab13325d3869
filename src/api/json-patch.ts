/**
 * JSON Patch (RFC 6902) over JSON Pointers (RFC 6901), just what the review API needs: the `Operation`
 * type, `applyPatch` that never mutates its input, and `compare` that builds the patch between two
 * documents. In-house because the general-purpose library cost 10 kB min in every bundle that edits a
 * comment, and is CommonJS (awkward to import from Node ESM).
 */

export type Operation =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'move'; path: string; from: string }
  | { op: 'copy'; path: string; from: string }
  | { op: 'test'; path: string; value: unknown };

/** Why an op failed: a `test` whose value differs, or an op that cannot be applied (bad path, bad shape). */
export type JsonPatchErrorCode = 'TEST_FAILED' | 'INVALID_OP';

export class JsonPatchError extends Error {
  constructor(
    readonly code: JsonPatchErrorCode,
    /** The failing op, as given (possibly malformed). */
    readonly operation: Partial<Operation>,
    /** Its position in the patch. */
    readonly index: number,
    /** What went wrong, without the op (the message names both). */
    readonly reason: string,
  ) {
    super(`JSON Patch op ${index} (${operation.op} ${JSON.stringify(operation.path)}): ${reason}`);
    this.name = 'JsonPatchError';
  }
}

type Container = Record<string, unknown> | unknown[];

const isContainer = (v: unknown): v is Container => typeof v === 'object' && v !== null;

/** Escapes one reference token: `~` → `~0`, `/` → `~1`. */
export const escapePathToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** The reference tokens of a JSON Pointer (`''` is the whole document, so no tokens). */
function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (pointer[0] !== '/') throw new Error(`${JSON.stringify(pointer)} is not a JSON Pointer (it must start with "/")`);
  // ~1 before ~0, so that "~01" becomes "~1" and not "/".
  return pointer.slice(1).split('/').map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The array index a token names; `allowEnd` admits `-` and `length` (where `add` appends). */
function arrayIndex(array: unknown[], token: string, allowEnd: boolean): number {
  const end = array.length;
  if (token === '-' && allowEnd) return end;
  if (!/^(0|[1-9][0-9]*)$/.test(token)) throw new Error(`"${token}" is not an array index`);
  const index = Number(token);
  if (index > end || (index === end && !allowEnd)) throw new Error(`index ${index} is past the end of the array (length ${end})`);
  return index;
}

function member(container: Container, token: string): unknown {
  if (Array.isArray(container)) return container[arrayIndex(container, token, false)];
  // Own properties only: "__proto__" or "toString" name nothing unless the document has them.
  if (!Object.hasOwn(container, token)) throw new Error(`"${token}" does not exist`);
  return container[token];
}

function valueAt(doc: unknown, tokens: readonly string[]): unknown {
  let node = doc;
  for (const token of tokens) {
    if (!isContainer(node)) throw new Error(`"${token}" does not exist (its parent is not an object or array)`);
    node = member(node, token);
  }
  return node;
}

/** A shallow copy of a container; the key is defined as data, so "__proto__" stays an ordinary member. */
function withMember(container: Container, token: string, value: unknown, mode: 'add' | 'replace' | 'remove'): Container {
  if (Array.isArray(container)) {
    const copy = container.slice();
    const index = arrayIndex(container, token, mode === 'add');
    if (mode === 'add') copy.splice(index, 0, value);
    else if (mode === 'replace') copy[index] = value;
    else copy.splice(index, 1);
    return copy;
  }
  if (mode !== 'add' && !Object.hasOwn(container, token)) throw new Error(`"${token}" does not exist`);
  const copy = { ...container };
  if (mode === 'remove') delete copy[token];
  else Object.defineProperty(copy, token, { value, writable: true, enumerable: true, configurable: true });
  return copy;
}

/**
 * `doc` with the member at `tokens` added, replaced or removed. Copies only the containers on the path,
 * so untouched parts are shared with `doc` and `doc` itself is never modified.
 */
function update(doc: unknown, tokens: readonly string[], value: unknown, mode: 'add' | 'replace' | 'remove'): unknown {
  if (tokens.length === 0) {
    if (mode === 'remove') throw new Error('cannot remove the whole document');
    return value;
  }
  const [token, ...rest] = tokens;
  if (!isContainer(doc)) throw new Error(`"${token}" does not exist (its parent is not an object or array)`);
  if (rest.length === 0) return withMember(doc, token, value, mode);
  return withMember(doc, token, update(member(doc, token), rest, value, mode), 'replace');
}

/** Equality of JSON values: object member order does not matter, array order does. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => Object.hasOwn(b, k) && jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

class TestFailed extends Error {}

function applyOne(doc: unknown, op: Operation): unknown {
  const tokens = parsePointer(op.path);
  switch (op.op) {
    case 'add':
    case 'replace':
      if (!('value' in op) || op.value === undefined) throw new Error('the op has no value');
      return update(doc, tokens, structuredClone(op.value), op.op);
    case 'remove':
      return update(doc, tokens, undefined, 'remove');
    case 'test':
      if (!('value' in op) || op.value === undefined) throw new Error('the op has no value');
      if (!jsonEqual(valueAt(doc, tokens), op.value)) throw new TestFailed();
      return doc;
    case 'move':
    case 'copy': {
      if (typeof op.from !== 'string') throw new Error('the op has no "from" pointer');
      const from = parsePointer(op.from);
      const value = valueAt(doc, from);
      if (op.op === 'copy') return update(doc, tokens, value, 'add');
      if (op.from === op.path) return doc;
      if (op.path.startsWith(op.from + '/')) throw new Error(`cannot move ${op.from} into its own child`);
      return update(update(doc, from, undefined, 'remove'), tokens, value, 'add');
    }
    default:
      throw new Error(`unknown op ${JSON.stringify((op as { op?: unknown }).op)}`);
  }
}

/**
 * Applies `ops` in order and returns the new document; `doc` is never modified (unchanged parts are
 * shared with the result). All or nothing: the first failing op throws a `JsonPatchError` naming it, and
 * no partial result escapes.
 */
export function applyPatch<T>(doc: T, ops: readonly Operation[]): T {
  let result: unknown = doc;
  ops.forEach((op, index) => {
    const given = (isContainer(op) ? op : {}) as Partial<Operation>;
    if (typeof given.path !== 'string') throw new JsonPatchError('INVALID_OP', given, index, 'the op has no path');
    try {
      result = applyOne(result, op);
    } catch (e) {
      if (e instanceof TestFailed) throw new JsonPatchError('TEST_FAILED', given, index, `the value is not ${JSON.stringify((op as { value?: unknown }).value)}`);
      throw new JsonPatchError('INVALID_OP', given, index, (e as Error).message);
    }
  });
  return result as T;
}

/**
 * The patch turning `before` into `after`: `remove`/`replace`/`add` per object member, recursing into
 * nested objects; an array that differs is replaced whole. Members whose value is `undefined` count as
 * absent (as in JSON). Values in the ops are copies.
 */
export function compare(before: unknown, after: unknown, path = ''): Operation[] {
  if (jsonEqual(before, after)) return [];
  const plainObject = (v: unknown): v is Record<string, unknown> => isContainer(v) && !Array.isArray(v);
  if (!plainObject(before) || !plainObject(after)) return [{ op: 'replace', path, value: structuredClone(after) }];
  const ops: Operation[] = [];
  const has = (o: Record<string, unknown>, k: string) => Object.hasOwn(o, k) && o[k] !== undefined;
  for (const key of Object.keys(before)) {
    if (!has(before, key)) continue;
    const at = `${path}/${escapePathToken(key)}`;
    if (!has(after, key)) ops.push({ op: 'remove', path: at });
    else ops.push(...compare(before[key], after[key], at));
  }
  for (const key of Object.keys(after)) {
    if (has(after, key) && !has(before, key)) ops.push({ op: 'add', path: `${path}/${escapePathToken(key)}`, value: structuredClone(after[key]) });
  }
  return ops;
}
