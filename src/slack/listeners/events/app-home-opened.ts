import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { openHome } from '../../../usecases/home';
import { publishHome } from '../../home-publisher';
import { listenerContext } from '../context';

/** Opening the Home tab publishes it, fresh; from then on the member's changes keep it so. */
export function registerAppHomeOpened(app: App): void {
  app.event(
    'app_home_opened',
    async ({ event, context, client }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>) => {
      // Only the Home tab is drawn; the Messages tab is Slack's.
      if (event.tab !== 'home') return;
      const ctx = listenerContext(context);
      await publishHome(ctx.member, client, () => openHome(ctx.deps, ctx.member));
    },
  );
}
