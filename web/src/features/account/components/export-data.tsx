import { useState } from 'react';
import { StatusMessage } from '../../../components/status-message';
import { api } from '../../../lib/api-client';

/** Downloads GET /api/users/me/export as a JSON file. */
export function ExportData() {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setError(undefined);
    setBusy(true);
    const { data, error: failure } = await api.GET('/api/users/me/export');
    setBusy(false);
    if (failure || !data) return setError('Could not prepare the export. Please try again.');
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'taskvault-export.json';
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Export your data</h2>
      <p>A JSON file with your profile and every task.</p>
      <StatusMessage kind="alert">{error}</StatusMessage>
      <button type="button" onClick={() => void download()} disabled={busy}>
        {busy ? 'Preparing…' : 'Download my data'}
      </button>
    </section>
  );
}
