import type { App } from '@slack/bolt';
import type { UseCaseDeps } from '../../usecases/deps';
import { refreshHomeAfterChanges } from '../home-refresh';
import { registerActions } from './actions';
import { registerCommands } from './commands';
import { immediateAnswer } from './commands/parse';
import { onceByEnvelope } from './envelopes';
import { registerEvents } from './events';
import { processEachEventOnce } from './events/deliveries';
import { touchbaseMiddleware } from './middleware';
import { registerOptions } from './options';
import { registerShortcuts } from './shortcuts';
import { registerSubmissions } from './submissions';

/** Registers every listener, one dispatcher per Slack surface, behind the global middlewares. */
export function registerListeners(app: App, deps: UseCaseDeps): void {
  // First of all: a Socket Mode envelope delivered again is acked and goes no further.
  app.use(onceByEnvelope(deps));
  // An event Slack delivers again (a retry, the same event_id) stops here, already taken in.
  app.use(processEachEventOnce(deps));
  // Runs around every listener: once a member's change is done, their App Home is re-published.
  app.use(refreshHomeAfterChanges(deps));
  // Acks, resolves the member onto the context, and turns a failure into a friendly answer.
  app.use(touchbaseMiddleware(deps, immediateAnswer));
  registerCommands(app);
  registerActions(app);
  registerSubmissions(app);
  registerShortcuts(app);
  registerOptions(app, deps);
  registerEvents(app, deps);
}
