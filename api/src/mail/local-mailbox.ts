import { once } from 'node:events';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { escapeHtml } from './mail-templates.js';

export interface CapturedMail {
  id: number;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  receivedAt: string;
}

export interface LocalMailboxOptions {
  smtpPort?: number;
  /** Omit to run without the web page (tests read `messages` directly). */
  webPort?: number;
  /** Answer the next N deliveries with a temporary failure (451), as an SMTP server that is down would. */
  failNext?: number;
}

const LOOPBACK = '127.0.0.1';

/**
 * A real SMTP server on loopback that keeps what it receives in memory, with a page to read it:
 * the mailbox of a fresh machine (no SMTP_URL outside production) and of the tests. It accepts
 * any sender and recipient and never relays anything anywhere.
 */
export class LocalMailbox {
  readonly messages: CapturedMail[] = [];
  failNext: number;
  private readonly waiters = new Set<() => void>();
  private smtp?: SMTPServer;
  private web?: HttpServer;
  smtpPort = 0;
  webPort?: number;

  constructor(private readonly options: LocalMailboxOptions = {}) {
    this.failNext = options.failNext ?? 0;
  }

  get smtpUrl(): string {
    return `smtp://${LOOPBACK}:${this.smtpPort}`;
  }
  get webUrl(): string | undefined {
    return this.webPort === undefined ? undefined : `http://${LOOPBACK}:${this.webPort}/`;
  }

  async start(): Promise<this> {
    try {
      await this.listen();
    } catch (error) {
      await this.stop();
      throw error;
    }
    return this;
  }

  private async listen(): Promise<void> {
    this.smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        if (this.failNext > 0) {
          this.failNext -= 1;
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 451 })));
          return;
        }
        simpleParser(stream)
          .then((parsed) => {
            this.messages.push({
              id: this.messages.length + 1,
              from: parsed.from?.text ?? '',
              to: [parsed.to ?? []].flat().flatMap((address) => address.value.map((entry) => entry.address ?? '')),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              receivedAt: new Date().toISOString(),
            });
            for (const wake of this.waiters) wake();
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
    const smtp = this.smtp;
    await new Promise<void>((resolve, reject) => {
      // SMTPServer re-emits a failed listen (a taken port) on itself: without this listener that
      // error would end the process instead of reaching startLocalMailbox's fallback to free ports.
      smtp.once('error', reject);
      smtp.server.once('listening', () => {
        smtp.off('error', reject);
        resolve();
      });
      smtp.listen(this.options.smtpPort ?? 0, LOOPBACK);
    });
    this.smtpPort = (this.smtp.server.address() as AddressInfo).port;
    if (this.options.webPort !== undefined) {
      this.web = createHttpServer((request, response) => this.page(request.url ?? '/', response));
      this.web.listen(this.options.webPort, LOOPBACK);
      await once(this.web, 'listening');
      this.webPort = (this.web.address() as AddressInfo).port;
    }
  }

  async stop(): Promise<void> {
    for (const wake of this.waiters) wake();
    await Promise.all([
      new Promise<void>((resolve) => (this.smtp?.server.listening ? this.smtp.close(() => resolve()) : resolve())),
      new Promise<void>((resolve) => {
        if (!this.web?.listening) return resolve();
        this.web.closeAllConnections();
        this.web.close(() => resolve());
      }),
    ]);
  }

  /** Mail to `to` (and matching `subject`), waiting until it arrives or `timeoutMs` passes. */
  async waitFor(to: string, subject?: RegExp, timeoutMs = 10_000): Promise<CapturedMail> {
    const find = () =>
      this.messages.find((mail) => mail.to.includes(to.toLowerCase()) && (!subject || subject.test(mail.subject)));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = find();
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no mail to ${to}${subject ? ` matching ${subject}` : ''} arrived`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.waiters.add(done);
      });
    }
  }

  /** Every mail to `to`. */
  to(to: string): CapturedMail[] {
    return this.messages.filter((mail) => mail.to.includes(to.toLowerCase()));
  }

  private page(url: string, response: import('node:http').ServerResponse): void {
    const headers = {
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    };
    if (url === '/messages.json') {
      response.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
      response.end(JSON.stringify(this.messages));
      return;
    }
    const items = [...this.messages]
      .reverse()
      .map(
        (mail) => `<article><h2>${escapeHtml(mail.subject)}</h2>
<p><small>To ${escapeHtml(mail.to.join(', '))} · ${escapeHtml(mail.receivedAt)}</small></p>
<pre>${linkify(mail.text)}</pre></article>`,
      )
      .join('\n');
    response.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Taskvault local mailbox</title>
<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}article{border-top:1px solid #ccc;padding:.5rem 0}pre{white-space:pre-wrap}</style></head>
<body><h1>Local mailbox</h1><p>Mail the API sent (kept in memory until it stops). Reload to see new mail.</p>
${items || '<p>No mail yet.</p>'}</body></html>`);
  }
}

/** Escapes the text and turns its http(s) URLs into links. */
function linkify(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);
}
