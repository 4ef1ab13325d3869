import { ShareDialog } from './share-dialog.js';

customElements.get('share-dialog') || customElements.define('share-dialog', ShareDialog);
