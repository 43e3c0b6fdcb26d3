import type { LocalDate } from '../../domain/dates';
import { truncate } from '../../domain/limits';
import { INTENT_SHORT, KIND_PHRASES } from '../../domain/touches';
import type { Contact } from '../../usecases/contacts';
import type { Touch } from '../../usecases/touches';
import { ACTIONS } from '../registry/actions';
import { type Message, nextCheckIn } from './messages';
import { esc, fallbackText, mrkdwn, plainText, slackDate } from './text';

/** "A, B and C". */
function listOf(names: string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Each person's next check-in, one line each. */
function nextLines(people: Pick<Contact, 'name' | 'nextDueOn'>[], today: LocalDate): string[] {
  return people.map((c) => {
    const due = c.nextDueOn ? `next check-in ${nextCheckIn(c.nextDueOn, today)}` : 'no reminders';
    return `• ${esc(truncate(c.name, 80))}: ${due}`;
  });
}

/**
 * The confirmation of one touch with several people: who, then each one's next check-in, with
 * **Undo** (which takes the whole touch back while it is still everyone's latest).
 */
export function groupTouchLoggedMessage(opts: {
  logged: { contact: Pick<Contact, 'name' | 'nextDueOn'>; touch: Pick<Touch, 'id'> }[];
  touch: Pick<Touch, 'kind' | 'intent' | 'touchedOn'>;
  today: LocalDate;
}): Message {
  const { logged, touch, today } = opts;
  const when = touch.touchedOn === today ? 'today' : `on ${slackDate(touch.touchedOn)}`;
  const names = logged.map(({ contact }) => `*${esc(truncate(contact.name, 80))}*`);
  const head = `Logged ${KIND_PHRASES[touch.kind]} with ${listOf(names)} (${INTENT_SHORT[touch.intent]}) ${when}.`;
  const next = nextLines(
    logged.map((l) => l.contact),
    today,
  );
  return {
    text: fallbackText(`${head} ${next.map((l) => l.slice(2)).join('; ')}.`),
    blocks: [
      {
        type: 'section',
        text: mrkdwn(head),
        accessory: {
          type: 'button',
          ...ACTIONS.undoGroupTouch.ref({ t: logged.map((l) => l.touch.id) }),
          text: plainText('Undo'),
        },
      },
      { type: 'section', text: mrkdwn(next.join('\n')) },
    ],
  };
}

/** What an undone group touch leaves: each person's next check-in, from the touches that remain. */
export function groupTouchUndoneMessage(
  removed: { contact: Pick<Contact, 'name' | 'nextDueOn'>; touch: Pick<Touch, 'kind' | 'touchedOn'> }[],
  today: LocalDate,
): Message {
  const [first] = removed;
  const names = removed.map(({ contact }) => `*${esc(truncate(contact.name, 80))}*`);
  const what = first
    ? `${KIND_PHRASES[first.touch.kind]} with ${listOf(names)} on ${slackDate(first.touch.touchedOn)}`
    : '';
  const head = `:wastebasket: Undone: deleted ${what}.`;
  const next = nextLines(
    removed.map((r) => r.contact),
    today,
  );
  return {
    text: fallbackText(`${head} ${next.map((l) => l.slice(2)).join('; ')}.`),
    blocks: [
      { type: 'section', text: mrkdwn(head) },
      { type: 'section', text: mrkdwn(next.join('\n')) },
    ],
  };
}
