
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      'sd155728055e133ea': `The review session could not load.`,
's2c8189544e3ea679': `Retry`,
's1996c11ad02e52e9': `you are not allowed to change the review status`,
's5fb212ed33f9ffcd': `someone else changed it in the meantime`,
's896f1bc8c816d65a': `the server could not be reached`,
's88021e1fa137c34d': str`the server failed (${0})`,
'saed615913a348785': `Review status`,
's98b7d2f0cfcabcc8': str`Review status changed to ${0}`,
's6ebc9bd6feae62a3': `Loading…`,
's2e70d26677a5a5fe': `The review status could not be loaded.`,
'sb060188bb28bfa9f': `Saving…`,
's26b977734ed286f0': `No status`,
's120b096141a39cc4': str`Couldn't change the status to “${0}”: ${1}. The status is “${2}”.`,
's12d6dde9b30c3093': `Dismiss`,
'sdd5b487517893f17': `Loading clip…`,
'sfeb8a7bb7a87b136': `The clip could not be loaded.`,
's41be92367bc43c3e': `Download source`,
's8e68c3506c91ad87': `shown to clients`,
's4284fa27205f3a59': `Client version name`,
's4d761c135bfe9afd': str`Client version name: ${0}. Edit`,
's3c0d17bad169557b': `none`,
's7b95bea9ca3c1159': `Add a client version name`,
'sfecb3e34d69cf95b': `Internal name:`,
'scb50c806a192ce02': `Reason for review`,
's4b3262a44052cd02': `Add a reason for review`,
's64ef2a6c2dd1d3d1': `Edit`,
's1555a591c9052993': `Enter saves, Shift+Enter adds a line, Escape cancels.`,
's00f7a0ea434f1046': `Enter saves, Escape cancels. Leave empty to show the internal name.`,
'sc5a3dea3e0a0c272': `the client version name`,
's2f6c3283ec658be1': `the reason for review`,
's904fefb3d01cb2ae': `empty`,
'sd53d18f7f91c8a00': str`Couldn't save ${0}: ${1}. It is back to “${2}”.`,
's3a30f19d74c537b2': str`Your text: “${0}”.`,
's1505db3aff6e78de': `you are not allowed to edit this clip`,
    };
  