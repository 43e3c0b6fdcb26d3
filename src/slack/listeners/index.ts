import type { App } from '@slack/bolt';
import type { Deps } from '../deps';
import { refreshHomeAfterChanges } from '../home';
import { registerActions } from './actions';
import { registerAskActions } from './actions/asks';
import { registerDigestActions } from './actions/digest';
import { registerHomeActions } from './actions/home';
import { registerIntroActions } from './actions/intros';
import { registerShareActions } from './actions/share';
import { registerTripActions } from './actions/trips';
import { registerCommands } from './commands';
import { registerEvents } from './events';
import { registerOptions } from './options';
import { registerShortcuts } from './shortcuts';
import { registerViews } from './views';

/** Registers every listener, one call per Slack surface. */
export function registerListeners(app: App, deps: Deps): void {
  // Runs around every listener: once a member's change is done, their App Home is re-published.
  app.use(refreshHomeAfterChanges(deps));
  registerCommands(app, deps);
  registerActions(app, deps);
  registerDigestActions(app, deps);
  registerAskActions(app, deps);
  registerIntroActions(app, deps);
  registerTripActions(app, deps);
  registerShareActions(app, deps);
  registerViews(app, deps);
  registerOptions(app, deps);
  registerShortcuts(app, deps);
  registerHomeActions(app, deps);
  registerEvents(app, deps);
}
