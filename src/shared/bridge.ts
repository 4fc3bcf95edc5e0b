import type { EventName, EventPayload, MethodName, Params, Result } from './contract';
import type { Envelope } from './result';

type Namespace = MethodName extends `${infer NS}.${string}` ? NS : never;
type MembersOf<NS extends string> = MethodName extends infer M
  ? M extends `${NS}.${infer Member}`
    ? Member
    : never
  : never;

type BridgeMethod<M extends MethodName> = (params: Params<M>) => Promise<Envelope<Result<M>>>;

/**
 * What the preload exposes as `window.queuedesk`: one typed function per contract method, grouped by namespace
 * (`queuedesk.connection.status({})`), plus `on` for pushed events. Nothing else crosses the bridge.
 */
export type QueueDeskBridge = {
  [NS in Namespace]: {
    [Member in MembersOf<NS>]: BridgeMethod<Extract<MethodName, `${NS}.${Member}`>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (data: EventPayload<E>) => void): () => void;
};
