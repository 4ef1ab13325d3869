import { defineElement } from '../../internal/define-element.js';
import '../review-status-picker/define.js';
import { ReviewClipHeader } from './review-clip-header.js';

defineElement('review-clip-header', ReviewClipHeader);
