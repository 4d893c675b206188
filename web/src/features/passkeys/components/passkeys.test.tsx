import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AddPasskeyForm } from './add-passkey-form';
import { PasskeySignInButton } from './passkey-sign-in-button';
import { PasskeysSection } from './passkeys-section';
import { withQueryClient } from '../../../testing/query-wrapper';

const $fetch = vi.fn();
const signInPasskey = vi.fn();
const updatePasskey = vi.fn();
const deletePasskey = vi.fn();
const startRegistration = vi.fn();
vi.mock('../../../lib/auth-client', () => ({
  authClient: {
    $fetch: (...args: unknown[]) => $fetch(...args),
    signIn: { passkey: (...args: unknown[]) => signInPasskey(...args) },
    passkey: {
      updatePasskey: (...args: unknown[]) => updatePasskey(...args),
      deletePasskey: (...args: unknown[]) => deletePasskey(...args),
    },
  },
}));
vi.mock('@simplewebauthn/browser', () => ({ startRegistration: (...args: unknown[]) => startRegistration(...args) }));

const OPTIONS = { challenge: 'abc', rp: { name: 'Taskvault', id: 'localhost' } };
const LAPTOP = { id: '0b6f4a52-5d1e-4c8e-9d4c-1f6b8a2e7c11', name: 'Laptop', createdAt: '2026-11-30T10:00:00.000Z' };
const notAllowed = () =>
  Object.assign(new Error('The operation either timed out or was not allowed.'), { name: 'NotAllowedError' });

/** The server's answers by path, as Better Auth's $fetch resolves them. */
function answer(byPath: Record<string, unknown>) {
  $fetch.mockImplementation(async (path: string) => {
    const value = byPath[path];
    return value instanceof Error ? { data: null, error: value } : { data: value, error: null };
  });
}

beforeEach(() => {
  for (const mock of [$fetch, signInPasskey, updatePasskey, deletePasskey, startRegistration]) mock.mockReset();
  startRegistration.mockResolvedValue({
    id: 'cred',
    rawId: 'cred',
    response: {},
    type: 'public-key',
    clientExtensionResults: {},
  });
});

async function fillAndAdd(name: string, password: string) {
  if (name) await userEvent.type(screen.getByLabelText('Passkey name'), name);
  if (password) await userEvent.type(screen.getByLabelText('Your password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Add a passkey' }));
}

