import { lookup } from 'node:dns/promises';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Every address a host name has (a literal address is its own answer). */
export type WebhookResolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface ConnectRequest {
  /** The address that was checked: the socket goes there and nowhere else. */
  address: string;
  port: number;
  /** https: TLS with SNI and certificate checks for `servername` (the URL's host name). */
  tls: boolean;
  servername: string;
}

/** Opens the socket of one delivery attempt. */
export type WebhookConnector = (request: ConnectRequest) => Socket;

/** How deliveries reach the network: replaced in tests (see WebhooksModule.register). */
export interface WebhookNetwork {
  resolve: WebhookResolver;
  connect: WebhookConnector;
  /** How long an attempt may take (resolving, connecting, answering): 10 s unless a test says. */
  timeoutMs?: number;
}

export const WEBHOOK_NETWORK = Symbol('WEBHOOK_NETWORK');

export const systemResolver: WebhookResolver = async (hostname) => {
  const family = isIP(hostname);
  if (family) return [{ address: hostname, family }];
  return lookup(hostname, { all: true, verbatim: true });
};

export const systemConnector: WebhookConnector = ({ address, port, tls, servername }) =>
  tls
    ? tlsConnect({
        host: address,
        port,
        // SNI takes names only; the certificate is checked against the URL's host either way.
        servername: isIP(servername) ? undefined : servername,
        ALPNProtocols: ['http/1.1'],
      })
    : netConnect({ host: address, port });

export const systemNetwork: WebhookNetwork = { resolve: systemResolver, connect: systemConnector };
