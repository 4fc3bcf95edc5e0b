import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { MessageDetail } from '../../components/PubSubDetail/MessageDetail';
import { MessageTable } from '../../components/PubSubTable/MessageTable';
import { MessageToolbar } from '../../components/PubSubToolbar/MessageToolbar';
import { rowFilter } from '../../stores/pubsub-format';
import { usePubSubMessages } from '../../stores/pubsub-messages';

/** The live half of the page; the only part that re-renders with each batch of messages. */
export function LivePane(): React.JSX.Element {
  const { rows, frozen, filter, selected, select } = usePubSubMessages(
    useShallow((s) => ({
      rows: s.rows,
      frozen: s.frozen,
      filter: s.filter,
      selected: s.selected,
      select: s.select,
    })),
  );
  const visible = useMemo(() => {
    const source = frozen ?? rows;
    return filter.trim() ? source.filter(rowFilter(filter)) : source;
  }, [rows, frozen, filter]);
  return (
    <div className="pubsub-live">
      <MessageToolbar shown={visible.length} />
      <MessageTable rows={visible} selectedId={selected?.id} onSelect={select} />
      <MessageDetail row={selected} />
    </div>
  );
}
