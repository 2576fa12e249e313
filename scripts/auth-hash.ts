import { hashPassword } from '../lib/adapters/auth/password-hash.ts';

/** `npm run auth:hash -- '<password>'`: prints the DASHBOARD_PASSWORD_HASH value for a password. */
const password = process.argv[2];
if (!password || password.length < 8) {
  console.error("Usage: npm run auth:hash -- '<password of at least 8 characters>'");
  process.exit(1);
}
console.log(await hashPassword(password));
