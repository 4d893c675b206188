import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SignInForm } from './sign-in-form';

const signIn = vi.fn();
vi.mock('../../../lib/auth-client', () => ({
  authClient: { signIn: { email: (...args: unknown[]) => signIn(...args) } },
}));

type OnError = { onError?: (context: { response: Response }) => void };

describe('SignInForm', () => {
  beforeEach(() => signIn.mockReset());

  async function submit(email = 'ada@example.com', password = 'secret-password') {
    const onSignedIn = vi.fn();
    render(<SignInForm onSignedIn={onSignedIn} />);
    if (email) await userEvent.type(screen.getByLabelText('Email'), email);
    if (password) await userEvent.type(screen.getByLabelText('Password'), password);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    return onSignedIn;
  }

  it('checks the fields before asking the server', async () => {
    await submit('not-an-email', '');
    expect(screen.getByText('Enter your email address, like name@example.com.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');
    expect(signIn).not.toHaveBeenCalled();
  });

  it('signs in and hands over', async () => {
    signIn.mockResolvedValue({ data: { token: 't' }, error: null });
    const onSignedIn = await submit();
    expect(signIn).toHaveBeenCalledWith({ email: 'ada@example.com', password: 'secret-password' }, expect.anything());
    expect(onSignedIn).toHaveBeenCalled();
  });

  it('says "wrong email or password" for a 401, the same for both', async () => {
    signIn.mockResolvedValue({ data: null, error: { status: 401, message: 'Invalid email or password' } });
    const onSignedIn = await submit();
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('tells when to try again after a 429, from Retry-After', async () => {
    signIn.mockImplementation(async (...args: unknown[]) => {
      const options = (args[1] ?? {}) as OnError;
      options.onError?.({ response: new Response(null, { status: 429, headers: { 'Retry-After': '840' } }) });
      return { data: null, error: { status: 429, message: 'Too many requests' } };
    });
    await submit();
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Please try again in 14 minutes.');
  });
});
