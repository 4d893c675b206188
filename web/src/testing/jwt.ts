/** An unsigned JWT-shaped token expiring at `expSeconds`: the SPA only reads `exp`. */
export function fakeJwt(expSeconds: number, sub = 'user-1'): string {
  const part = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'ES256' })}.${part({ sub, exp: expSeconds })}.signature`;
}
