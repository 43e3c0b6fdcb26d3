import type { types } from '@slack/bolt';
import { type LocalDate, plural } from '../../domain/dates';
import { FIELD_LIMITS, truncate } from '../../domain/limits';
import type { Trip } from '../../usecases/trips';
import { ACTIONS } from '../registry/actions';
import { MODALS } from '../registry/modals';
import { type Message, textMessage } from './messages';
import { esc, mrkdwn, plainText, slackDate } from './text';

/** Contacts listed for one trip in a message: a section each, well under 50 blocks. */
const TRIP_CONTACTS_SHOWN = 30;

export function tripTitle(trip: Pick<Trip, 'city' | 'event' | 'startsOn' | 'endsOn'>): string {
  const dates =
    trip.startsOn === trip.endsOn
      ? slackDate(trip.startsOn)
      : `${slackDate(trip.startsOn)} – ${slackDate(trip.endsOn)}`;
  return `*${esc(trip.city)}*${trip.event ? ` (${esc(trip.event)})` : ''}, ${dates}`;
}

/** "Plan a trip": city, event, start and end. */
export function tripModal(opts: { city?: string; today: LocalDate }): types.ModalView {
  return {
    type: 'modal',
    callback_id: MODALS.planTrip.callbackId,
    title: plainText('Plan a trip'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: 'city',
        label: plainText('City'),
        element: {
          type: 'plain_text_input',
          action_id: 'city',
          max_length: FIELD_LIMITS.tripCity,
          ...(opts.city ? { initial_value: truncate(opts.city, FIELD_LIMITS.tripCity) } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'event',
        optional: true,
        label: plainText('Event'),
        hint: plainText('Contacts whose notes mention it are listed too.'),
        element: { type: 'plain_text_input', action_id: 'event', max_length: FIELD_LIMITS.tripEvent },
      },
      {
        type: 'input',
        block_id: 'starts_on',
        label: plainText('From'),
        element: { type: 'datepicker', action_id: 'starts_on', initial_date: opts.today },
      },
      {
        type: 'input',
        block_id: 'ends_on',
        label: plainText('To'),
        element: { type: 'datepicker', action_id: 'ends_on', initial_date: opts.today },
      },
    ],
  };
}

/** After saving a trip: the contacts found there, each with Plan to meet. */
export function tripPlannedMessage(trip: Trip, why: Map<number, 'city' | 'event'>): Message {
  if (trip.contacts.length === 0) {
    return textMessage(
      `Saved your trip to ${tripTitle(trip)}. None of your contacts is there yet (by city or notes mentioning the event).`,
    );
  }
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: mrkdwn(
        `Saved your trip to ${tripTitle(trip)}. ${trip.contacts.length === 1 ? 'One contact' : `${trip.contacts.length} contacts`} you could meet:`,
      ),
    },
  ];
  for (const c of trip.contacts.slice(0, TRIP_CONTACTS_SHOWN)) {
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `*${esc(c.name)}*${why.get(c.id) === 'event' ? ' · mentions the event' : ' · in town'}${c.planned ? ' · :white_check_mark: planned' : ''}`,
      ),
      ...(c.planned
        ? {}
        : {
            accessory: {
              type: 'button' as const,
              ...ACTIONS.planToMeet.ref({ t: trip.id, c: c.id }, `${trip.id}_${c.id}`),
              text: plainText('Plan to meet'),
            },
          }),
    });
  }
  if (trip.contacts.length > TRIP_CONTACTS_SHOWN) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`…and ${trip.contacts.length - TRIP_CONTACTS_SHOWN} more.`)],
    });
  }
  blocks.push({
    type: 'context',
    elements: [
      mrkdwn("I'll remind you to reach out 14 days before you go, and ask whom you met the day after."),
    ],
  });
  return {
    text: `Saved your trip to ${esc(trip.city)}: ${plural(trip.contacts.length, 'contact')} there`,
    blocks,
  };
}

/** `/touchbase trips`: upcoming trips, soonest first, each with Cancel. */
export function tripsMessage(trips: Trip[]): Message {
  if (trips.length === 0) return textMessage('No upcoming trips. Plan one with `/touchbase trip <city>`.');
  const blocks: types.KnownBlock[] = [{ type: 'section', text: mrkdwn('*Your upcoming trips*') }];
  for (const t of trips.slice(0, 20)) {
    const planned = t.contacts.filter((c) => c.planned).map((c) => esc(c.name));
    blocks.push({
      type: 'section',
      text: mrkdwn(
        `${tripTitle(t)}\n${planned.length ? `Planning to meet ${planned.join(', ')}` : `${plural(t.contacts.length, 'contact')} there`}`,
      ),
      accessory: {
        type: 'button',
        ...ACTIONS.cancelTrip.ref({ t: t.id }, t.id),
        text: plainText('Cancel trip'),
        confirm: {
          title: plainText('Cancel this trip?'),
          text: plainText(`No more reminders about ${truncate(t.city, 100)}.`),
          confirm: plainText('Cancel trip'),
          deny: plainText('Keep it'),
        },
      },
    });
  }
  return { text: `Your upcoming trips (${trips.length})`, blocks };
}

/** "Whom did you meet?": check the contacts met in person, logged in one go. */
export function tripMetModal(trip: Trip, digestOf?: LocalDate): types.ModalView {
  // A multi-select holds up to 100 options; the people planned to meet are picked already.
  const option = (c: Trip['contacts'][number]) => ({
    text: plainText(truncate(c.name, 75)),
    value: String(c.id),
  });
  const options = trip.contacts.slice(0, 100).map(option);
  const planned = trip.contacts
    .slice(0, 100)
    .filter((c) => c.planned)
    .map(option);
  return {
    type: 'modal',
    callback_id: MODALS.logTripMet.callbackId,
    private_metadata: MODALS.logTripMet.metadata.encode({
      tripId: trip.id,
      ...(digestOf ? { digestOf } : {}),
    }),
    title: plainText('Whom did you meet?'),
    submit: plainText('Log them'),
    close: plainText('Cancel'),
    blocks: [
      {
        type: 'section',
        text: mrkdwn(`Your trip to ${tripTitle(trip)}. Everyone you pick gets an in-person touch.`),
      },
      options.length
        ? {
            type: 'input',
            block_id: 'met',
            label: plainText('Met in person'),
            element: {
              type: 'multi_static_select',
              action_id: 'met',
              options,
              ...(planned.length ? { initial_options: planned } : {}),
            },
          }
        : { type: 'section', text: mrkdwn('None of your contacts was listed for this trip.') },
    ],
  };
}
