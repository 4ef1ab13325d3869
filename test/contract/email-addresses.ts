/**
 * The e-mail address table: what `isEmailAddress` (src/contract/email.ts) accepts and refuses. The unit
 * test (email.test.ts) checks the rule against it; the ReviewApi contract suite checks that MemoryReviewApi
 * and the reference server accept and refuse the same addresses wherever one is stored.
 */
import { MAX_EMAIL_LENGTH } from '../../src/contract/limits.js';

const longest = `${'a'.repeat(MAX_EMAIL_LENGTH - '@example.com'.length)}@example.com`;

/** [address, is it an address]; every row names why in its address where it can. */
export const EMAIL_ADDRESSES: ReadonlyArray<readonly [string, boolean]> = [
  ['name@example.com', true],
  ['first.last+review@studio.co.uk', true],
  ['Review@Studio.COM', true],
  ["o'brien@example.ie", true],
  ['x@a.b', true],
  ['under_score-dash@sub.domain.example', true],
  [longest, true],
  [`a${longest}`, false], // one character over MAX_EMAIL_LENGTH
  ['', false],
  ['plainaddress', false],
  ['no-dot@localhost', false], // the server's senderEmail pattern used to accept it
  ['@example.com', false],
  ['name@', false],
  ['name@.com', false],
  ['two@@example.com', false],
  ['a@b@example.com', false], // MemoryReviewApi's /^\S+@\S+\.\S+$/ used to accept it
  ['a,b@example.com', false], // the forms used to accept it, the server refused it
  ['a;b@example.com', false],
  ['name:x@example.com', false],
  ['name@exa(mple).com', false],
  ['"quoted"@example.com', false],
  ['<name@example.com>', false],
  ['Name <name@example.com>', false],
  ['name @example.com', false],
  ['name@example.com ', false], // callers trim what a person typed; the rule itself does not
  ['name@exam\tple.com', false],
  ['name@example.com\nBcc: other@example.com', false],
];
