import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ChangeEmailForm } from './change-email-form';

const changeEmail = vi.fn();
vi.mock('../../../lib/auth-client', () => ({
  authClient: { changeEmail: (...args: unknown[]) => changeEmail(...args) },
}));

beforeEach(() => {
  changeEmail.mockReset();
  changeEmail.mockResolvedValue({ data: { status: true }, error: null });
});

async function requestChange(newEmail: string) {
  render(<ChangeEmailForm currentEmail="ada@example.com" />);
  if (newEmail) await userEvent.type(screen.getByLabelText('New email address'), newEmail);
  await userEvent.click(screen.getByRole('button', { name: 'Change email' }));
}

describe('Account → Change email address', () => {
  it('asks Better Auth to mail the new address and says nothing changes until it is confirmed', async () => {
    await requestChange('ada.new@example.com');
    expect(await screen.findByText(/Check ada.new@example.com for a link to confirm the change/)).toBeVisible();
    expect(changeEmail).toHaveBeenCalledTimes(1);
    expect(changeEmail).toHaveBeenCalledWith({ newEmail: 'ada.new@example.com' });
    expect(screen.getByLabelText('New email address')).toHaveValue('');
  });

  it('refuses a malformed address before asking the server', async () => {
    await requestChange('not-an-email');
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a valid email address.');
    expect(changeEmail).not.toHaveBeenCalled();
  });

  it('refuses an address longer than the API accepts before asking the server', async () => {
    await requestChange(`${'a'.repeat(250)}@example.com`);
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a valid email address.');
    expect(changeEmail).not.toHaveBeenCalled();
  });

  it('refuses the current address, in any case, before asking the server', async () => {
    await requestChange('ADA@example.com');
    expect(await screen.findByRole('alert')).toHaveTextContent('That is already your email address.');
    expect(changeEmail).not.toHaveBeenCalled();
  });

  it('says the request failed when the server refuses it, and keeps what was typed', async () => {
    changeEmail.mockResolvedValue({ data: null, error: { status: 429, message: 'Too Many Requests' } });
    await requestChange('ada.new@example.com');
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not request the change. Try again later.');
    expect(screen.queryByText(/Check ada.new@example.com/)).toBeNull();
    expect(screen.getByLabelText('New email address')).toHaveValue('ada.new@example.com');
  });
});
