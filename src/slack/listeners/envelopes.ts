import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { firstDelivery } from '../../usecases/deliveries';
import type { UseCaseDeps } from '../../usecases/deps';
import { ENVELOPE_ID } from '../socket-mode';

/**
 * Socket Mode redelivers an envelope (same envelope_id, the next retry_attempt) when it thinks an
 * ack was late; the first delivery may well have been processed. Only the first delivery of an
 * envelope goes on to the listeners; a redelivery is acked with nothing and dropped. Requests over
 * HTTP carry no envelope and pass straight through.
 */
export function onceByEnvelope(deps: UseCaseDeps): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const envelopeId = args.context[ENVELOPE_ID];
    if (typeof envelopeId !== 'string') return args.next();
    if (await firstDelivery(deps, `envelope:${envelopeId}`)) return args.next();
    deps.logger.info(
      { envelopeId, retryNum: args.context.retryNum },
      'Socket Mode redelivered an envelope already taken in: acked, not processed again',
    );
    await (args as { ack?: () => Promise<void> }).ack?.();
  };
}
