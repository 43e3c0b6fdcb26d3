import type { AnyMiddlewareArgs, Middleware, RespondFn, webApi } from '@slack/bolt';
import { z } from 'zod';
import { localDate } from '../domain/dates';
import { composeHome } from '../domain/home';
import { loadHomeInput } from '../store/home';
import { getMember, hasOpenedHome, type Member, type MemberRef } from '../store/members';
import type { Deps } from './deps';
import { homeView } from './views/home';

/** Publishes the member's App Home as it stands now: only their own network, to them alone. */
export async function publishHome(deps: Deps, client: webApi.WebClient, member: Member): Promise<void> {
  const day = localDate(deps.clock.now(), member.tz);
  const input = await loadHomeInput(deps.db, member, day);
  await client.views.publish({ user_id: member.userId, view: homeView(composeHome(input, day), day) });
}

/**
 * Interactions in the Home tab carry no response_url, so Bolt gives them no `respond`; a reply that
 * would have gone there is logged instead (the refreshed Home is the answer).
 */
export function homeRespond(deps: Deps): RespondFn {
  return async () => {
    deps.logger.info('no response_url in the Home tab; a reply was not shown');
    // What respond() answers when Slack takes a post; here nothing was posted.
    return new Response(null, { status: 204 });
  };
}

/** Interactions through which a member can change their network. */
const interaction = z.object({
  type: z.enum(['block_actions', 'view_submission', 'shortcut', 'message_action']),
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  view: z.object({ type: z.string() }).nullish(),
});
const slashCommand = z.object({ command: z.string(), user_id: z.string(), team_id: z.string() });

/** Who made a change, and whether they did it from their Home tab; null for events and options. */
function changeBy(body: unknown): { ref: MemberRef; fromHome: boolean } | null {
  const i = interaction.safeParse(body);
  if (i.success) {
    const teamId = i.data.user.team_id ?? i.data.team?.id;
    if (!teamId) return null;
    return {
      ref: { teamId, userId: i.data.user.id },
      fromHome: i.data.type === 'block_actions' && i.data.view?.type === 'home',
    };
  }
  const c = slashCommand.safeParse(body);
  return c.success ? { ref: { teamId: c.data.team_id, userId: c.data.user_id }, fromHome: false } : null;
}

/**
 * Global middleware: once the listener is done (it has acked, so Slack already has its answer),
 * re-publishes the Home of a member who has opened it, so it never shows what they just changed
 * as still to do. A failure here is logged and never reaches the listener's answer.
 */
export function refreshHomeAfterChanges(deps: Deps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, client, next }) => {
    const change = changeBy(body);
    try {
      await next();
    } finally {
      if (change) {
        try {
          if (change.fromHome || (await hasOpenedHome(deps.db, change.ref))) {
            const member = await getMember(deps.db, change.ref);
            if (member) await publishHome(deps, client, member);
          }
        } catch (err) {
          deps.logger.warn({ err, userId: change.ref.userId }, 'could not refresh the App Home');
        }
      }
    }
  };
}
