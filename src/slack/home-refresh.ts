import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { z } from 'zod';
import type { UseCaseDeps } from '../usecases/deps';
import { homeOf, homeToRefresh } from '../usecases/home';
import type { MemberRef } from '../usecases/members';
import { publishHome } from './home-publisher';
import { findSubcommand, parseCommand } from './listeners/commands/parse';

/** Interactions through which a member can change their network. */
const interaction = z.object({
  type: z.enum(['block_actions', 'view_submission', 'shortcut', 'message_action']),
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  view: z.object({ type: z.string() }).nullish(),
});
const slashCommand = z.object({
  command: z.string(),
  user_id: z.string(),
  team_id: z.string(),
  text: z.string().default(''),
});

/** A subcommand that only shows something (`list`, `due`, `show` …) leaves the Home as it was. */
function readsOnly(text: string): boolean {
  const parsed = parseCommand(text);
  return parsed.kind === 'sub' && findSubcommand(parsed.sub)?.readsOnly === true;
}

/** Who made a change, and whether they did it from their Home tab; null for events and options. */
function changeBy(body: unknown): { ref: MemberRef; fromHome: boolean } | null {
  // Events and typeahead, most of what arrives, are told apart without a failed parse, whose error
  // costs more than the check.
  const { type, command } = body as { type?: unknown; command?: unknown };
  if (typeof command !== 'string' && !interaction.shape.type.options.some((t) => t === type)) return null;
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
  if (!c.success || readsOnly(c.data.text)) return null;
  return { ref: { teamId: c.data.team_id, userId: c.data.user_id }, fromHome: false };
}

/**
 * Global middleware: once the listener is done (it has acked, so Slack already has its answer),
 * re-publishes the Home of a member who has opened it, so it never shows what they just changed
 * as still to do. A failure here is logged and never reaches the listener's answer.
 */
export function refreshHomeAfterChanges(deps: UseCaseDeps): Middleware<AnyMiddlewareArgs> {
  return async ({ body, client, next }) => {
    const change = changeBy(body);
    try {
      await next();
    } finally {
      if (change) {
        try {
          await publishHome(change.ref, client, async () => {
            const member = await homeToRefresh(deps, change.ref, change.fromHome);
            return member ? homeOf(deps, member) : null;
          });
        } catch (err) {
          deps.logger.warn({ err, userId: change.ref.userId }, 'could not refresh the App Home');
        }
      }
    }
  };
}
