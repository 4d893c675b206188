import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import request from 'supertest';
import { systemConnector, type WebhookNetwork } from '../../src/webhooks/webhook-network.js';
import type { WebhookClock } from '../../src/webhooks/webhook-clock.js';

export interface ReceivedDelivery {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Responder = (delivery: ReceivedDelivery, response: ServerResponse) => void;

/** A webhook receiver on 127.0.0.1: records what it gets and answers as the test says (200 by default). */
export class Receiver {
  readonly received: ReceivedDelivery[] = [];
  /** How each path answers (200 `ok` for a path not listed). */
  readonly responders = new Map<string, Responder>();
  private server?: Server;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((incoming, response) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => {
        const delivery = {
          path: incoming.url ?? '',
          headers: incoming.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.received.push(delivery);
        const respond = this.responders.get(delivery.path) ?? ((_d, r) => r.writeHead(200).end('ok'));
        respond(delivery, response);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this;
  }

  /** What came to one path: each test's webhook has a path of its own. */
  at(path: string): ReceivedDelivery[] {
    return this.received.filter((delivery) => delivery.path === path);
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/**
 * The test network: names resolve only through `dns` (never the real DNS), and the connector
 * records, and refuses, any socket to anything but 127.0.0.1 or ::1 — so no test sends a packet
 * to a private or public address even when the code under test is wrong. `violations` must stay
 * empty: every test file checks it after each test.
 */
export class GuardedNetwork implements WebhookNetwork {
  readonly dns = new Map<string, string[] | (() => string[])>();
  readonly violations: string[] = [];
  readonly connections: Array<{ address: string; port: number; servername: string }> = [];
  timeoutMs = 1_000;
  /** A CA the test trusts for https receivers on loopback (the system's CAs otherwise). */
  ca?: string;

  resolve = async (hostname: string) => {
    if (isIP(hostname)) return [{ address: hostname, family: isIP(hostname) }];
    const entry = this.dns.get(hostname.toLowerCase()) ?? (hostname === 'localhost' ? ['127.0.0.1'] : undefined);
    if (!entry) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    const addresses = typeof entry === 'function' ? entry() : entry;
    return addresses.map((address) => ({ address, family: isIP(address) }));
  };

  connect: WebhookNetwork['connect'] = (connect) => {
    if (connect.address !== '127.0.0.1' && connect.address !== '::1') {
      this.violations.push(`asked to connect to ${connect.address}:${connect.port} (${connect.servername})`);
      throw new Error(`test guard: no socket to ${connect.address}`);
    }
    this.connections.push(connect);
    if (connect.tls && this.ca) {
      return tlsConnect({ host: connect.address, port: connect.port, servername: connect.servername, ca: this.ca });
    }
    return systemConnector(connect);
  };
}

/** A clock the test moves: deliveries come due, retries and give-ups happen when it says. */
export class TestClock implements WebhookClock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** Waits until `condition` answers a value other than undefined/false (checked every 25 ms), or fails after `ms`. */
export async function until<T>(
  condition: () => Promise<T | undefined | false> | T | undefined | false,
  ms = 10_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface CreatedWebhook {
  id: string;
  secret: string;
  url: string;
  [key: string]: unknown;
}

export async function createWebhook(
  baseUrl: string,
  jwt: string,
  body: { url: string; events?: string[]; description?: string },
): Promise<CreatedWebhook> {
  const response = await request(baseUrl)
    .post('/api/webhooks')
    .set('Authorization', `Bearer ${jwt}`)
    .send({ events: ['task.created', 'task.updated', 'task.completed', 'task.deleted'], ...body });
  if (response.status !== 201) throw new Error(`webhook create failed: ${response.status} ${response.text}`);
  return response.body as CreatedWebhook;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  event: string;
  status: string;
  attempt: number;
  responseStatus: number | null;
  error: string | null;
  nextAttemptAt: string | null;
}

export async function deliveriesOf(baseUrl: string, jwt: string, webhookId: string): Promise<DeliveryView[]> {
  const response = await request(baseUrl)
    .get(`/api/webhooks/${webhookId}/deliveries`)
    .set('Authorization', `Bearer ${jwt}`)
    .expect(200);
  return (response.body as { items: DeliveryView[] }).items;
}
