import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch, json } from '../../../testing/fake-fetch';
import { ReminderSettings } from './reminder-settings';

vi.mock('../../../lib/auth-client', () => ({
  tokens: { getToken: async () => 'jwt', refresh: async () => 'jwt', clear: () => undefined },
}));

const profile = (patch: Record<string, unknown>) => ({
  id: '3f1c2a4e-0000-4000-8000-000000000001',
  name: 'Ada',
  email: 'ada@example.com',
  emailVerified: true,
  createdAt: '2026-01-01T00:00:00.000Z',
  timeZone: 'UTC',
  reminderEmails: true,
  ...patch,
});

function deviceIn(timeZone: string) {
  const resolved = Intl.DateTimeFormat.prototype.resolvedOptions;
  vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (this: Intl.DateTimeFormat) {
    return { ...resolved.call(this), timeZone };
  });
}

function renderSettings(stored: ReturnType<typeof profile>) {
  const seen = fakeFetch({
    'GET /api/users/me': () => json(200, stored),
    'PATCH /api/users/me': (request) => json(200, { ...stored, ...(request.body as object) }),
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ReminderSettings />
    </QueryClientProvider>,
  );
  return seen;
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('the profile’s time zone and reminder mails', () => {
  it('offers this device’s zone while the profile is still on UTC, and saves it with the mail choice', async () => {
    deviceIn('Europe/Paris');
    const seen = renderSettings(profile({}));
    const zone = await screen.findByLabelText('Time zone');
    expect(zone).toHaveValue('Europe/Paris');
    expect(zone).toHaveAccessibleDescription(/still on UTC: this device’s time zone \(Europe\/Paris\)/);
    await userEvent.click(screen.getByLabelText('Email me reminders'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeVisible();
    expect(seen.filter((r) => r.method === 'PATCH').map((r) => r.body)).toEqual([
      { timeZone: 'Europe/Paris', reminderEmails: false },
    ]);
  });

  it('shows a zone the profile already has, without the hint', async () => {
    deviceIn('Europe/Paris');
    renderSettings(profile({ timeZone: 'America/New_York', reminderEmails: false }));
    const zone = await screen.findByLabelText('Time zone');
    expect(zone).toHaveValue('America/New_York');
    expect(screen.queryByText(/still on UTC/)).toBeNull();
    expect(screen.getByLabelText('Email me reminders')).not.toBeChecked();
  });
});
