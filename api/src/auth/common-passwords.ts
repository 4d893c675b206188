import { dictionary } from '@zxcvbn-ts/language-common';
import { APIError } from 'better-auth/api';
import type { AuthHookContext } from './auth-hook-context.js';

/** The ~49,000 most common passwords (zxcvbn-ts's list, shipped in the package: checked offline). */
const COMMON_PASSWORDS = new Set(dictionary['passwords-common'].map((password) => password.toLowerCase()));

/** Where a new password is chosen, and the field that carries it. */
const NEW_PASSWORD_FIELDS: Record<string, string> = {
  '/sign-up/email': 'password',
  '/change-password': 'newPassword',
  '/reset-password': 'newPassword',
};

export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** Refuses a new password from the common list, in Better Auth's error shape, before anything is written. */
export function refuseCommonPasswords(ctx: AuthHookContext): void {
  const field = NEW_PASSWORD_FIELDS[ctx.path];
  if (!field) return;
  const password = (ctx.body as Record<string, unknown> | undefined)?.[field];
  if (typeof password === 'string' && isCommonPassword(password)) {
    throw new APIError('BAD_REQUEST', {
      code: 'PASSWORD_TOO_COMMON',
      message: 'This password is one of the most common ones and easy to guess; choose another',
    });
  }
}
