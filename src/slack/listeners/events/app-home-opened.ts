import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { openHome } from '../../../usecases/home';
import { homeView } from '../../blocks/home-view';
import { listenerContext } from '../context';

/** Opening the Home tab publishes it, fresh; from then on the member's changes keep it so. */
export function registerAppHomeOpened(app: App): void {
  app.event(
    'app_home_opened',
    async ({ event, context, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>) => {
      // Only the Home tab is drawn; the Messages tab is Slack's.
      if (event.tab !== 'home') return;
      const ctx = listenerContext(context);
      const { home, today } = await openHome(ctx.deps, ctx.member);
      await client.views.publish({ user_id: ctx.member.userId, view: homeView(home, today) });
    },
  );
}
