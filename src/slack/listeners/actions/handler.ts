import type { ActionKey, ActionValue } from '../../registry/actions';
import type { ListenerContext } from '../context';

/** Runs one kind of button or menu, with its value decoded and checked; `suffix` is what its action_id adds. */
export type ActionHandler<K extends ActionKey> = (
  ctx: ListenerContext,
  value: ActionValue<K>,
  suffix: string,
) => Promise<void>;

export type ActionHandlers<K extends ActionKey> = { [P in K]: ActionHandler<P> };
