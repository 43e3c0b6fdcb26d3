import type { App } from '@slack/bolt';
import type { UseCaseDeps } from '../../../usecases/deps';
import { registerAppHomeOpened } from './app-home-opened';
import { registerUninstall } from './uninstall';

export function registerEvents(app: App, deps: UseCaseDeps): void {
  registerAppHomeOpened(app);
  registerUninstall(app, deps);
}
