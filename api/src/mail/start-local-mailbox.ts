import type { EnvironmentVariables } from '../config/environment.js';
import type { LocalMailbox } from './local-mailbox.js';

/**
 * The local mailbox of a fresh machine, on its usual ports (1025 SMTP, 1080 web) or, when another
 * Taskvault already holds them, on free ones. Never in production (SMTP_URL is required there).
 */
export async function startLocalMailbox(
  environment: EnvironmentVariables,
  log: (message: string) => void,
): Promise<LocalMailbox> {
  // Loaded only here: an SMTP server and a MIME parser (5.4 MiB of heap, 8 MiB of RSS) have no
  // place in a production process, which sends to SMTP_URL.
  const { LocalMailbox } = await import('./local-mailbox.js');
  const preferred = { smtpPort: environment.LOCAL_MAILBOX_SMTP_PORT, webPort: environment.LOCAL_MAILBOX_WEB_PORT };
  const mailbox = await new LocalMailbox(preferred).start().catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE') throw error;
    return new LocalMailbox({ smtpPort: 0, webPort: 0 }).start();
  });
  log(`SMTP_URL is not set: mail goes to the local mailbox at ${mailbox.webUrl}`);
  return mailbox;
}
