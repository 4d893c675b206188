import { decodeJwt } from 'jose';
import { confirmedEmailChange, type VerificationTokenPayload } from './email-change-confirmation.js';
import type { AppConfig } from '../config/app-config.service.js';
import { mails } from '../mail/mail-templates.js';
import type { MailService } from '../mail/mail.service.js';

interface MailUser {
  email: string;
}

/**
 * The mail Better Auth's flows send, each queued (never sent inline) so no request waits on SMTP
 * and a known address costs a request no more time than an unknown one.
 */
export class AccountMail {
  constructor(
    private readonly config: AppConfig,
    private readonly mail: MailService,
  ) {}

  get signInUrl(): string {
    return signInUrlOf(this.config.publicUrl);
  }

  /**
   * The web app's reset page (the redirectTo that Better Auth put in its own link, already checked
   * against the trusted origins) with the token in the fragment: the browser never sends it to a
   * server, so it is in no log, history entry or Referer.
   */
  resetPassword = async ({ user, url, token }: { user: MailUser; url: string; token: string }) => {
    const page = new URL(new URL(url).searchParams.get('callbackURL') ?? '/reset-password', this.config.publicUrl);
    page.search = '';
    page.hash = `token=${encodeURIComponent(token)}`;
    await this.mail.send(mails.resetPassword(user.email, page.href));
  };

  passwordChanged = async ({ user }: { user: MailUser }) =>
    this.mail.send(mails.passwordChanged(user.email, this.signInUrl));

  /** Sign-up verification, or (the token says so) the confirmation of a new address. */
  verification = async ({ user, token }: { user: MailUser; token: string }) =>
    this.verificationFrom(this.config.publicUrl, user, token);

  /**
   * The same mail, linking to the origin given: a queued sign-up's job may run on another
   * instance, and the link must lead where the person signed up.
   */
  async verificationFrom(origin: string, user: MailUser, token: string): Promise<void> {
    const payload = decodeJwt<VerificationTokenPayload>(token);
    // The web app's page, token in the fragment; it calls GET /api/auth/verify-email with the header.
    const url = `${origin}/email-verified#token=${encodeURIComponent(token)}`;
    const mail =
      payload.requestType === 'change-email-verification'
        ? mails.confirmNewEmail(user.email, url)
        : mails.verifyEmail(user.email, url);
    await this.mail.send(mail);
  }

  /** "Someone tried to sign up with your address", linking to the sign-in page of `origin`. */
  existingAccountSignUp = async (origin: string, user: MailUser) =>
    this.mail.send(mails.existingAccountSignUp(user.email, signInUrlOf(origin)));

  /**
   * After a user row changes through GET /verify-email with a change-of-address token, the old
   * address (in the token, which Better Auth has just verified) hears about it.
   */
  emailChangedNotice = async (user: MailUser, path: string | undefined, token: unknown) => {
    const change = confirmedEmailChange(user.email, path, token);
    if (change) await this.mail.send(mails.emailChanged(change.from, change.to));
  };

  accountDeleted = async (user: MailUser) => this.mail.send(mails.accountDeleted(user.email));
}

/** The web app's sign-in page on an origin. */
const signInUrlOf = (origin: string) => `${origin}/login`;