describe('Account → Passkeys: adding one', () => {
  it('sends the browser’s response with the name and the password, then says it was added', async () => {
    answer({ '/passkey/generate-register-options': OPTIONS, '/passkey/verify-registration': { id: 'new' } });
    const onAdded = vi.fn();
    render(<AddPasskeyForm onAdded={onAdded} />);
    await fillAndAdd('  Work laptop ', 'secret-password');
    expect(await screen.findByRole('status')).toHaveTextContent('Passkey “Work laptop” added.');
    expect(startRegistration).toHaveBeenCalledWith({ optionsJSON: OPTIONS });
    const [, request] = $fetch.mock.calls.find(([path]) => path === '/passkey/verify-registration')!;
    expect(request).toEqual({
      method: 'POST',
      body: {
        response: { id: 'cred', rawId: 'cred', response: {}, type: 'public-key' },
        name: 'Work laptop',
        password: 'secret-password',
      },
    });
    expect(onAdded).toHaveBeenCalledTimes(1);
  });

  it('asks for a name and the password before calling the server', async () => {
    render(<AddPasskeyForm onAdded={vi.fn()} />);
    await fillAndAdd('', '');
    expect(screen.getByText('Give the passkey a name, like "Work laptop".')).toBeVisible();
    expect(screen.getByText('Enter your password.')).toBeVisible();
    expect($fetch).not.toHaveBeenCalled();
  });

  it('reports a closed browser prompt as cancelled, calmly, and sends nothing', async () => {
    answer({ '/passkey/generate-register-options': OPTIONS });
    startRegistration.mockRejectedValue(notAllowed());
    const onAdded = vi.fn();
    render(<AddPasskeyForm onAdded={onAdded} />);
    await fillAndAdd('Laptop', 'secret-password');
    expect(await screen.findByRole('status')).toHaveTextContent('Cancelled: nothing was changed.');
    expect(screen.queryByRole('alert')).toBeNull();
    expect($fetch).toHaveBeenCalledTimes(1);
    expect(onAdded).not.toHaveBeenCalled();
  });

  it('says when the password was wrong, and tells the device to drop the passkey it made', async () => {
    answer({
      '/passkey/generate-register-options': OPTIONS,
      '/passkey/verify-registration': Object.assign(new Error('Invalid password'), {
        status: 400,
        code: 'INVALID_PASSWORD',
      }),
    });
    const signalUnknownCredential = vi.fn(async () => undefined);
    vi.stubGlobal('PublicKeyCredential', { signalUnknownCredential });
    render(<AddPasskeyForm onAdded={vi.fn()} />);
    await fillAndAdd('Laptop', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('That password is not right.');
    expect(signalUnknownCredential).toHaveBeenCalledWith({ rpId: 'localhost', credentialId: 'cred' });
    vi.unstubAllGlobals();
  });
});

describe('Account → Passkeys: the list', () => {
  it('lists passkeys with their date; renames and removes one', async () => {
    answer({ '/passkey/list-user-passkeys': [LAPTOP] });
    updatePasskey.mockResolvedValue({ data: { passkey: { ...LAPTOP, name: 'Desk' } }, error: null });
    deletePasskey.mockResolvedValue({ data: { status: true }, error: null });
    render(withQueryClient(<PasskeysSection />));
    const list = await screen.findByRole('list', { name: 'Your passkeys' });
    expect(within(list).getByText('Laptop')).toBeVisible();
    expect(within(list).getByText(/^Added /)).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Rename Laptop' }));
    const field = screen.getByLabelText('New name');
    await userEvent.clear(field);
    await userEvent.type(field, 'Desk');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(updatePasskey).toHaveBeenCalledWith({ id: LAPTOP.id, name: 'Desk' });
    expect(await screen.findByText('Renamed to “Desk”.')).toBeVisible();

    await userEvent.click(screen.getByRole('button', { name: 'Remove Laptop' }));
    expect(deletePasskey).toHaveBeenCalledWith({ id: LAPTOP.id });
    expect(await screen.findByText('Removed “Laptop”: it no longer signs you in.')).toBeVisible();
  });

  it('says so when there are none', async () => {
    answer({ '/passkey/list-user-passkeys': [] });
    render(withQueryClient(<PasskeysSection />));
    expect(await screen.findByText('No passkeys yet.')).toBeVisible();
  });
});

describe('Sign-in page: passkey', () => {
  it('signs in with no email or password', async () => {
    signInPasskey.mockResolvedValue({ data: { session: {}, user: {} }, error: null });
    const onSignedIn = vi.fn();
    render(<PasskeySignInButton onSignedIn={onSignedIn} />);
    await userEvent.click(screen.getByRole('button', { name: 'Use a passkey' }));
    expect(onSignedIn).toHaveBeenCalledTimes(1);
  });

  it('a closed prompt is "cancelled", not an error; a refused passkey is an alert', async () => {
    signInPasskey.mockResolvedValue({
      data: null,
      error: { code: 'ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY', message: 'Auth cancelled', status: 400 },
    });
    const onSignedIn = vi.fn();
    render(<PasskeySignInButton onSignedIn={onSignedIn} />);
    await userEvent.click(screen.getByRole('button', { name: 'Use a passkey' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Passkey sign-in cancelled.');

    signInPasskey.mockResolvedValue({ data: null, error: { code: 'PASSKEY_NOT_FOUND', status: 401 } });
    await userEvent.click(screen.getByRole('button', { name: 'Use a passkey' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That passkey did not sign you in.');
    expect(onSignedIn).not.toHaveBeenCalled();
  });
});
