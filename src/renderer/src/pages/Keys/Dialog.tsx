/** A small modal: the page behind stays visible but inert while a decision is pending. */
export function Dialog(p: {
  title: string;
  onClose(): void;
  children: React.ReactNode;
  testId?: string;
}): React.JSX.Element {
  return (
    <div className="dialog-backdrop" onClick={p.onClose}>
      <div
        className="dialog card"
        role="dialog"
        aria-modal
        aria-label={p.title}
        data-testid={p.testId}
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.key === 'Escape' && p.onClose()}
      >
        <h2>{p.title}</h2>
        {p.children}
      </div>
    </div>
  );
}
