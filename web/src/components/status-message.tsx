/** Polite live region for outcomes; alerts (errors) are announced at once. */
export function StatusMessage({
  kind = 'status',
  children,
}: {
  kind?: 'status' | 'alert';
  children?: React.ReactNode;
}) {
  if (!children) return null;
  return (
    <p role={kind} className={kind === 'alert' ? 'message message-error' : 'message'}>
      {children}
    </p>
  );
}
