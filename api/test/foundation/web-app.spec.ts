import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

const INDEX =
  '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/app-3f2a1b.js"></script></body></html>';

describe('the web app, served by the API on its own origin', () => {
  let api: TestApp;
  let dist: string;
  beforeAll(async () => {
    // A built web app as Vite lays it out: index.html and content-hashed files under assets/.
    dist = await mkdtemp(join(tmpdir(), 'taskvault-dist-'));
    await mkdir(join(dist, 'assets'));
    await writeFile(join(dist, 'index.html'), INDEX);
    await writeFile(join(dist, 'assets', 'app-3f2a1b.js'), 'console.log("app");');
    await writeFile(join(dist, 'assets', 'app-3f2a1b.js.map'), '{"sources":["secret-source.ts"]}');
    await writeFile(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    api = await startTestApp({ WEB_DIST_DIR: dist });
  });
  afterAll(async () => {
    await api.close();
    await rm(dist, { recursive: true, force: true });
  });

  it('answers / with index.html that is revalidated on every visit', async () => {
    const response = await request(api.baseUrl).get('/').expect(200);
    expect(response.text).toBe(INDEX);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it.each(['/tasks', '/tasks?status=open&q=milk', '/users/00000000-0000-4000-8000-000000000000/tasks', '/account/x/y'])(
    'answers the deep link %s with the web app, so reloads and shared links work',
    async (path) => {
      const response = await request(api.baseUrl).get(path).expect(200);
      expect(response.text).toBe(INDEX);
      expect(response.headers['cache-control']).toBe('no-cache');
    },
  );

  it('caches hashed assets for a year, as immutable', async () => {
    const response = await request(api.baseUrl).get('/assets/app-3f2a1b.js').expect(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('never serves source maps, and a missing asset is a 404 rather than the page', async () => {
    for (const path of ['/assets/app-3f2a1b.js.map', '/assets/gone-123.js']) {
      const response = await request(api.baseUrl).get(path);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('secret-source');
      expect(response.text).not.toContain('<div id="root">');
    }
  });

  it('keeps unknown /api paths a problem+json 404, never the web app', async () => {
    for (const path of ['/api/no-such-route', '/api', '/api/tasks/x/y/z', '/.well-known/no-such-document']) {
      const response = await request(api.baseUrl).get(path);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });

  it('sends the strict security headers with the page', async () => {
    const response = await request(api.baseUrl).get('/tasks').expect(200);
    const csp = response.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // Plain http on localhost: upgrading would send the page's scripts to an https port.
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('trusts its own public origin, and its loopback twin, for cookie-bearing sign-up', async () => {
    // API_PUBLIC_URL is left at its default, http://localhost:3000; WEB_ORIGINS names another origin.
    for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000']) {
      const response = await request(api.baseUrl)
        .post('/api/auth/sign-up/email')
        .set('Origin', origin)
        .set('Cookie', 'unrelated=1')
        .send({
          name: 'Same origin',
          email: `same-origin-${Date.now()}-${origin.length}@example.test`,
          password: 'same-origin-pw',
        });
      expect(response.status).toBe(200);
    }
    const foreign = await request(api.baseUrl)
      .post('/api/auth/sign-up/email')
      .set('Origin', 'http://localhost:3001')
      .set('Cookie', 'unrelated=1')
      .send({ name: 'Foreign', email: `foreign-${Date.now()}@example.test`, password: 'same-origin-pw' });
    expect(foreign.status).toBe(403);
  });
});
