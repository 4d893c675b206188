import { request as httpRequest } from 'node:http';
import { checkUrlSyntax, hostOf, httpAllowed, isAllowedAddress } from './webhook-address-policy.js';
import { type DeliveryError, WEBHOOK_LIMITS } from './webhook-events.js';
import type { WebhookNetwork } from './webhook-network.js';

export interface AttemptOutcome {
  succeeded: boolean;
  /** Worth trying again later: 5xx, 408, 429, timeouts, connection and TLS errors. */
  retry: boolean;
  responseStatus: number | null;
  durationMs: number;
  error: DeliveryError | null;
}

export interface OutgoingDelivery {
  url: string;
  body: string;
  headers: Record<string, string>;
}

const TLS_ERROR = /CERT|SSL|TLS|ERR_TLS|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY|HOSTNAME_MISMATCH/i;

/**
 * One delivery attempt. The URL's host is resolved now and refused when ANY of its addresses is
 * forbidden; the socket then goes to the first checked address (no second lookup: DNS
 * rebinding gains nothing), with the Host header and SNI still the URL's name. Redirects are
 * never followed, no cookie or credential is sent, and at most 64 KiB of the answer is read
 * before the socket is closed; the answer itself is dropped, only its status is kept.
 */
export async function attemptDelivery(
  delivery: OutgoingDelivery,
  network: WebhookNetwork,
  allowLoopback: boolean,
  clock: () => number = Date.now,
): Promise<AttemptOutcome> {
  const started = clock();
  const timeoutMs = network.timeoutMs ?? WEBHOOK_LIMITS.timeoutMs;
  const done = (outcome: Omit<AttemptOutcome, 'durationMs'>): AttemptOutcome => ({
    ...outcome,
    durationMs: Math.max(0, Math.round(clock() - started)),
  });
  const checked = checkUrlSyntax(delivery.url, allowLoopback);
  if ('refusal' in checked) return done(refused());
  const url = checked.url;
  const host = hostOf(url);
  let addresses;
  try {
    addresses = await withTimeout(network.resolve(host), timeoutMs);
  } catch (error) {
    return done({
      succeeded: false,
      retry: true,
      responseStatus: null,
      error: error instanceof TimeoutError ? 'timeout' : 'connection_error',
    });
  }
  if (
    addresses.length === 0 ||
    addresses.some(({ address }) => !isAllowedAddress(address, allowLoopback)) ||
    !httpAllowed(url, addresses)
  ) {
    return done(refused());
  }
  const [{ address }] = addresses;
  const tls = url.protocol === 'https:';
  const port = Number(url.port) || (tls ? 443 : 80);

  return new Promise<AttemptOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<AttemptOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(done(outcome));
    };
    const request = httpRequest({
      method: 'POST',
      host: address,
      port,
      path: `${url.pathname}${url.search}`,
      headers: { ...delivery.headers, host: url.host, 'content-length': String(Buffer.byteLength(delivery.body)) },
      createConnection: () => network.connect({ address, port, tls, servername: host }),
      // Answers past this size are not ours to read; Node refuses larger header blocks itself.
      maxHeaderSize: 16 * 1024,
    });
    const timer = setTimeout(
      () => finish({ succeeded: false, retry: true, responseStatus: null, error: 'timeout' }),
      timeoutMs,
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      const tlsFailure = TLS_ERROR.test(error.code ?? '') || TLS_ERROR.test(error.message);
      finish({
        succeeded: false,
        retry: true,
        responseStatus: null,
        error: tlsFailure ? 'tls_error' : 'connection_error',
      });
    });
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const outcome = classify(status);
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= WEBHOOK_LIMITS.responseBodyMaxBytes) finish(outcome);
      });
      response.on('end', () => finish(outcome));
      response.on('error', () => finish(outcome));
    });
    request.end(delivery.body);
  });
}

function refused(): Omit<AttemptOutcome, 'durationMs'> {
  return { succeeded: false, retry: false, responseStatus: null, error: 'forbidden_address' };
}

/** 2xx succeeds; 3xx is a redirect we do not follow; 408, 429 and 5xx are retried; other 4xx are final. */
function classify(status: number): Omit<AttemptOutcome, 'durationMs'> {
  if (status >= 200 && status < 300) return { succeeded: true, retry: false, responseStatus: status, error: null };
  if (status >= 300 && status < 400)
    return { succeeded: false, retry: false, responseStatus: status, error: 'redirect' };
  const retry = status >= 500 || status === 408 || status === 429;
  return { succeeded: false, retry, responseStatus: status, error: 'http_error' };
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimeoutError('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
