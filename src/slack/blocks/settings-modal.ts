import type { types } from '@slack/bolt';
import { ASK_RULES } from '../../domain/asks';
import { BUDGET_LIMITS } from '../../domain/budget';
import type { LocalDate } from '../../domain/dates';
import { truncate } from '../../domain/limits';
import {
  formatHour,
  HOURS,
  searchTimeZones,
  slackZoneMatches,
  WEEKDAYS,
  zoneLabel,
} from '../../domain/settings';
import type { Member } from '../../usecases/members';
import { MENUS } from '../registry/actions';
import { MODALS } from '../registry/modals';
import { plainText } from './text';

/** The time zone choice that follows Slack's zone for the member instead of a fixed one. */
export const SLACK_ZONE_VALUE = 'slack';

export function hourOption(hour: number) {
  return { text: plainText(formatHour(hour)), value: String(hour) };
}

function weekdayOption(day: (typeof WEEKDAYS)[number]) {
  return { text: plainText(day.long), value: String(day.iso) };
}

export function zoneOption(tz: string) {
  return { text: plainText(truncate(zoneLabel(tz), 75)), value: tz };
}

export function slackZoneOption(slackTz: string) {
  return {
    text: plainText(truncate(`Use my Slack time zone (${zoneLabel(slackTz)})`, 75)),
    value: SLACK_ZONE_VALUE,
  };
}

/**
 * "Reminder settings", prefilled from the member row. A pause that is already over is shown
 * empty: it no longer holds anything back, and submitting it again would be refused as past.
 */
export function settingsModal(opts: { member: Member; today: LocalDate }): types.ModalView {
  const m = opts.member;
  const days = WEEKDAYS.filter((d) => m.workDays.includes(d.iso));
  const paused = m.pausedUntil && m.pausedUntil >= opts.today ? m.pausedUntil : null;
  return {
    type: 'modal',
    callback_id: MODALS.settings.callbackId,
    title: plainText('Reminder settings'),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: 'digest_hour',
        label: plainText('Digest time'),
        hint: plainText('Your reminders arrive as one message around this time, in your time zone.'),
        element: {
          type: 'static_select',
          action_id: 'digest_hour',
          options: HOURS.map(hourOption),
          initial_option: hourOption(m.digestHour),
        },
      },
      {
        type: 'input',
        block_id: 'work_days',
        label: plainText('Work days'),
        hint: plainText('Reminders come only on these days.'),
        element: {
          type: 'checkboxes',
          action_id: 'work_days',
          options: WEEKDAYS.map(weekdayOption),
          ...(days.length > 0 ? { initial_options: days.map(weekdayOption) } : {}),
        },
      },
      {
        type: 'input',
        block_id: MENUS.timeZone,
        label: plainText('Time zone'),
        element: {
          type: 'external_select',
          action_id: MENUS.timeZone,
          min_query_length: 0,
          placeholder: plainText('Type a city or region'),
          initial_option: m.tzOverride ? zoneOption(m.tzOverride) : slackZoneOption(m.slackTz),
        },
      },
      {
        type: 'input',
        block_id: 'paused_until',
        optional: true,
        label: plainText('Pause reminders until'),
        hint: plainText('No reminders up to and including this day. Leave it empty to keep them coming.'),
        element: {
          type: 'datepicker',
          action_id: 'paused_until',
          ...(paused ? { initial_date: paused } : {}),
        },
      },
      {
        type: 'input',
        block_id: 'patience_days',
        label: plainText('Patience after an ask'),
        hint: plainText(
          'Days to wait before touchbase suggests a polite follow-up to something you asked for.',
        ),
        element: {
          type: 'static_select',
          action_id: 'patience_days',
          options: PATIENCE_CHOICES.map(patienceOption),
          initial_option: patienceOption(
            PATIENCE_CHOICES.includes(m.patienceDays) ? m.patienceDays : ASK_RULES.defaultPatienceDays,
          ),
        },
      },
      {
        type: 'input',
        block_id: 'weekly_budget',
        optional: true,
        label: plainText('Check-ins a week'),
        hint: plainText(
          `How many check-ins a week you can make (${BUDGET_LIMITS.min}–${BUDGET_LIMITS.max}). When more come due, the most overdue go first and the rest move to later weeks. Leave it empty for no limit.`,
        ),
        element: {
          type: 'number_input',
          action_id: 'weekly_budget',
          is_decimal_allowed: false,
          min_value: String(BUDGET_LIMITS.min),
          max_value: String(BUDGET_LIMITS.max),
          ...(m.weeklyBudget !== null ? { initial_value: String(m.weeklyBudget) } : {}),
        },
      },
    ],
  };
}

/** Patience choices in days; the rules never allow less than ASK_RULES.minPatienceDays. */
export const PATIENCE_CHOICES: readonly number[] = [3, 5, 7, 10, 14, 21, 30];

function patienceOption(days: number) {
  return { text: plainText(`${days} days`), value: String(days) };
}

/** Every zone the platform knows (about 400), plus plain UTC, which Intl's list leaves out. */
export const PICKABLE_ZONES: readonly string[] = [
  ...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']),
].sort();

/** The time zone picker's answer to what the member typed: the Slack choice first when it fits, then zones, best first. */
export function timeZoneOptions(query: string, slackTz: string | null, limit: number) {
  const slack = slackTz === null ? null : slackZoneOption(slackTz);
  const offered = slack && slackZoneMatches(query, slack.text.text) ? [slack] : [];
  return [...offered, ...searchTimeZones(query, PICKABLE_ZONES, limit - offered.length).map(zoneOption)];
}
