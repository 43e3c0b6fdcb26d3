import type { types } from '@slack/bolt';
import type { LocalDate } from '../../domain/dates';
import { truncate } from '../../domain/limits';
import { ACTIONS } from '../registry/actions';
import { type Message, textMessage } from './messages';
import { esc, escLink, fallbackText, mrkdwn, plainText, slackDate } from './text';

/** `/touchbase calendar` and its buttons: the private feed's link, shown once, replaced or turned off. */

const SUBSCRIBE =
  'Subscribe to it in Google Calendar (*Other calendars → + → From URL*) or Apple Calendar (*File → New Calendar Subscription*). It shows check-ins due in the next 90 days and your trips, by name only: no notes.';

const KEEP_IT_SECRET =
  'Anyone with this link can see whom you plan to check in with, so keep it to yourself. touchbase keeps only a fingerprint of it and cannot show it again; *New link* makes another and stops this one.';

/** A feed link just made (`replaced`: by New link, the old one stopped). */
export function calendarLinkMessage(url: string, opts: { replaced?: boolean } = {}): Message {
  const lead = opts.replaced
    ? 'Here is your new calendar link. The old one no longer works.'
    : 'Here is your private calendar feed.';
  const link = escLink(url);
  return feedMessage(`${lead}\n<${link}|${link}>\n${SUBSCRIBE}\n${KEEP_IT_SECRET}`);
}

/** The member already has a live feed, made on `since`; its link cannot be shown again. */
export function calendarLiveMessage(since: LocalDate): Message {
  return feedMessage(
    `Your calendar feed is on, since ${slackDate(since)}. Its link was shown when it was made; touchbase keeps only a fingerprint of it, so it cannot show it again. Lost it? *New link* makes another and stops the old one.`,
  );
}

/** What a repeated New link click answers: the link went to the first click only. */
export function calendarLinkAlreadyMadeMessage(): Message {
  return textMessage('That click already made your new calendar link: it is in the message above.');
}

/** New link clicked under two answers at once: the other click's link is the live one. */
export function calendarLinkMadeElsewhereMessage(): Message {
  return textMessage(
    'A *New link* click under another answer made your new calendar link a moment ago: it is in that message, and it is the one that works. Click *New link* again if you want another.',
  );
}

/** Words after `/touchbase calendar`, which takes none: nothing is made. */
export function calendarUsageMessage(typed: string): Message {
  return textMessage(
    `\`/touchbase calendar\` takes nothing after it (you typed “${esc(truncate(typed, 100))}”). On its own it gives your private calendar link, with buttons to make a new one or turn it off.`,
  );
}

export function calendarTurnedOffMessage(wasOn: boolean): Message {
  return textMessage(
    wasOn
      ? 'Your calendar feed is off: its link no longer works. `/touchbase calendar` makes a new one.'
      : 'Your calendar feed was already off. `/touchbase calendar` makes a new link.',
  );
}

function feedMessage(markdown: string): Message {
  const buttons: types.Button[] = [
    {
      type: 'button',
      ...ACTIONS.calendarNewLink.ref(null),
      text: plainText('New link'),
      confirm: {
        title: plainText('Make a new link?'),
        text: plainText(
          'The link you have now stops working at once; calendars subscribed to it must subscribe to the new one.',
        ),
        confirm: plainText('Make a new link'),
        deny: plainText('Keep this one'),
      },
    },
    {
      type: 'button',
      ...ACTIONS.calendarTurnOff.ref(null),
      text: plainText('Turn off'),
      style: 'danger',
      confirm: {
        title: plainText('Turn off the calendar feed?'),
        text: plainText('Its link stops working at once, and subscribed calendars stop updating.'),
        confirm: plainText('Turn off'),
        deny: plainText('Keep it'),
        style: 'danger',
      },
    },
  ];
  return {
    text: fallbackText(markdown),
    blocks: [
      { type: 'section', text: mrkdwn(markdown) },
      { type: 'actions', block_id: 'calendar_feed', elements: buttons },
    ],
  };
}
