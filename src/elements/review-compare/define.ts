import { defineElement } from '../../internal/define-element.js';
import { ReviewCompare } from './review-compare.js';

defineElement('review-compare', ReviewCompare);
