import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { registerLogAsTouch } from './log-as-touch';
import { registerLogIntroduction } from './log-introduction';

export function registerShortcuts(app: App, deps: Deps): void {
  registerLogAsTouch(app, deps);
  registerLogIntroduction(app, deps);
}
