import type { App } from '@slack/bolt';
import { registerAppHomeOpened } from './app-home-opened';

export function registerEvents(app: App): void {
  registerAppHomeOpened(app);
}
