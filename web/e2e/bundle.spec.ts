import { expect, test } from '@playwright/test';
import { newAccount, signUp } from './support';

test('the sign-in page loads only the code index.html names; the other pages’ code loads on their first visit; no source maps', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('response', (response) => {
    const { pathname } = new URL(response.url());
    if (pathname.endsWith('.js')) scripts.push(pathname);
  });
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();

  const html = await (await page.request.get('/login')).text();
  const named = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]);
  expect(named.length).toBeGreaterThan(0);
  expect([...new Set(scripts)].sort()).toEqual([...new Set(named)].sort());

  await signUp(page, newAccount('bundle'));
  const later = [...new Set(scripts)].filter((path) => !named.includes(path));
  expect(later.length).toBeGreaterThan(0);

  for (const path of new Set(scripts)) {
    const script = await (await page.request.get(path)).text();
    expect(script, path).not.toContain('sourceMappingURL');
    const map = await page.request.get(`${path}.map`);
    expect((await map.text()).startsWith('{"version":3'), `${path}.map`).toBe(false);
  }
});
