import { useState } from 'react';
import { TlsCaFile } from './TlsCaFile';
import { PEM_CERTIFICATE, type TlsFormChoices } from './tls-choices';

/** The contract's limit on a CA (see TlsCa in shared/contract). */
const MAX_CA_CHARS = 100_000;

/**
 * What TLS needs besides the switch, shown once it is on: the CA (pasted or read from a .pem file) and
 * skip-verify for local self-signed set-ups. Nothing while TLS is off.
 */
export function TlsOptions(p: {
  choices: TlsFormChoices;
  onChange(change: Partial<TlsFormChoices>): void;
  error?: string;
  /** Names the inputs for tests: `<prefix>-tls-ca`, `<prefix>-tls-ca-file` (and its `-name`, `-remove`),
   * `<prefix>-tls-skip-verify`. */
  testIdPrefix: string;
}): React.JSX.Element | null {
  const [fileError, setFileError] = useState<string | null>(null);
  // The file the CA came from, while the text is still what it held.
  const [fileName, setFileName] = useState<string | null>(null);
  if (!p.choices.tls) return null;
  const id = (what: string): string => `${p.testIdPrefix}-${what}`;
  const load = async (file: File): Promise<void> => {
    const text = file.size > MAX_CA_CHARS ? '' : await file.text();
    if (!text.includes(PEM_CERTIFICATE))
      return setFileError(`“${file.name}” holds no PEM certificate (${PEM_CERTIFICATE}…)`);
    setFileError(null);
    setFileName(file.name);
    p.onChange({ tlsCa: text.trim() });
  };
  return (
    <div className="tls-options">
      <label>
        CA certificate (PEM), for a private or self-signed CA
        <textarea
          value={p.choices.tlsCa}
          onChange={(e) => {
            setFileName(null);
            p.onChange({ tlsCa: e.target.value });
          }}
          rows={3}
          className="mono"
          placeholder={PEM_CERTIFICATE}
          data-testid={id('tls-ca')}
        />
        {(p.error ?? fileError) && <span className="field-error">{p.error ?? fileError}</span>}
      </label>
      <TlsCaFile
        fileName={fileName}
        onFile={(file) => void load(file)}
        onRemove={() => {
          setFileName(null);
          setFileError(null);
          p.onChange({ tlsCa: '' });
        }}
        testId={id('tls-ca-file')}
      />
      <label className="check">
        <input
          type="checkbox"
          checked={p.choices.tlsSkipVerify}
          onChange={(e) => p.onChange({ tlsSkipVerify: e.target.checked })}
          data-testid={id('tls-skip-verify')}
        />{' '}
        Skip certificate verification (local set-ups only)
      </label>
    </div>
  );
}
