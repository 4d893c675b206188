import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { type Page, expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { addTask, newAccount, signUp } from './support';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1 (a random port): it keeps every request as it came, raw body
 * and headers, and answers 204. The test checks the signatures with the `standardwebhooks`
 * package, as an integrator's receiver would.
 */
async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/taskvault-hook`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Delivered {
  type: string;
  timestamp: string;
  data: { task?: { id: string; title: string }; webhookId?: string };
}

/** The payload, once `standardwebhooks` has verified its signature with the secret (it throws otherwise). */
function verified(secret: string, { headers, body }: Received): Delivered {
  const signed = {
    'webhook-id': String(headers['webhook-id']),
    'webhook-timestamp': String(headers['webhook-timestamp']),
    'webhook-signature': String(headers['webhook-signature']),
  };
  return new Webhook(secret).verify(body, signed) as Delivered;
}

const ofType = (secret: string, received: Received[], type: string) =>
  received.map((request) => verified(secret, request)).filter((payload) => payload.type === type);

/** On a freshly loaded Webhooks page: opens the webhook's delivery log (closed after a navigation). */
async function openDeliveries(page: Page, url: string) {
  const item = page.getByRole('listitem', { name: url });
  await item.getByRole('button', { name: 'Show deliveries' }).click();
  return item.getByRole('table', { name: `Last deliveries to ${url}, newest first` });
}

test('a webhook added in the web app receives signed task events and test events, and none once disabled', async ({
  page,
  context,
}) => {
  const receiver = await startReceiver();
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signUp(page, newAccount('webhooks'));
    await page.getByRole('link', { name: 'Account' }).click();
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeFocused();
    const section = page.getByRole('region', { name: 'Tell your own service when tasks change' });

    await section.getByLabel('Endpoint URL').fill(receiver.url);
    await section.getByLabel('Description (optional)').fill('E2E receiver');
    await section.getByRole('button', { name: 'Add webhook' }).click();

    const secretField = section.getByLabel('Signing secret', { exact: true });
    await expect(section.getByRole('heading', { name: 'Webhook added: its signing secret' })).toBeFocused();
    await expect(section.getByText(/you won’t see it again/)).toBeVisible();
    await section.getByRole('button', { name: 'Copy secret' }).click();
    await expect(section.getByText('Secret copied to the clipboard.')).toBeVisible();
    const secret = await page.evaluate(() => navigator.clipboard.readText());
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await expect(secretField).toHaveValue(secret);

    const axe = await new AxeBuilder({ page }).include('.webhooks-section').withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual(
      [],
    );
    await section.getByRole('button', { name: 'I have copied it' }).click();
    await expect(secretField).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);
    const item = section.getByRole('listitem', { name: receiver.url });
    await expect(item).toContainText('E2E receiver');
    await expect(item).toContainText('Enabled');

    // A test event, to this endpoint only: signed, seen at the receiver and in the page's log.
    await item.getByRole('button', { name: 'Send a test event' }).click();
    await expect(item.getByText('Test event queued: see the delivery log.')).toBeVisible();
    let log = item.getByRole('table', { name: `Last deliveries to ${receiver.url}, newest first` });
    await expect(log.getByRole('row').nth(1)).toContainText(/webhook\.test.*Delivered.*204/);
    await expect.poll(() => ofType(secret, receiver.received, 'webhook.test').length).toBe(1);
    const [testEvent] = ofType(secret, receiver.received, 'webhook.test');
    expect(testEvent.data).toEqual({ webhookId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const first = receiver.received[0];
    expect(first.headers['user-agent']).toBe('Taskvault-Webhooks/1');
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.headers.cookie).toBeUndefined();
    expect(first.headers.authorization).toBeUndefined();
    // A wrong secret does not verify: the check above is a real one.
    expect(() => verified(`whsec_${Buffer.alloc(32, 7).toString('base64')}`, first)).toThrow();

    // A task created on the board reaches the receiver, signed, with the task as the API answers it…
    await page.goto('/tasks');
    await addTask(page, 'Tell the receiver');
    await expect.poll(() => ofType(secret, receiver.received, 'task.created').length).toBe(1);
    const [created] = ofType(secret, receiver.received, 'task.created');
    expect(created.data.task).toMatchObject({ title: 'Tell the receiver' });

    // …and shows in the page's delivery log.
    await page.goto('/account/webhooks');
    log = await openDeliveries(page, receiver.url);
    await expect(log.getByRole('row').nth(1)).toContainText(/task\.created.*Delivered.*204/);

    // Disabled: a task created now sends nothing. Enabled again, the next task arrives, alone.
    await page.getByRole('listitem', { name: receiver.url }).getByRole('button', { name: 'Disable' }).click();
    await expect(page.getByRole('listitem', { name: receiver.url })).toContainText('Disabled by you');
    await page.goto('/tasks');
    await addTask(page, 'While disabled');
    await page.goto('/account/webhooks');
    await page.getByRole('listitem', { name: receiver.url }).getByRole('button', { name: 'Enable' }).click();
    await expect(page.getByRole('listitem', { name: receiver.url })).toContainText('Enabled');
    await page.goto('/tasks');
    await addTask(page, 'After enabling');
    await expect.poll(() => ofType(secret, receiver.received, 'task.created').length).toBe(2);
    expect(ofType(secret, receiver.received, 'task.created').map((payload) => payload.data.task?.title)).toEqual([
      'Tell the receiver',
      'After enabling',
    ]);
    await page.goto('/account/webhooks');
    log = await openDeliveries(page, receiver.url);
    await expect(log.getByRole('row').nth(1)).toContainText(/task\.created.*Delivered/);
    await expect(log.getByRole('row')).toHaveCount(4);
    await page.screenshot({ path: 'e2e/screenshots/account-webhooks-log.png', fullPage: true });
  } finally {
    await receiver.close();
  }
});

test('the page refuses an address the server does not connect to, saying why', async ({ page }) => {
  await signUp(page, newAccount('webhook-refused'));
  await page.goto('/account/webhooks');
  const section = page.getByRole('region', { name: 'Tell your own service when tasks change' });
  // The unspecified address: refused when the webhook is added, before any packet. This API process
  // has the real network (its tests with a guarded one cover private, link-local and metadata
  // addresses), so the refused address is one that reaches only this machine even if it were let
  // through: no wrong answer here could send a packet anywhere else.
  await section.getByLabel('Endpoint URL').fill('https://0.0.0.0/hook');
  await section.getByRole('button', { name: 'Add webhook' }).click();
  const field = section.getByLabel('Endpoint URL');
  await expect(field).toBeFocused();
  await expect(field).toHaveAccessibleDescription(/The server refused this URL: url must point to a public address/);
  await expect(section.getByLabel('Signing secret', { exact: true })).toHaveCount(0);
  await expect(section.getByText('You have no webhooks.')).toBeVisible();
});
