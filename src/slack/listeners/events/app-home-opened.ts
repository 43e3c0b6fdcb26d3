import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { markHomeOpened } from '../../../store/members';
import type { Deps } from '../../deps';
import { publishHome } from '../../home';
import { ensureMember } from '../../member';

type EventArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>;

/** Opening the Home tab publishes it, fresh; from then on the member's changes keep it so. */
export function registerAppHomeOpened(app: App, deps: Deps): void {
  app.event('app_home_opened', (args) => homeOpened(deps, args));
}

/** Bolt has already acked the event; only the Home tab is drawn (the Messages tab is Slack's). */
async function homeOpened(deps: Deps, { event, body, context, client }: EventArgs): Promise<void> {
  if (event.tab !== 'home') return;
  const teamId = body.team_id ?? context.teamId;
  if (!teamId) return;
  try {
    const member = await ensureMember(deps, client, { teamId, userId: event.user });
    await markHomeOpened(deps.db, member, deps.clock.now());
    await publishHome(deps, client, member);
  } catch (err) {
    deps.logger.error({ err, userId: event.user }, 'could not publish the App Home');
  }
}
