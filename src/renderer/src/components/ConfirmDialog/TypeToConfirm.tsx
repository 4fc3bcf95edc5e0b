/** "Type 280944 to confirm": for actions that destroy what they name, one click is not enough. */
export function TypeToConfirm(p: {
  expected: string;
  value: string;
  onChange(value: string): void;
  onEnter?(): void;
  className?: string;
  testId: string;
}): React.JSX.Element {
  return (
    <label className={p.className ?? 'dialog-type'}>
      <span>
        Type <code>{p.expected}</code> to confirm
      </span>
      <input
        autoFocus
        value={p.value}
        onChange={(e) => p.onChange(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && p.onEnter?.()}
        data-testid={p.testId}
      />
    </label>
  );
}
