import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DETAIL_MAX, OAuthErrorMessage } from './oauth-error-message';

describe('OAuthErrorMessage', () => {
  it('explains a known error in plain words and shows the code and the server’s detail', () => {
    render(<OAuthErrorMessage error="invalid_scope" description="scope shop:all is not offered" />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The app asked for a permission that Taskvault does not offer.');
    expect(alert).toHaveTextContent('invalid_scope');
    expect(alert).toHaveTextContent('scope shop:all is not offered');
  });

  it('says "not sent there" for an unregistered redirect URI', () => {
    render(<OAuthErrorMessage error="invalid_redirect" description={null} />);
    expect(screen.getByRole('alert')).toHaveTextContent('You were not sent there, to protect your account.');
  });

  it('shows markup in the query as text, never as HTML, and offers no link', () => {
    const hostile = '<img src=x onerror="alert(1)"><a href="https://evil.example">Continue to your app</a>';
    const { container } = render(<OAuthErrorMessage error={'<b>x</b>'} description={hostile} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('a')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByRole('alert')).toHaveTextContent('<img src=x');
    // A code that is not an RFC 6749 code is not echoed, and reads as a general failure.
    expect(screen.getByRole('alert')).toHaveTextContent('The app’s request could not be completed.');
    expect(screen.queryByText('<b>x</b>')).not.toBeInTheDocument();
  });

  it('shortens a long description', () => {
    render(<OAuthErrorMessage error="invalid_request" description={'a'.repeat(5000)} />);
    expect(screen.getByText(`${'a'.repeat(DETAIL_MAX)}…`)).toBeInTheDocument();
  });

  it('treats an unknown or inherited name as a general failure', () => {
    render(<OAuthErrorMessage error="constructor" description={null} />);
    expect(screen.getByRole('alert')).toHaveTextContent('The app’s request could not be completed.');
  });
});
