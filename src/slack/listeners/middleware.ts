import type { AnyMiddlewareArgs, Context, Middleware, RespondFn, types } from '@slack/bolt';
import type { UseCaseDeps } from '../../usecases/deps';
import { enrolMember, enrolMemberOnce, type MemberRef } from '../../usecases/members';
import { type Message, textMessage } from '../blocks/messages';
import { DATABASE_SILENT, failureWords, SORRY } from '../failure-words';
import { contextFor, noteAcked, setListenerContext, wasAcked } from './context';

/** users.info is asked at most this long before an interaction goes on without it (UTC meanwhile). */
const TZ_LOOKUP_BUDGET_MS = 1200;

/**
 * How long a modal submission may work before the middleware answers Slack itself: Slack shows its
 * own generic failure when no answer comes within 3 seconds, and the answer still has to travel.
 */
const SUBMISSION_BUDGET_MS = 2500;

const FORM_SORRY = 'Something went wrong on my side and nothing was saved. Please try again.';
const FORM_DATABASE_SILENT =
  "I couldn't save that just now: my database did not answer, so nothing was saved. Please try again in a moment.";
const FORM_TOO_SLOW =
  'This is taking longer than it should: my database is slow to answer. If no confirmation reaches your DM in a minute, please try again.';

type Kind = 'command' | 'action' | 'shortcut' | 'submission' | 'closed' | 'options' | 'event' | 'other';

interface Payload {
  type?: string;
  command?: string;
  text?: string;
  user?: { id?: string; team_id?: string };
  user_id?: string;
  team_id?: string;
  team?: { id?: string } | null;
  trigger_id?: string;
  view?: { type?: string; blocks?: { type: string; block_id?: string }[] } | null;
  event?: { type?: string; user?: string };
  message?: { blocks?: types.KnownBlock[] };
}

function kindOf(body: Payload): Kind {
  if (typeof body.command === 'string') return 'command';
  switch (body.type) {
    case 'block_actions':
      return 'action';
    case 'shortcut':
    case 'message_action':
      return 'shortcut';
    case 'view_submission':
      return 'submission';
    case 'view_closed':
      return 'closed';
    case 'block_suggestion':
      return 'options';
    case 'event_callback':
      return 'event';
    default:
      return 'other';
  }
}

/** The member a request comes from: its user in its workspace. */
function memberOf(body: Payload, context: Context): MemberRef | null {
  if (body.event) {
    const teamId = body.team_id ?? context.teamId;
    return body.event.user && teamId ? { teamId, userId: body.event.user } : null;
  }
  const userId = body.user?.id ?? body.user_id;
  const teamId = body.user?.team_id ?? body.team?.id ?? body.team_id;
  return userId && teamId ? { teamId, userId } : null;
}

/**
 * The one wrapper around every listener. It acks at once where the answer carries nothing (buttons
 * and shortcuts; a slash command gets `commandAnswer`'s immediate reply, or an empty ack), resolves
 * the member (recording them the first time, with their time zone from Slack) onto `context`, and
 * turns any failure into a friendly "nothing was changed": a private reply, or for a modal
 * submission an error beside its first field so the form stays open. Typeahead (options) answers
 * on its own, fast, without it.
 */
export function touchbaseMiddleware(
  deps: UseCaseDeps,
  commandAnswer: (text: string) => Message | null,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as Payload;
    const kind = kindOf(body);
    const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
    const respond = (args as { respond?: RespondFn }).respond;
    if (kind === 'options' || kind === 'other') return args.next();
    if (kind === 'closed') return ack?.();
    if (kind === 'command') {
      const answer = commandAnswer(body.text ?? '');
      if (answer) return ack?.({ response_type: 'ephemeral', ...answer });
      await ack?.();
    } else if (kind === 'action' || kind === 'shortcut') {
      await ack?.();
    }
    const ref = memberOf(body, args.context);
    // An event about the workspace (no user) reaches its listener without a member.
    if (!ref) return args.next();
    // A submission is answered in Slack's HTTP request: when the work runs past the budget, the
    // member hears so in the form rather than Slack's generic failure.
    const budget =
      kind === 'submission'
        ? setTimeout(() => {
            if (wasAcked(args.context)) return;
            noteAcked(args.context);
            deps.logger.warn(
              { kind },
              'a modal submission ran past its time budget; answered without its result',
            );
            ack?.(formError(body, FORM_TOO_SLOW)).catch((e: unknown) =>
              deps.logger.warn({ err: e }, 'could not answer a slow submission'),
            );
          }, SUBMISSION_BUDGET_MS)
        : undefined;
    try {
      const timeZone = () =>
        withTimeout(
          args.client.users.info({ user: ref.userId }).then((r) => r.user?.tz),
          TZ_LOOKUP_BUDGET_MS,
        );
      // A slash command carries no id of its own, but each invocation gets its own trigger_id: the
      // same request sent again (a replay inside the signature's 5 minutes) is not run twice.
      const member =
        kind === 'command' && body.trigger_id
          ? await enrolMemberOnce(deps, ref, `command:${body.trigger_id}`, timeZone)
          : await enrolMember(deps, ref, timeZone);
      if (!member) {
        deps.logger.info('a slash command delivered again, already taken in');
        return;
      }
      const fromHome = kind === 'action' && body.view?.type === 'home';
      setListenerContext(
        args.context,
        contextFor(deps, args.client, member, respond, body.trigger_id, fromHome, body.message?.blocks),
      );
      await args.next();
    } catch (err) {
      const words = failureWords(err, deps.logger.child({ kind }), 'a Slack listener');
      if (kind === 'submission') {
        if (wasAcked(args.context)) return;
        noteAcked(args.context);
        await ack?.(
          formError(
            body,
            words === SORRY ? FORM_SORRY : words === DATABASE_SILENT ? FORM_DATABASE_SILENT : words,
          ),
        );
      } else if (respond) {
        await respond({ response_type: 'ephemeral', replace_original: false, ...textMessage(words) }).catch(
          (e: unknown) => deps.logger.warn({ err: e }, 'could not tell the member about a failure'),
        );
      } else if (kind === 'shortcut') {
        // A global shortcut has no reply URL: the member hears it in their DM with touchbase.
        await args.client.chat
          .postMessage({ channel: ref.userId, ...textMessage(words) })
          .catch((e: unknown) => deps.logger.warn({ err: e }, 'could not tell the member about a failure'));
      }
    } finally {
      clearTimeout(budget);
    }
  };
}

/** An answer to a submission that keeps the form open with `text` beside its first field. */
function formError(
  body: Payload,
  text: string,
): { response_action: 'errors'; errors: Record<string, string> } | undefined {
  const firstInput = body.view?.blocks?.find((b) => b.type === 'input')?.block_id;
  return firstInput ? { response_action: 'errors', errors: { [firstInput]: text } } : undefined;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
