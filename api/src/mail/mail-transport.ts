import nodemailer, { type Transporter } from 'nodemailer';

/**
 * nodemailer over SMTP_URL. Without one (tests that do not look at mail), mail is rendered and
 * dropped by nodemailer's stream transport, so the queue still runs end to end.
 */
export function createMailTransport(smtpUrl: string | undefined): Transporter {
  if (!smtpUrl) return nodemailer.createTransport({ streamTransport: true, buffer: false });
  return nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Links and tokens are in the bodies: nodemailer's own logging stays off.
    logger: false,
    debug: false,
  });
}
