import type { ViewOutput } from '@slack/bolt';
import { z } from 'zod';
import { describeRelative, formatDate, type LocalDate } from '../../../domain/dates';
import { FIELD_LIMITS } from '../../../domain/limits';
import {
  isLongAgo,
  LONG_AGO_YEARS,
  MAX_PEOPLE_PER_TOUCH,
  TOUCH_INTENTS,
  TOUCH_KINDS,
} from '../../../domain/touches';
import { getContact } from '../../../usecases/contacts';
import { todayFor } from '../../../usecases/deps';
import { logGroupTouch } from '../../../usecases/group-touches';
import { editTouch } from '../../../usecases/touch-edits';
import { logTouch } from '../../../usecases/touches';
import { type ConfirmStep, confirmed, showsStep, withConfirmStep } from '../../blocks/confirm-step';
import { groupTouchLoggedMessage } from '../../blocks/group-touch';
import { touchEditedMessage, touchLoggedMessage } from '../../blocks/messages';
import { esc, mrkdwn } from '../../blocks/text';
import { MENUS } from '../../registry/actions';
import type { ListenerContext } from '../context';
import { redrawDigest } from '../replies';
import { fieldErrors, flattenState, optionalText, pastDate, pickedContact, selectedValues } from './fields';
import { closed, errors, type SubmissionHandlers, type SubmissionResult, updated } from './submission';

/** When, how and why of a touch, as both the log and the edit forms take them. */
function touchDetails(today: string) {
  return z.object({
    kind: z.enum(TOUCH_KINDS, { error: 'Pick how you were in touch.' }),
    intent: z.enum(TOUCH_INTENTS, { error: 'Pick give, ask or catch-up.' }),
    touched_on: pastDate(today, 'That date is in the future. Log touches that have happened.'),
    note: optionalText('A note', FIELD_LIMITS.note),
    ask_what: z
      .string()
      .nullish()
      .transform((v) => v?.trim() || null)
      .refine(
        (v) => v === null || v.length <= FIELD_LIMITS.askWhat,
        `At most ${FIELD_LIMITS.askWhat} characters, please.`,
      ),
  });
}

function askNeedsWhat(form: { intent: string; ask_what: string | null }, issue: z.RefinementCtx) {
  if (form.intent === 'ask' && !form.ask_what) {
    issue.addIssue({ code: 'custom', path: ['ask_what'], message: 'Say in a few words what you asked for.' });
  }
}

function touchForm(today: string) {
  return touchDetails(today)
    .extend({
      [MENUS.contactPicker]: z
        .tuple([pickedContact], pickedContact, { error: 'Pick one of your contacts.' })
        .refine(
          (ids) => ids.length <= MAX_PEOPLE_PER_TOUCH,
          `At most ${MAX_PEOPLE_PER_TOUCH} people at once, please.`,
        )
        .transform(unique),
    })
    .superRefine((form, issue) => {
      // The ask rules (pending asks, patience, the warnings) are about one person; asking a group
      // is asking each of them, logged one by one.
      if (form.intent === 'ask' && form[MENUS.contactPicker].length > 1) {
        issue.addIssue({
          code: 'custom',
          path: [MENUS.contactPicker],
          message: 'An ask is of one person: pick just one, or log it as a give or a catch-up.',
        });
      }
      askNeedsWhat(form, issue);
    });
}

function touchEditForm(today: string) {
  return touchDetails(today).superRefine(askNeedsWhat);
}

function unique([first, ...rest]: [number, ...number[]]): [number, ...number[]] {
  return [first, ...rest.filter((id, i) => id !== first && rest.indexOf(id) === i)];
}

const NOT_YOURS = "That contact isn't in your network. Pick one of yours.";

/**
 * The people picked. A log form opened before the picker took several (a single external_select)
 * still answers with its one pick.
 */
function pickedIds(view: ViewOutput): string[] {
  const many = selectedValues(view, MENUS.contactPicker);
  if (many?.length) return many;
  const one = flattenState(view)[MENUS.contactPicker];
  return one ? [one] : [];
}

const DATE_CHECK: ConfirmStep = { id: 'date_confirm', label: 'Yes, that date is right' };

/**
 * A date more than 10 years back is more often a slip of the date picker than a real touch: the
 * first submit shows the modal again with a warning under the date and a box to tick, and the next
 * one saves once it is ticked. Null: go ahead.
 */
