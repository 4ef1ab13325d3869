import '../review-status-picker/define.js';
import { ReviewClipHeader } from './review-clip-header.js';

customElements.get('review-clip-header') || customElements.define('review-clip-header', ReviewClipHeader);
