import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Deps } from '../../deps';

type SubmitArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

/**
 * Wraps a submission handler so that a failure (the database down, say) still answers Slack:
 * the modal stays open with a message on its first field, nothing half-saved, instead of
 * Slack's generic "trouble connecting" after 3 seconds.
 */
export function guarded(deps: Deps, handler: (args: SubmitArgs) => Promise<void>) {
  return async (args: SubmitArgs): Promise<void> => {
    let acked = false;
    const ack: SubmitArgs['ack'] = async (response) => {
      acked = true;
      await args.ack(response);
    };
    try {
      await handler({ ...args, ack });
    } catch (err) {
      deps.logger.error({ err, callbackId: args.view.callback_id }, 'modal submission failed');
      if (acked) return;
      const firstInput = args.view.blocks.find((b) => b.type === 'input')?.block_id;
      await args.ack(
        firstInput
          ? {
              response_action: 'errors',
              errors: {
                [firstInput]: 'Something went wrong on my side and nothing was saved. Please try again.',
              },
            }
          : undefined,
      );
    }
  };
}
