import { expect } from '@open-wc/testing';
import { ReviewApiError, codeForStatus, toApiError } from '../../src/contract/errors.js';

describe('ReviewApiError', () => {
  it('maps statuses to codes and tells what is worth retrying', () => {
    expect(codeForStatus(409)).to.equal('CONFLICT');
    expect(codeForStatus(503)).to.equal('SERVER_ERROR');
    expect(new ReviewApiError(503, 'SERVER_ERROR', 'down').retryable).to.be.true;
    expect(new ReviewApiError(0, 'NETWORK', 'offline').retryable).to.be.true;
    expect(new ReviewApiError(403, 'FORBIDDEN', 'no').retryable).to.be.false;
  });

  it('toApiError keeps a ReviewApiError and wraps anything else with the fallback code', () => {
    const stale = new ReviewApiError(409, 'CONFLICT', 'stale');
    expect(toApiError(stale)).to.equal(stale);
    expect(toApiError(stale, 'NETWORK')).to.equal(stale);
    const wrapped = toApiError(new TypeError('Failed to fetch'));
    expect([wrapped.status, wrapped.code, wrapped.message]).to.deep.equal([0, 'BAD_RESPONSE', 'Failed to fetch']);
    expect(wrapped.retryable).to.be.false;
    const network = toApiError('offline', 'NETWORK');
    expect([network.status, network.code, network.message]).to.deep.equal([0, 'NETWORK', 'offline']);
    expect(network.retryable).to.be.true;
  });
});
