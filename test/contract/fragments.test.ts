import { expect } from '@open-wc/testing';
import { formatXywh, isXywh, parseXywh, pointFragment } from '../../src/contract/fragments.js';

describe('xywh media fragments', () => {
  it('parses and formats the percent form', () => {
    expect(parseXywh('xywh=percent:64,36,20,10')).to.deep.equal({ x: 64, y: 36, w: 20, h: 10 });
    expect(parseXywh('#xywh=percent:1.5, 2.25,0,0')).to.deep.equal({ x: 1.5, y: 2.25, w: 0, h: 0 });
    expect(formatXywh({ x: 12.3456, y: 0, w: 10, h: 5 })).to.equal('xywh=percent:12.35,0,10,5');
    expect(pointFragment(50, 50)).to.equal('xywh=percent:50,50,0,0');
  });

  it('clamps into the frame', () => {
    expect(formatXywh({ x: -5, y: 120, w: 30, h: 10 })).to.equal('xywh=percent:0,100,30,0');
    expect(parseXywh('xywh=percent:90,90,50,50')).to.deep.equal({ x: 90, y: 90, w: 10, h: 10 });
  });

  it('rejects other forms; strict validation refuses out-of-frame values', () => {
    expect(parseXywh('xywh=10,10,5,5')).to.equal(null);
    expect(parseXywh('xywh=percent:1,2,3')).to.equal(null);
    expect(parseXywh(null)).to.equal(null);
    expect(isXywh('xywh=percent:90,90,50,50')).to.be.false;
    expect(isXywh('xywh=percent:50,50,50,50')).to.be.true;
  });
});
