import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { type ApiProcess, startApiProcess } from '../support/api-process.js';
import { createTestDatabase } from '../support/test-database.js';

describe('API processes starting at the same moment on a fresh database', () => {
  it('all start (migrations and the job queue set-up take turns, no deadlock) and all serve', async () => {
    const database = await createTestDatabase();
    const started = await Promise.allSettled(
      [1, 2, 3].map(() =>
        startApiProcess({ DATABASE_URL: database.url, API_PUBLIC_URL: 'https://api.taskvault.test' }),
      ),
    );
    const running = started.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    try {
      expect(
        started.filter((outcome) => outcome.status === 'rejected').map((outcome) => String(outcome.reason)),
      ).toEqual([]);
      for (const api of running) await request(api.baseUrl).get('/api/health').expect(200);
    } finally {
      const codes = await Promise.all(running.map((api: ApiProcess) => api.stop()));
      await database.drop();
      expect(codes).toEqual(running.map(() => 0));
    }
  }, 120_000);
});
