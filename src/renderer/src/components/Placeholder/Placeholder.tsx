import './Placeholder.css';

/** What a panel is for, until it is built. */
export function Placeholder({
  title,
  children,
}: {
  title: string;
  children: React.ReactNode;
}): React.JSX.Element {
  return (
    <section className="placeholder">
      <h1>{title}</h1>
      <div className="card muted">{children}</div>
    </section>
  );
}
