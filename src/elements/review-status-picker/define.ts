import { defineElement } from '../../internal/define-element.js';
import { ReviewStatusPicker } from './review-status-picker.js';

defineElement('review-status-picker', ReviewStatusPicker);