function longAgoCheck(
  view: ViewOutput,
  touchedOn: LocalDate,
  today: LocalDate,
  knownSince: { name: string; on: LocalDate } | null = null,
): SubmissionResult | null {
  const beforeKnown = knownSince !== null && touchedOn < knownSince.on;
  if ((!isLongAgo(touchedOn, today) && !beforeKnown) || confirmed(view, DATE_CHECK)) return null;
  if (showsStep(view, DATE_CHECK)) {
    return errors({ [DATE_CHECK.id]: 'Tick this to log a touch from so long ago, or change the date.' });
  }
  const note =
    beforeKnown && knownSince && !isLongAgo(touchedOn, today)
      ? `:warning: ${formatDate(touchedOn)} is before you were connected with ${esc(knownSince.name)} (${formatDate(knownSince.on)}). If that is when it happened, tick the box below and submit again; otherwise fix the date.`
      : `:warning: ${formatDate(touchedOn)} is ${describeRelative(touchedOn, today)}, more than ${LONG_AGO_YEARS} years back. If that is when it happened, tick the box below and submit again; otherwise fix the date.`;
  return updated(
    withConfirmStep(view, DATE_CHECK, {
      after: 'touched_on',
      notes: [{ type: 'section', block_id: 'date_confirm_note', text: mrkdwn(note) }],
    }),
  );
}

/**
 * The first of the people picked whom the member has known only since after `touchedOn` (an
 * imported connection date): a touch before it is more likely a wrong date. Null when none.
 */
async function earliestKnownSince(
  ctx: ListenerContext,
  contactIds: number[],
  touchedOn: LocalDate,
): Promise<{ name: string; on: LocalDate } | null> {
  for (const id of contactIds) {
    const contact = await getContact(ctx.deps, ctx.member, id);
    if (contact?.knownSince && touchedOn < contact.knownSince) {
      return { name: contact.name, on: contact.knownSince };
    }
  }
  return null;
}

/** Records the touch and moves the contacts' clocks before the ack; the confirmation DM comes after. */
export const touchSubmissions: SubmissionHandlers<'logTouch' | 'editTouch'> = {
  logTouch: async (ctx, view, meta) => {
    const today = todayFor(ctx.deps, ctx.member);
    const parsed = touchForm(today).safeParse({
      ...flattenState(view),
      [MENUS.contactPicker]: pickedIds(view),
    });
    if (!parsed.success) return errors(fieldErrors(parsed.error.issues));
    const form = parsed.data;
    const check = longAgoCheck(
      view,
      form.touched_on,
      today,
      await earliestKnownSince(ctx, form[MENUS.contactPicker], form.touched_on),
    );
    if (check) return check;
    const [contactId, ...others] = form[MENUS.contactPicker];
    // (An ask with several people was refused above.)
    if (others.length > 0 && form.intent !== 'ask') {
      const group = await logGroupTouch(ctx.deps, ctx.member, {
        contactIds: [contactId, ...others],
        touchedOn: form.touched_on,
        kind: form.kind,
        intent: form.intent,
        note: form.note,
        noteToWantsNeeds: selectedValues(view, 'note_to_wants')?.includes('yes') ?? false,
        fromDigest: meta?.digestOf ?? null,
      });
      if (!group.ok) return errors({ [MENUS.contactPicker]: NOT_YOURS });
      return closed(async () => {
        await redrawDigest(ctx, group.digest);
        const touch = { kind: form.kind, intent: form.intent, touchedOn: form.touched_on };
        await ctx.dm(groupTouchLoggedMessage({ logged: group.logged, touch, today }));
      });
    }
    const result = await logTouch(ctx.deps, ctx.member, {
      contactId,
      touchedOn: form.touched_on,
      kind: form.kind,
      intent: form.intent,
      note: form.note,
      askWhat: form.intent === 'ask' ? form.ask_what : null,
      noteToWantsNeeds: selectedValues(view, 'note_to_wants')?.includes('yes') ?? false,
      fromDigest: meta?.digestOf ?? null,
    });
    if (!result.ok) return errors({ [MENUS.contactPicker]: NOT_YOURS });
    return closed(async () => {
      await redrawDigest(ctx, result.digest);
      await ctx.dm(
        touchLoggedMessage({
          contact: result.contact,
          touch: result.touch,
          today,
          warnings: result.warnings,
          askId: result.askId,
          touchId: result.touch.id,
          askWhat: form.ask_what,
        }),
      );
    });
  },
  editTouch: async (ctx, view, meta) => {
    const today = todayFor(ctx.deps, ctx.member);
    const parsed = touchEditForm(today).safeParse(flattenState(view));
    if (!parsed.success) return errors(fieldErrors(parsed.error.issues));
    const form = parsed.data;
    const check = longAgoCheck(view, form.touched_on, today);
    if (check) return check;
    const result = meta
      ? await editTouch(ctx.deps, ctx.member, meta.touchId, {
          touchedOn: form.touched_on,
          kind: form.kind,
          intent: form.intent,
          note: form.note,
          askWhat: form.intent === 'ask' ? form.ask_what : null,
        })
      : null;
    if (!result?.ok) return errors({ kind: 'That touch is no longer in your network. Nothing was changed.' });
    return closed(() => ctx.dm(touchEditedMessage(result.contact, result.touch, today)));
  },
};
