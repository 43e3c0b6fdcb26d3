import { z } from 'zod';
import { CALL_LENGTHS, type CallLength } from '../../../domain/scheduled-calls';
import type { Contact } from '../../../usecases/contacts';
import { inviteFile, type ScheduledCall, scheduleCall } from '../../../usecases/scheduled-calls';
import { notYoursMessage } from '../../blocks/messages';
import { inviteFailedMessage, inviteMessage } from '../../blocks/schedule-call';
import { shareTextFile } from '../../export-upload';
import type { ListenerContext } from '../context';
import { redrawDigest } from '../replies';
import { fieldErrors, flattenState, pickedDate } from './fields';
import { closed, errors, type SubmissionHandlers } from './submission';

const callForm = z.object({
  call_on: pickedDate(),
  call_at: z.string({ error: 'Pick a time.' }),
  minutes: z.coerce
    .number({ error: 'Pick a length.' })
    .refine((m): m is CallLength => (CALL_LENGTHS as readonly number[]).includes(m), 'Pick a length.'),
  title: z
    .string()
    .nullish()
    .transform((v) => v?.trim() ?? ''),
});

/** Upload attempts for an invite: one more after a failure, then the member is told plainly. */
const INVITE_ATTEMPTS = 2;

/** The member as Slack has them, for the invite's organizer; null when Slack gives no email. */
async function organizer(ctx: ListenerContext): Promise<{ name: string; email: string } | null> {
  try {
    const { user } = await ctx.client.users.info({ user: ctx.member.userId });
    const email = user?.profile?.email;
    return email ? { name: user?.real_name || user?.name || email, email } : null;
  } catch (err) {
    ctx.deps.logger.info({ err }, 'no email for the invite organizer');
    return null;
  }
}

/**
 * Shares the `.ics` invite into the member's DM, with the sentence saying when. A failed upload is
 * tried once more, then the member hears plainly that the call is saved but the file did not come.
 */
async function sendInvite(ctx: ListenerContext, call: ScheduledCall, contact: Contact): Promise<void> {
  const file = inviteFile(ctx.deps, ctx.member, call, contact, await organizer(ctx));
  const message = inviteMessage(call.title, file.when);
  for (let attempt = 1; attempt <= INVITE_ATTEMPTS; attempt++) {
    try {
      const opened = await ctx.client.conversations.open({ users: ctx.member.userId });
      const channel = opened.channel?.id;
      if (!channel) throw new Error('Slack opened no DM for the invite');
      await shareTextFile(ctx.client, channel, file, message.text);
      return;
    } catch (err) {
      ctx.deps.logger.warn({ err, callId: call.id, attempt }, 'could not upload a call invite');
    }
  }
  await ctx.dm(inviteFailedMessage(call.title, file.when));
}

export const scheduledCallSubmissions: SubmissionHandlers<'scheduleCall'> = {
  /** Saves the call and holds the contact's check-in before the ack; the invite follows in the DM. */
  scheduleCall: async (ctx, view, meta) => {
    if (!meta) return errors({ title: "That isn't one of your contacts. Nothing was scheduled." });
    const parsed = callForm.safeParse(flattenState(view));
    if (!parsed.success) return errors(fieldErrors(parsed.error.issues));
    const f = parsed.data;
    const result = await scheduleCall(ctx.deps, ctx.member, {
      contactId: meta.contactId,
      day: f.call_on,
      time: f.call_at,
      minutes: f.minutes,
      title: f.title,
      fromDigest: meta.digestOf ?? null,
    });
    if (!result.ok) {
      if ('reason' in result) return errors({ title: notYoursMessage().text });
      return errors(Object.fromEntries(result.problems.map((p) => [p.field, p.message])));
    }
    return closed(async () => {
      await redrawDigest(ctx, result.digest);
      await sendInvite(ctx, result.call, result.contact);
    });
  },
};
