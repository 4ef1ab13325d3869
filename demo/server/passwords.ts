/**
 * Password hashing with scrypt (N=2^14, r=8, p=1, 16-byte salt, 32-byte key), stored as
 * `scrypt$N$r$p$<salt b64>$<key b64>`; verification compares keys in constant time.
 */
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const N = 16384;
const R = 8;
const P = 1;
const KEYLEN = 32;

// Seeding hashes the same fixture passwords again on every reseed of a test server; a hash is kept per
// password for the process so a reseed stays fast. Each process still gets its own random salts.
const seedCache = new Map<string, string>();

export function hashPasswordSync(password: string): string {
  const cached = seedCache.get(password);
  if (cached) return cached;
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, KEYLEN, { N, r: R, p: P });
  const hash = `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
  seedCache.set(password, hash);
  return hash;
}

function scryptAsync(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))));
}

// Unknown e-mails are checked against this, so the answer takes as long as for a known one.
const DUMMY = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEYLEN).toString('base64')}`;

export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parts = (stored ?? DUMMY).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4], 'base64');
  const expected = Buffer.from(parts[5], 'base64');
  const key = await scryptAsync(password, salt, expected.length, { N: n, r, p });
  return timingSafeEqual(key, expected) && stored != null;
}
