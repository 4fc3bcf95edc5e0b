import type { Column } from '../../components/SortTable/SortTable';

/** The "Node" column of rows read from a cluster; none when the rows carry no node (one server). */
export function withNodeColumn<T extends { node?: string }>(columns: Column<T>[], rows: T[]): Column<T>[] {
  if (!rows.some((r) => r.node)) return columns;
  const node: Column<T> = {
    id: 'node',
    label: 'Node',
    value: (r) => r.node ?? '',
    render: (r) => <span className="mono">{r.node}</span>,
  };
  return [node, ...columns];
}
