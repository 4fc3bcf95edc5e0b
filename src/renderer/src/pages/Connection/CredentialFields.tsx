type Change = (e: React.ChangeEvent<HTMLInputElement>) => void;

/** Username and password inputs of a connection form (two cells of its grid). */
export function CredentialFields(p: {
  username: string;
  password: string;
  onUsername: Change;
  onPassword: Change;
  /** Shown in an empty password field, e.g. "saved" when a stored one will be used. */
  passwordPlaceholder?: string;
  /** Names the inputs for tests: `<prefix>-username`, `<prefix>-password`. */
  testIdPrefix?: string;
}): React.JSX.Element {
  const id = (what: string): string | undefined => (p.testIdPrefix ? `${p.testIdPrefix}-${what}` : undefined);
  return (
    <>
      <label>
        Username (ACL)
        <input value={p.username} onChange={p.onUsername} autoComplete="off" data-testid={id('username')} />
      </label>
      <label>
        Password
        <input
          type="password"
          value={p.password}
          onChange={p.onPassword}
          autoComplete="off"
          placeholder={p.passwordPlaceholder}
          data-testid={id('password')}
        />
      </label>
    </>
  );
}
