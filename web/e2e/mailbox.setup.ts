import { LocalMailbox } from '../../api/src/mail/local-mailbox.js';
import { MAILBOX_SMTP_PORT, MAILBOX_WEB_PORT } from '../playwright.config';

/**
 * Global setup: the SMTP server the e2e API processes send to, on loopback, with its page (the
 * same local mailbox a fresh machine gets). Tests read mail through that page, as a person would.
 */
export default async function startMailbox(): Promise<() => Promise<void>> {
  const mailbox = await new LocalMailbox({ smtpPort: MAILBOX_SMTP_PORT, webPort: MAILBOX_WEB_PORT }).start();
  return () => mailbox.stop();
}
