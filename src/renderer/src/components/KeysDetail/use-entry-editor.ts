import { useState } from 'react';
import type { KeyDetails } from '../../../../shared/contract';
import { useKeyDetail } from '../../stores/keys-detail';
import { useNamespace } from './ItemViewer';
import { useFootTotal } from './InsideBar';
import { refOf } from './key-ref';
import { useLoadAll, useRows } from './LoadAllFoot';
import { useSelected } from './use-selected';

/**
 * What every collection editor (list, hash, set, sorted set, stream) starts from: its rows, the element picked
 * in its table (`chosen`, by its `key`), and the table's props for its rows and paging (`table`).
 */
export function useEntryEditor<T>(details: KeyDetails, loaded: T[], key: keyof T & string) {
  const { edit, loadMore } = useKeyDetail();
  const loadAll = useLoadAll();
  const { rows, pages } = useRows(loaded, details);
  const total = useFootTotal(details, rows.length);
  const [selected, setSelected] = useState<string | null>(null);
  const chosen = useSelected(rows, key, selected, pages);
  const namespace = useNamespace(details);
  return {
    edit,
    ref: refOf(details),
    namespace,
    rows,
    selected,
    setSelected,
    chosen,
    table: {
      items: rows,
      selected,
      more: details.nextCursor !== null,
      onMore: () => void loadMore(),
      total,
      pages,
      loadAll,
    },
  };
}
