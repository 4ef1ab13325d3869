import { expect } from '@open-wc/testing';
import { ReviewApiError, codeForStatus } from '../../src/contract/errors.js';

describe('ReviewApiError', () => {
  it('maps statuses to codes and tells what is worth retrying', () => {
    expect(codeForStatus(409)).to.equal('CONFLICT');
    expect(codeForStatus(503)).to.equal('SERVER_ERROR');
    expect(new ReviewApiError(503, 'SERVER_ERROR', 'down').retryable).to.be.true;
    expect(new ReviewApiError(0, 'NETWORK', 'offline').retryable).to.be.true;
    expect(new ReviewApiError(403, 'FORBIDDEN', 'no').retryable).to.be.false;
  });
});
