import './KeysList.css';

/** The Redis type as a small coloured tag (colour by type, text always present). */
export function TypeBadge({ type }: { type: string }): React.JSX.Element {
  return <span className={`type-badge type-${type}`}>{type}</span>;
}
