import type { ProcessInfo } from '../../../../shared/contract';

/** What a process's row of a ProcTable shows and does: `selected` while its logs are open. */
export interface ProcRowProps {
  p: ProcessInfo;
  now: number;
  selected: boolean;
  onLogs(): void;
}

/** The workers' and schedules' tables: named columns (the last one, for actions, unnamed) over their rows. */
export function ProcTable({
  columns,
  children,
}: {
  columns: string[];
  children: React.ReactNode;
}): React.JSX.Element {
  return (
    <div className="table-scroll">
      <table className="proc-table">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c}>{c}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
