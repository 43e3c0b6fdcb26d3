import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { onlyOnce } from '../../../usecases/idempotency';
import { textMessage } from '../../blocks/messages';
import { findModal, MODALS, type ModalKey } from '../../registry/modals';
import { listenerContext, noteAcked, wasAcked } from '../context';
import { type SubmissionAnswer, submissionKey } from '../once';
import { contactSubmissions } from './contact';
import { eraseSubmissions } from './erase';
import { importSubmissions } from './imports';
import { introSubmissions } from './intro';
import { reminderSubmissions } from './reminder';
import { scheduledCallSubmissions } from './scheduled-call';
import { settingsSubmissions } from './settings';
import type { SubmissionHandler, SubmissionHandlers, SubmissionResult } from './submission';
import { touchSubmissions } from './touch';
import { transitionSubmissions } from './transition';
import { tripSubmissions } from './trip';

/** One handler for every modal of MODALS: the compiler refuses a modal without one. */
const HANDLERS: SubmissionHandlers<ModalKey> = {
  ...contactSubmissions,
  ...touchSubmissions,
  ...introSubmissions,
  ...transitionSubmissions,
  ...tripSubmissions,
  ...reminderSubmissions,
  ...settingsSubmissions,
  ...importSubmissions,
  ...eraseSubmissions,
  ...scheduledCallSubmissions,
};

const OLD_FORM =
  'This form is from an older version of touchbase, so nothing was saved. Close it and start again (`/touchbase help` lists how).';

const STILL_SAVING =
  'Still saving this form from a moment ago. If it stays open, submit it again: it will not be saved twice.';

/** What Slack is answered, kept for a repeat; null when nothing was saved (errors), so a fixed form runs. */
function answerOf(result: SubmissionResult): SubmissionAnswer | null {
  if ('errors' in result) return null;
  return 'update' in result ? { update: result.update } : { close: true };
}

/**
 * Every modal submission, one dispatcher. Checks and the database write happen before the ack, so
 * the modal only closes once the work is safely stored; errors keep it open beside their fields.
 * What follows the ack (a confirmation DM) runs after Slack has its answer. The same submission
 * delivered again (at once or later, a replay) saves nothing more and is answered as the first was,
 * without its confirmation DM again.
 */
export function registerSubmissions(app: App): void {
  app.view<ViewSubmitAction>(
    { type: 'view_submission' },
    async ({ ack, view, context }: AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>) => {
      const ctx = listenerContext(context);
      const key = findModal(view.callback_id);
      if (!key) {
        ctx.deps.logger.info(
          { callbackId: view.callback_id },
          'a submission of a modal touchbase no longer makes',
        );
        const firstInput = view.blocks.find((b) => b.type === 'input')?.block_id;
        noteAcked(context);
        if (firstInput) return ack({ response_action: 'errors', errors: { [firstInput]: OLD_FORM } });
        await ack();
        return ctx.dm(textMessage(OLD_FORM));
      }
      const handler = HANDLERS[key] as SubmissionHandler<ModalKey>;
      const once = await onlyOnce(
        ctx.deps,
        ctx.member,
        submissionKey(view),
        () => handler(ctx, view, MODALS[key].metadata.decode(view.private_metadata) as never),
        answerOf,
      );
      // The middleware answered already when the work ran past its time budget: Slack takes one
      // answer, so this one is not sent, but a confirmation still tells the member what was saved.
      const late = wasAcked(context);
      noteAcked(context);
      if (late) {
        ctx.deps.logger.warn({ modal: key }, 'a submission finished after its time budget');
        if (once.kind === 'first' && !('errors' in once.result)) await once.result.after?.();
        return;
      }
      if (once.kind === 'repeat') {
        const answer = once.answer;
        return 'update' in answer ? ack({ response_action: 'update', view: answer.update }) : ack();
      }
      if (once.kind === 'busy') {
        const firstInput = view.blocks.find((b) => b.type === 'input')?.block_id;
        return firstInput
          ? ack({ response_action: 'errors', errors: { [firstInput]: STILL_SAVING } })
          : ack();
      }
      const result = once.result;
      if ('errors' in result) {
        await ack({ response_action: 'errors', errors: result.errors });
        return;
      }
      await ack('update' in result ? { response_action: 'update', view: result.update } : undefined);
      await result.after?.();
    },
  );
}
