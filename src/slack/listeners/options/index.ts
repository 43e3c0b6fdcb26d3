import type { AllMiddlewareArgs, App, BlockSuggestion, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { searchContactNames } from '../../../store/contacts';
import { getMember } from '../../../store/members';
import type { Deps } from '../../deps';
import { ACTION } from '../../ids';
import { memberOfPayload } from '../../member';
import { timeZoneOptions } from '../../views/settings-modal';
import { contactOption } from '../../views/touch-modal';

/** Slack shows at most 100 options in a select. */
const MAX_OPTIONS = 100;

/**
 * The searchable contact picker: only the member's own, active contacts, best match first. The
 * time zone picker in settings: about 400 zones, more than a static select may hold.
 */
export function registerOptions(app: App, deps: Deps): void {
  const contactPickers = [ACTION.contactPicker, ACTION.introFrom, ACTION.introTo];
  app.options<'block_suggestion'>(
    new RegExp(`^(${contactPickers.join('|')})$`),
    async (args: AllMiddlewareArgs & SlackOptionsMiddlewareArgs<'block_suggestion'>) => {
      const body = args.body as BlockSuggestion;
      try {
        const found = await searchContactNames(
          deps.db,
          memberOfPayload(body),
          body.value.slice(0, 200),
          MAX_OPTIONS,
        );
        await args.ack({ options: found.map(contactOption) });
      } catch (err) {
        deps.logger.error({ err }, 'contact search failed');
        await args.ack({ options: [] });
      }
    },
  );
  app.options<'block_suggestion'>(
    ACTION.timeZonePicker,
    async (args: AllMiddlewareArgs & SlackOptionsMiddlewareArgs<'block_suggestion'>) => {
      const body = args.body as BlockSuggestion;
      try {
        const member = await getMember(deps.db, memberOfPayload(body));
        await args.ack({
          options: timeZoneOptions(body.value.slice(0, 200), member?.slackTz ?? null, MAX_OPTIONS),
        });
      } catch (err) {
        deps.logger.error({ err }, 'time zone search failed');
        await args.ack({ options: [] });
      }
    },
  );
}
