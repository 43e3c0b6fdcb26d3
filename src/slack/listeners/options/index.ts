import type { AllMiddlewareArgs, App, BlockSuggestion, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { searchContactNames } from '../../../store/contacts';
import type { Deps } from '../../deps';
import { ACTION } from '../../ids';
import { memberOfPayload } from '../../member';
import { contactOption } from '../../views/touch-modal';

/** Slack shows at most 100 options in a select. */
const MAX_OPTIONS = 100;

/** The searchable contact picker: only the member's own, active contacts, best match first. */
export function registerOptions(app: App, deps: Deps): void {
  app.options<'block_suggestion'>(
    ACTION.contactPicker,
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
}
