import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TwoFactorSettings } from './two-factor-settings';

const session = { user: { email: 'ada@example.com', twoFactorEnabled: false } };
const enable = vi.fn();
const verifyTotp = vi.fn();
const generateBackupCodes = vi.fn();
const disable = vi.fn();
vi.mock('../../../lib/auth-client', () => ({
  authClient: {
    useSession: () => ({ data: session }),
    twoFactor: {
      enable: (...args: unknown[]) => enable(...args),
      verifyTotp: (...args: unknown[]) => verifyTotp(...args),
      generateBackupCodes: (...args: unknown[]) => generateBackupCodes(...args),
      disable: (...args: unknown[]) => disable(...args),
    },
  },
}));

const SECRET = 'JBSWY3DPEHPK3PXP';
const TOTP_URI = `otpauth://totp/Taskvault:ada%40example.com?secret=${SECRET}&issuer=Taskvault&digits=6&period=30`;
const CODES = Array.from({ length: 10 }, (_, n) => `abcd${n}-efgh${n}`);

beforeEach(() => {
  session.user.twoFactorEnabled = false;
  for (const mock of [enable, verifyTotp, generateBackupCodes, disable]) mock.mockReset();
});

async function confirmPassword(password = 'the password') {
  await userEvent.type(screen.getByLabelText('Your password'), password);
}

async function toTheSecret() {
  enable.mockResolvedValue({ data: { method: 'totp', totpURI: TOTP_URI, backupCodes: CODES }, error: null });
  render(<TwoFactorSettings />);
  expect(screen.getByText('Off')).toBeInTheDocument();
  await userEvent.click(screen.getByRole('button', { name: 'Turn on two-factor sign-in' }));
  await confirmPassword();
  await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
  expect(enable).toHaveBeenCalledWith({ password: 'the password' });
  await screen.findByLabelText('Secret key');
}

