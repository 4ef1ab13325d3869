import { defineElement } from '../../internal/define-element.js';
import { ShareDialog } from './share-dialog.js';

defineElement('share-dialog', ShareDialog);
