import { useId } from 'react';

/**
 * The CA file picker, in the app's own button style: the native input stays in the tab order but out of sight
 * (Space or Enter on it opens the file dialog), and its label is the button everyone sees; its focus ring shows
 * on the label. Once a file is read, its name and a Remove button stand beside it.
 */
export function TlsCaFile(p: {
  fileName: string | null;
  onFile(file: File): void;
  onRemove(): void;
  /** `<testId>` on the input, `<testId>-name` on the name, `<testId>-remove` on the button. */
  testId: string;
}): React.JSX.Element {
  const inputId = useId();
  return (
    <div className="tls-file">
      <span className="tls-file-caption">…or read it from a file</span>
      <div className="tls-file-row">
        <input
          id={inputId}
          type="file"
          className="visually-hidden"
          accept=".pem,.crt,.cer,application/x-pem-file,text/plain"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) p.onFile(file);
            // Choosing the same file again after a Remove must fire a change again.
            e.target.value = '';
          }}
          data-testid={p.testId}
        />
        <label htmlFor={inputId} className="button-like">
          {p.fileName ? 'Choose another file…' : 'Choose CA file…'}
        </label>
        {p.fileName && (
          <>
            <span className="tls-file-name mono" title={p.fileName} data-testid={`${p.testId}-name`}>
              {p.fileName}
            </span>
            <button
              type="button"
              onClick={p.onRemove}
              aria-label={`Remove ${p.fileName}`}
              data-testid={`${p.testId}-remove`}
            >
              Remove
            </button>
          </>
        )}
      </div>
    </div>
  );
}
