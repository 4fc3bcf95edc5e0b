import type { BeatMember } from '../../../../shared/contract';
import { relativeTime } from '../../format/relative-time';
import { useNow } from '../../hooks/use-now';
import { useBeatLeader, useBeatLeaderSync } from '../../stores/beat-leader';

const who = (m: BeatMember): string => `${m.host} (pid ${m.pid}${m.via === 'cli' ? ', queuedesk beat' : ''})`;

/** The beat that fires the schedules on this Redis, on whichever machine, and the beats standing by. */
export function BeatLeader(): React.JSX.Element {
  useBeatLeaderSync();
  const { leadership: l, error } = useBeatLeader();
  const now = useNow();
  if (error) return <p className="error-text">{error}</p>;
  if (!l) return <p className="muted">…</p>;
  const lock = l.leader?.lockTtlMs ?? l.standbys[0]?.lockTtlMs;
  return (
    <div className="beat-leader" data-testid="beat-leader">
      <div>
        <strong>Beat leader: </strong>
        {l.leader ? (
          <>
            <span data-testid="beat-leader-host">{who(l.leader)}</span>
            {l.leader.leaderSince !== null && (
              <span className="muted"> · since {relativeTime(l.leader.leaderSince, now, 'past')}</span>
            )}
          </>
        ) : (
          <span className="muted" data-testid="beat-leader-host">
            {l.unknownLeader
              ? 'a beat that does not announce itself (an older QueueDesk)'
              : l.standbys.length
                ? `none right now: a standby takes over within ${(lock ?? 0) / 1000} s`
                : 'none: no beat runs on this Redis'}
          </span>
        )}
      </div>
      {l.standbys.length > 0 && (
        <div data-testid="beat-standbys">
          <strong>Standing by: </strong>
          {l.standbys.map((m, i) => (
            <span key={m.token} data-testid="beat-standby">
              {i > 0 ? ', ' : ''}
              {who(m)}
            </span>
          ))}
        </div>
      )}
      {l.silent.length > 0 && (
        <div className="muted" data-testid="beat-silent">
          Not answering: {l.silent.map(who).join(', ')}, which led until its lock expired (stopped or cut off)
        </div>
      )}
    </div>
  );
}
