import type { AppConfig } from '../config/app-config.service.js';

const pretty = () => Boolean(process.stdout.isTTY);

/**
 * Lines written before the logger exists and after it is done: readable text on a terminal,
 * one JSON line each otherwise (the same shape as the request logs, for log collectors).
 */
export function startupLog(message: string, fields: Record<string, unknown> = {}): void {
  process.stdout.write(
    pretty() ? `${message}\n` : `${JSON.stringify({ level: 30, time: Date.now(), msg: message, ...fields })}\n`,
  );
}

/** The one set of URLs a person needs, printed once the API listens, after the start-up noise. */
export function printUrls(config: AppConfig, webAppServed: boolean, mailboxUrl?: string): void {
  const base = config.publicUrl;
  const urls = {
    webApp: webAppServed ? `${base}/` : undefined,
    api: `${base}/api`,
    apiExplorer: `${base}/api/docs`,
    health: `${base}/api/health`,
    mailbox: mailboxUrl,
  };
  if (!pretty()) return startupLog('Taskvault is running', { urls, listening: `${config.host}:${config.port}` });
  const webLine = urls.webApp ?? 'not served (build it with `npm run -w web build`, or SERVE_WEB_APP=false)';
  process.stdout.write(
    [
      '',
      '  Taskvault is running:',
      `    Web app       ${webLine}`,
      `    API           ${urls.api}`,
      `    API explorer  ${urls.apiExplorer}`,
      `    Health        ${urls.health}`,
      ...(urls.mailbox ? [`    Mailbox       ${urls.mailbox}  (local: mail is not really sent)`] : []),
      '  Press Ctrl-C to stop.',
      '',
    ].join('\n') + '\n',
  );
}
