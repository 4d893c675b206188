import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('HTTP basics', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('reports liveness and database readiness without a token', async () => {
    const response = await request(api.baseUrl).get('/api/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.details.database.status).toBe('up');
  });

  it('sends security headers and no X-Powered-By', async () => {
    const response = await request(api.baseUrl).get('/api/health');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('tags every response with a request id and keeps a well-formed one from the caller', async () => {
    const generated = await request(api.baseUrl).get('/api/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await request(api.baseUrl).get('/api/health').set('X-Request-Id', 'trace-123');
    expect(kept.headers['x-request-id']).toBe('trace-123');
    const replaced = await request(api.baseUrl).get('/api/health').set('X-Request-Id', 'bad id\twith spaces');
    expect(replaced.headers['x-request-id']).not.toBe('bad id\twith spaces');
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const response = await request(api.baseUrl).get('/api/does-not-exist').expect(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('answers malformed JSON with a problem+json 400, without internals', async () => {
    const response = await request(api.baseUrl)
      .post('/api/health')
      .set('Content-Type', 'application/json')
      .send('{"title": ');
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.js|node_modules/);
  });

  it('answers a body over 100 KiB with 413', async () => {
    const response = await request(api.baseUrl)
      .post('/api/health')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ title: 'x'.repeat(101 * 1024) }));
    expect(response.status).toBe(413);
    expect(response.body.status).toBe(413);
  });
});