describe('turning two-factor sign-in on', () => {
  it('shows the QR code and the secret as text, then turns on only with a confirming code', async () => {
    await toTheSecret();
    expect(screen.getByRole('heading', { name: 'Add Taskvault to your authenticator app' })).toHaveFocus();
    expect(screen.getByRole('img', { name: /QR code of your two-factor secret/ })).toBeInTheDocument();
    expect(screen.getByLabelText('Secret key')).toHaveValue(SECRET);
    // The codes come only after the confirmation.
    expect(screen.queryByText(CODES[0])).not.toBeInTheDocument();

    verifyTotp.mockResolvedValue({ data: { token: 't' }, error: null });
    await userEvent.type(screen.getByLabelText('Code from your authenticator app'), '123 456');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(verifyTotp).toHaveBeenCalledWith({ code: '123456' });
    expect(await screen.findByRole('status')).toHaveTextContent('Two-factor sign-in is on.');
    const shown = screen.getByRole('region', { name: 'Your backup codes' });
    for (const code of CODES) expect(within(shown).getByText(code)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Your backup codes' })).toHaveFocus();
  });

  it('says when the password is wrong, and shows no secret', async () => {
    enable.mockResolvedValue({ data: null, error: { status: 400, code: 'INVALID_PASSWORD' } });
    render(<TwoFactorSettings />);
    await userEvent.click(screen.getByRole('button', { name: 'Turn on two-factor sign-in' }));
    await confirmPassword('wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That password is not right.');
    expect(screen.queryByLabelText('Secret key')).not.toBeInTheDocument();
  });

  it('asks for the password before calling the server', async () => {
    render(<TwoFactorSettings />);
    await userEvent.click(screen.getByRole('button', { name: 'Turn on two-factor sign-in' }));
    await userEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(screen.getByLabelText('Your password')).toHaveAttribute('aria-invalid', 'true');
    expect(enable).not.toHaveBeenCalled();
  });

  it('checks the code’s form first, and says when the server refuses it; the codes stay hidden', async () => {
    await toTheSecret();
    const code = screen.getByLabelText('Code from your authenticator app');
    await userEvent.type(code, '12345');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(verifyTotp).not.toHaveBeenCalled();

    verifyTotp.mockResolvedValue({ data: null, error: { status: 401, code: 'INVALID_CODE' } });
    await userEvent.clear(code);
    await userEvent.type(code, '000000');
    await userEvent.click(screen.getByRole('button', { name: 'Turn on' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That code did not work');
    expect(screen.queryByText(CODES[0])).not.toBeInTheDocument();
  });

  it('copies the secret key, and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await toTheSecret();
    await userEvent.click(screen.getByRole('button', { name: 'Copy secret key' }));
    expect(writeText).toHaveBeenCalledWith(SECRET);
    expect(await screen.findByText('Secret key copied to the clipboard.')).toHaveAttribute('role', 'status');
  });
});

describe('the backup codes', () => {
  async function shownCodes() {
    session.user.twoFactorEnabled = true;
    generateBackupCodes.mockResolvedValue({ data: { status: true, backupCodes: CODES }, error: null });
    render(<TwoFactorSettings />);
    await userEvent.click(screen.getByRole('button', { name: 'Make new backup codes' }));
    await confirmPassword();
    await userEvent.click(screen.getByRole('button', { name: 'Make new backup codes' }));
    expect(generateBackupCodes).toHaveBeenCalledWith({ password: 'the password' });
    return screen.findByRole('region', { name: 'Your backup codes' });
  }

  it('downloads as a text file holding every code, one a line', async () => {
    const shown = await shownCodes();
    const link = within(shown).getByRole('link', { name: 'Download' });
    expect(link).toHaveAttribute('download', 'taskvault-backup-codes.txt');
    const href = link.getAttribute('href')!;
    expect(href.startsWith('data:text/plain;charset=utf-8,')).toBe(true);
    const text = decodeURIComponent(href.slice(href.indexOf(',') + 1));
    expect(text.split('\n')).toEqual(expect.arrayContaining(CODES));
    expect(text).toContain('ada@example.com');
  });

  it('copies all the codes, and says when the clipboard is refused', async () => {
    const writeText = vi.fn().mockRejectedValue(new Error('denied'));
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const shown = await shownCodes();
    await userEvent.click(within(shown).getByRole('button', { name: 'Copy backup codes' }));
    expect(writeText.mock.calls[0][0]).toContain(CODES.join('\n'));
    expect(await screen.findByText('Could not copy: select the backup codes and copy by hand.')).toBeInTheDocument();
  });

  it('are shown once: gone from the page after “I have saved them”', async () => {
    const shown = await shownCodes();
    expect(screen.getByRole('status')).toHaveTextContent('the old ones no longer work');
    await userEvent.click(within(shown).getByRole('button', { name: 'I have saved them' }));
    expect(screen.queryByText(CODES[0])).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Make new backup codes' })).toBeInTheDocument();
  });

  it('explains the lost-device path while two-factor sign-in is on', () => {
    session.user.twoFactorEnabled = true;
    render(<TwoFactorSettings />);
    expect(screen.getByText('On')).toBeInTheDocument();
    expect(screen.getByText(/Lost your device\? On the sign-in page/)).toBeInTheDocument();
  });
});

describe('turning two-factor sign-in off', () => {
  it('needs the password; a wrong one is refused and it stays on', async () => {
    session.user.twoFactorEnabled = true;
    disable.mockResolvedValueOnce({ data: null, error: { status: 400, code: 'INVALID_PASSWORD' } });
    const onSessionChanged = vi.fn();
    render(<TwoFactorSettings onSessionChanged={onSessionChanged} />);
    await userEvent.click(screen.getByRole('button', { name: 'Turn off two-factor sign-in' }));
    await confirmPassword('wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Turn off two-factor sign-in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('That password is not right.');
    expect(onSessionChanged).not.toHaveBeenCalled();

    disable.mockResolvedValueOnce({ data: { status: true }, error: null });
    await userEvent.clear(screen.getByLabelText('Your password'));
    await confirmPassword('right');
    await userEvent.click(screen.getByRole('button', { name: 'Turn off two-factor sign-in' }));
    expect(disable).toHaveBeenLastCalledWith({ password: 'right' });
    expect(await screen.findByRole('status')).toHaveTextContent('Two-factor sign-in is off.');
    // Better Auth replaced the session: the page's list of sessions is told to reload.
    expect(onSessionChanged).toHaveBeenCalledTimes(1);
  });
});
