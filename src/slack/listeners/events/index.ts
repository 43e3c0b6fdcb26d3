import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { registerAppHomeOpened } from './app-home-opened';

export function registerEvents(app: App, deps: Deps): void {
  registerAppHomeOpened(app, deps);
}
