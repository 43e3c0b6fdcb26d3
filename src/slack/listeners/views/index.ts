import type { App } from '@slack/bolt';
import type { Deps } from '../../deps';
import { registerContactSubmissions } from './contact-submission';
import { registerIntroSubmission } from './intro-submission';
import { registerSettingsSubmission } from './settings-submission';
import { registerTouchSubmission } from './touch-submission';
import { registerTransitionSubmission } from './transition-submission';
import { registerTripSubmissions } from './trip-submission';

export function registerViews(app: App, deps: Deps): void {
  registerContactSubmissions(app, deps);
  registerTouchSubmission(app, deps);
  registerSettingsSubmission(app, deps);
  registerIntroSubmission(app, deps);
  registerTransitionSubmission(app, deps);
  registerTripSubmissions(app, deps);
}
