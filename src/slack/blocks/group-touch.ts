import { formatDate, type LocalDate } from '../../domain/dates';
import { truncate } from '../../domain/limits';
import { INTENT_SHORT, type TouchKind } from '../../domain/touches';
import type { Contact } from '../../usecases/contacts';
import type { Touch } from '../../usecases/touches';
import type { Message } from './messages';
import { esc, mrkdwn } from './text';

/** Each kind as a sentence names one touch with several people. */
const GROUP_KIND: Record<TouchKind, string> = {
  call: 'a call',
  video: 'a video call',
  in_person: 'a meeting in person',
  message: 'a message',
  email: 'an email',
  event: 'an event',
};

/** "A, B and C". */
function listOf(names: string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The confirmation of one touch with several people: who, then each one's next check-in. */
export function groupTouchLoggedMessage(opts: {
  logged: { contact: Pick<Contact, 'name' | 'nextDueOn'> }[];
  touch: Pick<Touch, 'kind' | 'intent' | 'touchedOn'>;
  today: LocalDate;
}): Message {
  const { logged, touch, today } = opts;
  const when = touch.touchedOn === today ? 'today' : formatDate(touch.touchedOn);
  const names = logged.map(({ contact }) => esc(truncate(contact.name, 80)));
  const head = `Logged ${GROUP_KIND[touch.kind]} with ${listOf(names.map((n) => `*${n}*`))} (${INTENT_SHORT[touch.intent]}), ${when}.`;
  const next = logged.map(({ contact }, i) => {
    const due = contact.nextDueOn ? `next check-in ${formatDate(contact.nextDueOn)}` : 'no reminders';
    return `• ${names[i]}: ${due}`;
  });
  return {
    text: `${head.replaceAll('*', '')} ${next.map((l) => l.slice(2)).join('; ')}.`,
    blocks: [
      { type: 'section', text: mrkdwn(head) },
      { type: 'section', text: mrkdwn(next.join('\n')) },
    ],
  };
}
