import { MAX_EMAIL_LENGTH } from './limits.js';

/**
 * What counts as an e-mail address, for the forms, MemoryReviewApi and the reference server alike (and
 * the `senderEmail` pattern of its OpenAPI document): something `@` a domain with a dot, no white space,
 * none of `<>"(),;:` (they would split an address list or break a mail header), at most
 * `MAX_EMAIL_LENGTH` characters. Deliberately loose otherwise: the mail server is the real judge.
 */
export const EMAIL_ADDRESS_PATTERN = '^[^\\s@<>"(),;:]+@[^\\s@<>"(),;:]+\\.[^\\s@<>"(),;:]+$';

const EMAIL_ADDRESS = new RegExp(EMAIL_ADDRESS_PATTERN);

/** True when `value` is an e-mail address by `EMAIL_ADDRESS_PATTERN`. Callers trim what a person typed first. */
export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_EMAIL_LENGTH && EMAIL_ADDRESS.test(value);
}
