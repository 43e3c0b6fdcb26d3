import type { AllMiddlewareArgs, App, BlockAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { onlyOnce } from '../../../usecases/idempotency';
import { notYoursMessage, staleButtonMessage, textMessage } from '../../blocks/messages';
import { ACTIONS, type ActionKey, findAction } from '../../registry/actions';
import { noCodec } from '../../registry/codec';
import { type ListenerContext, listenerContext } from '../context';
import { actionKey, type RecordedReply, recordingReplies, replayReplies } from '../once';
import { askActions } from './asks';
import { calendarActions } from './calendar';
import { contactActions } from './contacts';
import { digestActions } from './digest';
import { fatigueActions } from './fatigue';
import type { ActionHandler, ActionHandlers } from './handler';
import { homeActions } from './home-tab';
import { importActions } from './imports';
import { introActions } from './intros';
import { reminderActions } from './reminders';
import { scheduledCallActions } from './scheduled-calls';
import { shareActions } from './share';
import { touchActions } from './touches';
import { triageActions } from './triage';
import { tripActions } from './trips';

/** One handler for every entry of ACTIONS: the compiler refuses a button without one. */
const HANDLERS: ActionHandlers<ActionKey> = {
  ...contactActions,
  ...digestActions,
  ...fatigueActions,
  ...askActions,
  ...introActions,
  ...tripActions,
  ...reminderActions,
  ...shareActions,
  ...homeActions,
  ...touchActions,
  ...triageActions,
  ...importActions,
  ...calendarActions,
  ...scheduledCallActions,
};

/**
 * Whether a click writes. Those that do carry an idempotency key, so a double click, a repeated
 * delivery or a later click on the same button writes once and is answered as the first was; those
 * that only open a form, show or page through something just run again (a form closed and opened
 * again is a new intention). A function decides by the action_id's suffix. The compiler refuses a
 * button missing here.
 */
const WRITES: Record<ActionKey, boolean | ((suffix: string) => boolean)> = {
  showContact: false,
  logFromContact: false,
  editFromContact: false,
  archiveFromContact: false, // asks first
  transitionFromContact: false,
  remindFromContact: false,
  deleteContact: true,
  confirmArchive: true,
  cancelArchive: false,
  undoArchive: true,
  restoreFromList: true,
  editTouch: false,
  deleteTouch: true,
  undoTouch: true,
  undoIntro: true,
  undoGroupTouch: true,
  listPage: false,
  // One button per namesake, suffixed `<verb>_<contact id>`: of the verbs, only restore writes.
  choose: (suffix) => suffix.startsWith('restore_'),
  digestLog: false,
  digestSnooze: true,
  digestSkip: true,
  digestOpen: false,
  digestFatigue: true,
  digestSchedule: false,
  scheduleFromContact: false,
  // "Log it" only opens the log form, whose submission is the write (once per submission).
  callLog: false,
  callDidntHappen: true,
  digestLogDate: false,
  askGranted: true,
  askDeclined: true,
  askWithdrawn: true,
  markShared: true,
  planToMeet: true,
  cancelTrip: true,
  logTripMet: false,
  // Log it marks the reminder done as it opens the log form: a second click neither marks nor opens again.
  reminderDone: true,
  reminderLog: true,
  reminderCancel: true,
  introOutcome: true,
  triageSort: true,
  triageTalked: true,
  triageNext: false,
  triageKeepRest: true,
  homeTriage: false,
  homeAddContact: false,
  homeLogTouch: false,
  homeLogIntro: false,
  homeRemind: false,
  homeLogContact: false,
  homeReconnect: false,
  homeArchive: true,
  homeAskGranted: true,
  homeAskDeclined: true,
  homeAskWithdrawn: true,
  homeIntroOutcome: true,
  homeImport: false,
  // Writes nothing; a second click while the first export runs is told so by the export's own guard.
  homeExport: false,
  importConfirm: true,
  importCancel: true,
  importInclude: false,
  calendarNewLink: true,
  calendarTurnOff: true,
};

const STILL_AT_WORK =
  'Still on it from your first click a moment ago; this one changes nothing. The answer follows shortly.';

/** A value that does not decode is stale or crafted; a few buttons say so more helpfully than "not yours". */
const STALE_VALUE: Partial<Record<ActionKey, string>> = {
  listPage: 'That button is out of date. Try `/touchbase list` again.',
};

/**
 * Every button and menu click, one dispatcher: the middleware has acked and put the member on the
 * context; this finds the registry entry by action_id, decodes its value, and runs its handler. A
 * click on something touchbase no longer makes gets a plain answer, never Slack's timeout.
 */
export function registerActions(app: App): void {
  app.action<BlockAction>(
    { type: 'block_actions' },
    async ({ action, body, context }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction>) => {
      const ctx = listenerContext(context);
      const found = findAction(action.action_id);
      if (!found) {
        ctx.deps.logger.info({ actionId: action.action_id }, 'a click on a button touchbase no longer makes');
        return ctx.reply(staleButtonMessage());
      }
      const def = ACTIONS[found.key];
      const raw =
        action.type === 'button'
          ? action.value
          : action.type === 'overflow' || action.type === 'static_select'
            ? action.selected_option?.value
            : undefined;
      const value = def.codec.decode(raw);
      if (value === null && def.codec !== noCodec) {
        const stale = STALE_VALUE[found.key];
        return ctx.reply(stale ? textMessage(stale) : notYoursMessage());
      }
      const handler = HANDLERS[found.key] as ActionHandler<ActionKey>;
      const run = (c: ListenerContext) => handler(c, value as never, found.suffix);
      const writes = WRITES[found.key];
      const keyed = typeof writes === 'function' ? writes(found.suffix) : writes;
      const key = keyed ? actionKey(body.container, body.view, action, raw) : null;
      if (!key) return run(ctx);
      const recording = recordingReplies(ctx);
      const once = await onlyOnce(
        ctx.deps,
        ctx.member,
        key,
        () => run(recording.ctx),
        (): RecordedReply[] => recording.replies,
      );
      if (once.kind === 'repeat') return replayReplies(ctx, once.answer);
      if (once.kind === 'busy') return ctx.reply(textMessage(STILL_AT_WORK));
    },
  );
}
