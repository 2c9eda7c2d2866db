import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id (memory-hard) through @node-rs/argon2 with its defaults, which follow the OWASP
 * recommendation (19 MiB, 2 passes). The encoded hash carries its own parameters and salt.
 */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(encoded: string, password: string): Promise<boolean> {
  try {
    return await verify(encoded, password);
  } catch {
    return false;
  }
}

/** Shortest password an account may be given. */
export const MIN_PASSWORD_LENGTH = 8;
