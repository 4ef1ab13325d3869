/**
 * Issue 22, "one date format": the invitation e-mail writes the link's expiry as the thread and the outbox
 * write dates (the package's medium date and short time, src/i18n/format.ts), naming its time zone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { invitationEmail } from '../../demo/server/mail.js';

test('the invitation gives the expiry in the package date format, in UTC and saying so', () => {
  const mail = invitationEmail({
    org: { studioName: 'Northlight', logoUrl: null, accentColor: '#e4572e', senderName: 'Review', senderEmail: 'review@example.test' },
    recipient: { name: 'Casey', email: 'casey@example.test' },
    inviterName: 'Pat',
    playlistName: 'Dailies',
    message: '',
    url: 'https://review.example.test/review.html?token=x',
    requiresPassword: false,
    expiresAt: '2026-12-14T10:00:00.000Z',
    thumbnails: [],
  });
  assert.match(mail.text, /The link works until Dec 14, 2026, 10:00\sAM UTC\./);
  assert.match(mail.html, /The link works until Dec 14, 2026, 10:00\sAM UTC\./);
});
