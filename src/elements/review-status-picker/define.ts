import { ReviewStatusPicker } from './review-status-picker.js';

customElements.get('review-status-picker') || customElements.define('review-status-picker', ReviewStatusPicker);
