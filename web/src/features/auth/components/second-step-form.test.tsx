import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SignInForm } from './sign-in-form';

const signIn = vi.fn();
const authFetch = vi.fn();
vi.mock('../../../lib/auth-client', () => ({
  authClient: {
    signIn: { email: (...args: unknown[]) => signIn(...args) },
    $fetch: (...args: unknown[]) => authFetch(...args),
  },
}));

describe('the second step of a two-factor sign-in', () => {
  beforeEach(() => {
    signIn
      .mockReset()
      .mockResolvedValue({ data: { twoFactorRedirect: true, twoFactorMethods: ['totp'] }, error: null });
    authFetch.mockReset();
  });

  async function passwordStep() {
    const onSignedIn = vi.fn();
    render(<SignInForm onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText('Email'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'secret-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    return onSignedIn;
  }

  it('asks for the code instead of signing in, then finishes with it', async () => {
    authFetch.mockResolvedValue({ data: { token: 't' }, error: null });
    const onSignedIn = await passwordStep();
    expect(onSignedIn).not.toHaveBeenCalled();
    await userEvent.type(screen.getByLabelText('Code from your authenticator app'), '123 456');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(authFetch).toHaveBeenCalledWith(
      '/two-factor/verify-totp',
      expect.objectContaining({ method: 'POST', body: { code: '123456' } }),
    );
    expect(onSignedIn).toHaveBeenCalled();
  });

  it('passes on where an OAuth authorization continues (the answer of the second step)', async () => {
    authFetch.mockResolvedValue({ data: { redirect: true, url: 'http://localhost/consent?x=1' }, error: null });
    const onSignedIn = await passwordStep();
    await userEvent.type(screen.getByLabelText('Code from your authenticator app'), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(onSignedIn).toHaveBeenCalledWith({ redirect: true, url: 'http://localhost/consent?x=1' });
  });

  it('takes a backup code when the device is lost', async () => {
    authFetch.mockResolvedValue({ data: { token: 't' }, error: null });
    await passwordStep();
    await userEvent.type(screen.getByLabelText('Code from your authenticator app'), 'abcde-12345');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(authFetch).toHaveBeenCalledWith(
      '/two-factor/verify-backup-code',
      expect.objectContaining({ body: { code: 'abcde-12345' } }),
    );
  });

  it('checks the code before asking the server', async () => {
    await passwordStep();
    await userEvent.type(screen.getByLabelText('Code from your authenticator app'), '12345');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(screen.getByLabelText('Code from your authenticator app')).toHaveAttribute('aria-invalid', 'true');
    expect(authFetch).not.toHaveBeenCalled();
  });

  it('says when a code did not work, and stays on the step', async () => {
    authFetch.mockResolvedValue({ data: null, error: { status: 401, code: 'INVALID_CODE', message: 'Invalid code' } });
    const onSignedIn = await passwordStep();
    await userEvent.type(screen.getByLabelText('Code from your authenticator app'), '000000');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That code did not work');
    expect(onSignedIn).not.toHaveBeenCalled();
  });
});
