import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { registerContactSubmissions } from './contact-submission';
import { registerSettingsSubmission } from './settings-submission';
import { registerTouchSubmission } from './touch-submission';

export function registerViews(app: App, deps: Deps): void {
  registerContactSubmissions(app, deps);
  registerTouchSubmission(app, deps);
  registerSettingsSubmission(app, deps);
}
