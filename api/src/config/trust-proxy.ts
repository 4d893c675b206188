/** TRUST_PROXY as the HTTP server understands it: false, true, a hop count, or addresses/subnets. */
export function parseTrustProxy(raw: string): boolean | number | string[] {
  const value = raw.trim();
  if (value === 'false' || value === '') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((entry) => entry.trim());
}
