import { expect } from '@open-wc/testing';
import { EMAIL_ADDRESS_PATTERN, isEmailAddress } from '../../src/contract/email.js';
import { EMAIL_ADDRESSES } from './email-addresses.js';

describe('isEmailAddress: the one e-mail rule', () => {
  for (const [address, valid] of EMAIL_ADDRESSES) {
    it(`${valid ? 'accepts' : 'refuses'} ${JSON.stringify(address.length > 40 ? `${address.slice(0, 12)}…(${address.length})` : address)}`, () => {
      expect(isEmailAddress(address)).to.equal(valid);
    });
  }

  it('refuses what is not a string', () => {
    for (const value of [null, undefined, 42, ['name@example.com'], { email: 'name@example.com' }]) {
      expect(isEmailAddress(value), String(value)).to.equal(false);
    }
  });

  it('is the pattern the server publishes (JSON Schema, unicode mode as ajv compiles it)', () => {
    const unicode = new RegExp(EMAIL_ADDRESS_PATTERN, 'u');
    for (const [address, valid] of EMAIL_ADDRESSES) {
      if (address.length <= 320) expect(unicode.test(address), address).to.equal(valid);
    }
  });
});
