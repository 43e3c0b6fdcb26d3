import type { AllMiddlewareArgs, App, GlobalShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { localDate } from '../../../domain/dates';
import type { Deps } from '../../deps';
import { CALLBACK } from '../../ids';
import { ensureMember } from '../../member';
import { introModal } from '../../views/intro-modal';

type ShortcutArgs = AllMiddlewareArgs & SlackShortcutMiddlewareArgs<GlobalShortcut>;

/** The global shortcut "Log an introduction": acks, then opens the form while the trigger lives. */
export function registerLogIntroduction(app: App, deps: Deps): void {
  app.shortcut<GlobalShortcut>({ callback_id: CALLBACK.logIntroShortcut, type: 'shortcut' }, (args) =>
    open(deps, args),
  );
}

async function open(deps: Deps, { ack, shortcut, client }: ShortcutArgs): Promise<void> {
  await ack();
  try {
    const teamId = shortcut.user.team_id ?? shortcut.team?.id;
    if (!teamId) return;
    const member = await ensureMember(deps, client, { teamId, userId: shortcut.user.id });
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: introModal({ today: localDate(deps.clock.now(), member.tz) }),
    });
  } catch (err) {
    deps.logger.warn({ err }, 'could not open the introduction form');
  }
}
