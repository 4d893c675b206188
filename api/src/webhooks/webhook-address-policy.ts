import ipaddr from 'ipaddr.js';
import { WEBHOOK_LIMITS } from './webhook-events.js';

/**
 * Which addresses a delivery may connect to (OWASP API7:2023, server-side request forgery). The
 * range logic is ipaddr.js's: only its `unicast` range (public, globally routed) passes; loopback
 * passes only when the server allows it (WEBHOOK_ALLOW_LOOPBACK, for tests and local
 * development). IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are
 * judged by the IPv4 address they carry, and Teredo is refused outright (its client address is
 * obfuscated inside).
 */
export function isAllowedAddress(address: string, allowLoopback: boolean): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return allowedV4(parsed as ipaddr.IPv4, allowLoopback);
  const v6 = parsed as ipaddr.IPv6;
  const embedded = embeddedIPv4(v6);
  if (embedded) return allowedV4(embedded, allowLoopback);
  const range = v6.range();
  if (range === 'loopback') return allowLoopback;
  return range === 'unicast';
}

function allowedV4(address: ipaddr.IPv4, allowLoopback: boolean): boolean {
  const range = address.range();
  if (range === 'loopback') return allowLoopback;
  return range === 'unicast';
}

/** The IPv4 address inside an IPv6 one that carries one; undefined for a plain IPv6 address. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const parts = address.parts;
  const v4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  switch (address.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
    case 'rfc6052': // 64:ff9b::a.b.c.d (NAT64)
      return v4(parts[6], parts[7]);
    case '6to4': // 2002:AABB:CCDD::/48
      return v4(parts[1], parts[2]);
    case 'teredo':
      return new ipaddr.IPv4([0, 0, 0, 0]); // always refused
    default:
      break;
  }
  // ::a.b.c.d, the deprecated IPv4-compatible form (:: and ::1 are judged as IPv6).
  if (parts.slice(0, 6).every((part) => part === 0) && (parts[6] !== 0 || parts[7] > 1)) return v4(parts[6], parts[7]);
  // 64:ff9b:1::/48, the local-use NAT64 prefix (RFC 8215): the address is in the last 32 bits.
  if (parts[0] === 0x64 && parts[1] === 0xff9b && parts[2] === 1) return v4(parts[6], parts[7]);
  return undefined;
}

export type UrlRefusal =
  'invalid' | 'scheme' | 'credentials' | 'fragment' | 'too_long' | 'forbidden_address' | 'unresolvable';

/** The words a 400 uses for each refusal: they name the rule, never what a DNS server answered. */
export const URL_REFUSALS: Record<UrlRefusal, string> = {
  invalid: 'url must be an absolute URL',
  scheme: 'url must use https (http only to loopback, where the server allows it)',
  credentials: 'url must not contain a user name or password',
  fragment: 'url must not contain a fragment (#)',
  too_long: `url must be at most ${WEBHOOK_LIMITS.urlMax} characters`,
  forbidden_address:
    'url must point to a public address: loopback, private, link-local, CGNAT, multicast, reserved and cloud metadata addresses are refused',
  unresolvable: 'url’s host could not be resolved',
};

/** The host as a bare name or address: IPv6 literals lose their brackets. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

const LOOPBACK_NAMES = new Set(['localhost']);

/**
 * What can be said about a URL without resolving it. `new URL` has already normalised decimal,
 * octal and hex IPv4 literals (http://2130706433/ is http://127.0.0.1/), so a literal is judged
 * here as the address it is.
 */
export function checkUrlSyntax(raw: string, allowLoopback: boolean): { url: URL } | { refusal: UrlRefusal } {
  if (raw.length > WEBHOOK_LIMITS.urlMax) return { refusal: 'too_long' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { refusal: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { refusal: 'scheme' };
  if (url.username || url.password) return { refusal: 'credentials' };
  if (raw.includes('#')) return { refusal: 'fragment' };
  if (url.href.length > WEBHOOK_LIMITS.urlMax) return { refusal: 'too_long' };
  const host = hostOf(url);
  if (!host) return { refusal: 'invalid' };
  // http only to loopback: a literal must be one; a name must resolve to loopback only (see httpAllowed).
  if (url.protocol === 'http:' && !(allowLoopback && (!ipaddr.isValid(host) || isLoopbackHost(host)))) {
    return { refusal: 'scheme' };
  }
  if (ipaddr.isValid(host) && !isAllowedAddress(host, allowLoopback)) return { refusal: 'forbidden_address' };
  if (!allowLoopback && LOOPBACK_NAMES.has(host.toLowerCase())) return { refusal: 'forbidden_address' };
  return { url };
}

/** An http:// URL passes only when every address its host resolved to is loopback. */
export function httpAllowed(url: URL, addresses: ReadonlyArray<{ address: string }>): boolean {
  return url.protocol !== 'http:' || addresses.every(({ address }) => isLoopbackHost(address));
}

function isLoopbackHost(host: string): boolean {
  if (LOOPBACK_NAMES.has(host.toLowerCase())) return true;
  if (!ipaddr.isValid(host)) return false;
  const parsed = ipaddr.process(host); // ::ffff:127.0.0.1 counts as 127.0.0.1
  return parsed.range() === 'loopback';
}
