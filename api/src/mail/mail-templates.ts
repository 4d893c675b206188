/** A mail ready to send: plain, short, the link and what it is for, text and HTML alike. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Which template, for logs: never the link, the token or the address. */
  kind: MailKind;
}

export type MailKind =
  | 'reset-password'
  | 'password-changed'
  | 'verify-email'
  | 'existing-account-sign-up'
  | 'confirm-new-email'
  | 'email-changed'
  | 'account-deleted'
  | 'task-reminder'
  | 'webhook-disabled';

const NOT_YOU = 'If this wasn’t you, ';

interface Parts {
  subject: string;
  lines: string[];
  link?: { url: string; label: string };
}

function render(to: string, kind: MailKind, { subject, lines, link }: Parts): OutgoingMail {
  const text = [...lines, ...(link ? ['', `${link.label}: ${link.url}`] : [])].join('\n');
  const html = [
    ...lines.map((line) => `<p>${escapeHtml(line)}</p>`),
    link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>` : '',
  ].join('\n');
  return { to, kind, subject, text: `${text}\n\n— Taskvault\n`, html: `${html}\n<p>— Taskvault</p>\n` };
}

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export const mails = {
  resetPassword: (to: string, url: string) =>
    render(to, 'reset-password', {
      subject: 'Reset your Taskvault password',
      lines: [
        'Someone asked to reset the password of the Taskvault account for this address.',
        'The link works once and expires in 1 hour. Setting a new password signs you out everywhere.',
        `${NOT_YOU}ignore this mail: your password stays as it is.`,
      ],
      link: { url, label: 'Choose a new password' },
    }),
  passwordChanged: (to: string, signInUrl: string) =>
    render(to, 'password-changed', {
      subject: 'Your Taskvault password was changed',
      lines: [
        'The password of your Taskvault account was just reset, and every session was signed out.',
        `${NOT_YOU}reset your password again at once from the sign-in page, and check your mailbox's security.`,
      ],
      link: { url: signInUrl, label: 'Sign in' },
    }),
  verifyEmail: (to: string, url: string) =>
    render(to, 'verify-email', {
      subject: 'Confirm your email address for Taskvault',
      lines: [
        'Confirm that this address belongs to you to finish setting up your Taskvault account.',
        'The link expires in 24 hours.',
        `${NOT_YOU}ignore this mail: no account will use this address without the confirmation.`,
      ],
      link: { url, label: 'Confirm my address' },
    }),
  existingAccountSignUp: (to: string, signInUrl: string) =>
    render(to, 'existing-account-sign-up', {
      subject: 'Someone tried to sign up to Taskvault with your address',
      lines: [
        'Someone tried to create a Taskvault account with this address, but you already have one.',
        'If it was you: sign in, or reset your password from the sign-in page if you forgot it.',
        `${NOT_YOU}you can ignore this mail; nothing changed in your account.`,
      ],
      link: { url: signInUrl, label: 'Sign in' },
    }),
  confirmNewEmail: (to: string, url: string) =>
    render(to, 'confirm-new-email', {
      subject: 'Confirm your new Taskvault email address',
      lines: [
        'Someone asked to use this address for their Taskvault account.',
        'The link expires in 24 hours; the account keeps its old address until you confirm.',
        `${NOT_YOU}ignore this mail.`,
      ],
      link: { url, label: 'Use this address' },
    }),
  emailChanged: (to: string, newEmail: string) =>
    render(to, 'email-changed', {
      subject: 'Your Taskvault email address was changed',
      lines: [
        `The email address of your Taskvault account was changed to ${newEmail}.`,
        `${NOT_YOU}someone has access to your account: reply to your administrator, and reset the password from the new address if you can.`,
      ],
    }),
  accountDeleted: (to: string) =>
    render(to, 'account-deleted', {
      subject: 'Your Taskvault account was deleted',
      lines: [
        'Your Taskvault account and all its tasks were deleted, and every session was signed out.',
        `${NOT_YOU}someone knew your password: change it wherever else you use it.`,
      ],
    }),
  /** `due` is already written in the owner's time zone; the title is the owner's own text. */
  taskReminder: (to: string, task: { title: string; due: string | null }, tasksUrl: string) =>
    render(to, 'task-reminder', {
      subject: `Reminder: ${task.title}`,
      lines: [
        task.due ? `“${task.title}” is due ${task.due}.` : `You asked to be reminded of “${task.title}”.`,
        'You can turn reminder mails off in your account’s profile.',
      ],
      link: { url: tasksUrl, label: 'Open your tasks' },
    }),
  webhookDisabled: (to: string, webhook: { url: string; days: number }, webhooksUrl: string) =>
    render(to, 'webhook-disabled', {
      subject: 'A Taskvault webhook was turned off',
      lines: [
        `Deliveries to your webhook ${webhook.url} have failed for ${webhook.days} days, so Taskvault stopped sending them.`,
        'Once the endpoint answers again, turn the webhook back on in your account’s webhooks page.',
      ],
      link: { url: webhooksUrl, label: 'Open your webhooks' },
    }),
};
