import type { AllMiddlewareArgs, App, BlockSuggestion, SlackOptionsMiddlewareArgs } from '@slack/bolt';
import { cleanLine } from '../../../domain/text-input';
import { pickContact } from '../../../usecases/contacts';
import type { UseCaseDeps } from '../../../usecases/deps';
import { findMember, type MemberRef } from '../../../usecases/members';
import { timeZoneOptions } from '../../blocks/settings-modal';
import { contactOption } from '../../blocks/touch-modal';
import { MENUS } from '../../registry/actions';

/** Slack shows at most 100 options in a select. */
const MAX_OPTIONS = 100;
/** Longer typing is not a name anyone is looking for. */
const MAX_QUERY = 200;

type Options = { text: { type: 'plain_text'; text: string }; value: string }[];

/** Each menu whose options touchbase serves as the member types, by action_id. */
const MENU_OPTIONS: Record<
  string,
  (deps: UseCaseDeps, member: MemberRef, query: string) => Promise<Options>
> = {
  // Only the member's own, active contacts, best match first.
  [MENUS.contactPicker]: contactOptions,
  [MENUS.introFrom]: contactOptions,
  [MENUS.introTo]: contactOptions,
  // About 400 zones: more than a static select may hold.
  [MENUS.timeZone]: async (deps, member, query) =>
    timeZoneOptions(query, (await findMember(deps, member))?.slackTz ?? null, MAX_OPTIONS),
};

async function contactOptions(deps: UseCaseDeps, member: MemberRef, query: string): Promise<Options> {
  return (await pickContact(deps, member, query, MAX_OPTIONS)).map(contactOption);
}

/**
 * Typeahead answers, fast and without the member middleware: they only read, for the member the
 * signed payload names. A failure or an unknown menu answers no options rather than Slack's timeout.
 */
export function registerOptions(app: App, deps: UseCaseDeps): void {
  app.options<'block_suggestion'>(
    { type: 'block_suggestion' },
    async (args: AllMiddlewareArgs & SlackOptionsMiddlewareArgs<'block_suggestion'>) => {
      const body = args.body as BlockSuggestion;
      // Own keys only: an action_id such as `__proto__` names no menu.
      const menu = Object.hasOwn(MENU_OPTIONS, body.action_id) ? MENU_OPTIONS[body.action_id] : undefined;
      const teamId = body.user.team_id ?? body.team?.id;
      try {
        if (!menu || !teamId) return await args.ack({ options: [] });
        const options = await menu(
          deps,
          { teamId, userId: body.user.id },
          cleanLine(String(body.value ?? '').slice(0, MAX_QUERY)),
        );
        await args.ack({ options });
      } catch (err) {
        deps.logger.error({ err, actionId: body.action_id }, 'menu options failed');
        await args.ack({ options: [] });
      }
    },
  );
}
