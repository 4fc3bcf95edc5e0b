import { useState } from 'react';
import { TypeToConfirm } from './TypeToConfirm';
import './ConfirmDialog.css';

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel: string;
  /** The user must type this exact text to enable the button (destructive actions such as obliterate). */
  typeToConfirm?: string;
  danger?: boolean;
  onConfirm(): void;
}

export function ConfirmDialog({
  request,
  onClose,
}: {
  request: ConfirmRequest;
  onClose(): void;
}): React.JSX.Element {
  const [typed, setTyped] = useState('');
  const blocked = request.typeToConfirm !== undefined && typed !== request.typeToConfirm;
  const confirm = (): void => {
    if (blocked) return;
    onClose();
    request.onConfirm();
  };
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div
        className="dialog card"
        role="dialog"
        aria-modal="true"
        aria-label={request.title}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && onClose()}
        data-testid="confirm-dialog"
      >
        <h2>{request.title}</h2>
        <p>{request.message}</p>
        {request.typeToConfirm !== undefined && (
          <TypeToConfirm
            expected={request.typeToConfirm}
            value={typed}
            onChange={setTyped}
            onEnter={confirm}
            testId="confirm-input"
          />
        )}
        <div className="row dialog-actions">
          <button onClick={onClose} autoFocus={request.typeToConfirm === undefined}>
            Cancel
          </button>
          <button
            className={request.danger ? 'primary danger-fill' : 'primary'}
            disabled={blocked}
            onClick={confirm}
            data-testid="confirm-ok"
          >
            {request.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
