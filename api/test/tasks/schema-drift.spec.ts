import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('entities and migrations', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp();
  });
  afterAll(() => api.close());

  it('agree: after the migrations, TypeORM would change nothing', async () => {
    const dataSource = api.app.get(DataSource);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('have all run', async () => {
    const dataSource = api.app.get(DataSource);
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
