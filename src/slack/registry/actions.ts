import { z } from 'zod';
import { CADENCES } from '../../domain/cadence';
import { SNOOZE_CHOICES } from '../../domain/digest';
import { FATIGUE_ANSWERS } from '../../domain/fatigue';
import { INTRO_OUTCOMES } from '../../domain/intros';
import { FIELD_LIMITS } from '../../domain/limits';
import { LAST_TALKED, TRIAGE_BATCH, TRIAGE_SORTS } from '../../domain/triage';
import { type Codec, digestDay, idCodec, jsonCodec, jsonId, noCodec } from './codec';

/**
 * One button or menu: its action_id and how its value is encoded for views and decoded for
 * listeners. Where several of one kind share a message, each action_id carries a suffix after `_`
 * (action_ids are unique within a message); the listener finds the entry by the longest id that
 * starts the action_id.
 */
export interface ActionDef<T> {
  readonly id: string;
  readonly codec: Codec<T>;
  /** The action_id, with `suffix` appended when given. */
  actionId(suffix?: string | number): string;
  /** `action_id` and `value`, ready to spread into a button. */
  ref(value: T, suffix?: string | number): { action_id: string; value?: string };
}

function action<T>(id: string, codec: Codec<T>): ActionDef<T> {
  const actionId = (suffix?: string | number) => (suffix === undefined ? id : `${id}_${suffix}`);
  return {
    id,
    codec,
    actionId,
    ref: (value, suffix) => {
      const encoded = codec.encode(value);
      return encoded === undefined
        ? { action_id: actionId(suffix) }
        : { action_id: actionId(suffix), value: encoded };
    },
  };
}

const askRef = jsonCodec(z.object({ a: jsonId, d: digestDay.optional() }));
const outcomeRef = jsonCodec(z.object({ i: jsonId, o: z.enum(INTRO_OUTCOMES), d: digestDay.optional() }));
const digestItemRef = jsonCodec(z.object({ d: digestDay, c: jsonId, s: z.enum(SNOOZE_CHOICES).optional() }));
/** The nudge-fatigue question's answers: `k`, the longer rhythm, with "check in less often". */
const fatigueRef = jsonCodec(
  z.object({ d: digestDay, c: jsonId, a: z.enum(FATIGUE_ANSWERS), k: z.enum(CADENCES).optional() }),
);
const callRef = jsonCodec(z.object({ k: jsonId, d: digestDay.optional() }));
const tripRef = jsonCodec(z.object({ t: jsonId }));
/** A reminder, and the digest it came in (`d`), to mark it there. */
const reminderRef = jsonCodec(z.object({ r: jsonId, d: digestDay.optional() }));
const triageIds = z.array(jsonId).min(1).max(TRIAGE_BATCH);
/** An import and the lines of the possible duplicates included (at most the ten a preview offers). */
const importRef = jsonCodec(z.object({ i: jsonId, inc: z.array(jsonId).max(10) }));

/** Every button and menu touchbase puts in a message or view. */
export const ACTIONS = {
  // A contact's card, list and confirmations; suffixed `_<contact id>` where several share a message.
  showContact: action('contact_show', idCodec),
  logFromContact: action('contact_log', idCodec),
  editFromContact: action('contact_edit', idCodec),
  archiveFromContact: action('contact_archive', idCodec),
  transitionFromContact: action('contact_transition', idCodec),
  /** **Remind me** on a contact's card: the reminder form, the contact chosen. */
  remindFromContact: action('contact_remind', idCodec),
  /** **Delete contact** on a contact's card, behind Slack's confirmation dialog: the contact, for good. */
  deleteContact: action('contact_delete', idCodec),
  confirmArchive: action('archive_confirm', idCodec),
  cancelArchive: action('archive_cancel', idCodec),
  undoArchive: action('archive_undo', idCodec),
  /** **Restore** beside each archived contact in `/touchbase list archived`, suffixed `_<contact id>`. */
  restoreFromList: action('list_restore', idCodec),
  // A touch on a contact's card, suffixed `_<touch id>`; Undo in the confirmation of a logged touch.
  editTouch: action('touch_edit', idCodec),
  deleteTouch: action('touch_delete', idCodec),
  undoTouch: action('touch_undo', idCodec),
  /** Undo of an introduction: it and the give it recorded with each side. */
  undoIntro: action('intro_undo', jsonCodec(z.object({ i: jsonId, t: z.array(jsonId).min(1).max(2) }))),
  /**
   * Undo of touches logged together (one touch with several people, or whom you met on a trip: at
   * most the 100 a multi-select holds): the touches' ids, well inside a button value's 2,000 characters.
   */
  undoGroupTouch: action('touches_undo', jsonCodec(z.object({ t: z.array(jsonId).min(1).max(100) }))),
  /** Suffixed `_next` or `_previous`. */
  listPage: action(
    'list_page',
    jsonCodec(z.object({ q: z.string().max(500), p: z.number().int().min(0).max(10_000) })),
  ),
  /** One button per candidate when a name fits several: suffixed `_<verb>_<contact id>`. */
  choose: action('choose', idCodec),
  // The digest's buttons, suffixed `_<item index>`.
  digestLog: action('digest_log', digestItemRef),
  digestSnooze: action('digest_snooze', digestItemRef),
  digestSkip: action('digest_skip', digestItemRef),
  digestOpen: action('digest_open', digestItemRef),
  /** Keep, the "check in less often" menu and Archive under the nudge-fatigue question: `_<answer>_<item index>`. */
  digestFatigue: action('digest_fatigue', fatigueRef),
  /** **Schedule** on a due item: the form to schedule a call with them. */
  digestSchedule: action('digest_schedule', digestItemRef),
  /** **Schedule** on a contact's card. */
  scheduleFromContact: action('contact_schedule', idCodec),
  // "Did you talk?" about a scheduled call (`k`), suffixed `_<call id>`; from the digest of `d`.
  callLog: action('call_log', callRef),
  callDidntHappen: action('call_didnt_happen', callRef),
  /** **Log it** beside a birthday or another date: the log form, set to a message that gives. */
  digestLogDate: action('digest_date_log', digestItemRef),
  // Settling an ask, suffixed `_<ask id>`.
  askGranted: action('ask_granted', askRef),
  askDeclined: action('ask_declined', askRef),
  askWithdrawn: action('ask_withdrawn', askRef),
  /** "Mark as shared", suffixed `_<contact id>`. */
  markShared: action(
    'share_mark',
    jsonCodec(z.object({ c: jsonId, w: z.string().trim().min(1).max(FIELD_LIMITS.commandArg) })),
  ),
  // Trips, suffixed `_<trip id>` (and `_<contact id>` for planToMeet).
  planToMeet: action('trip_plan_meet', jsonCodec(z.object({ t: jsonId, c: jsonId }))),
  cancelTrip: action('trip_cancel', tripRef),
  /** From the digest (`d`), so logging whom you met marks those people done in it. */
  logTripMet: action('trip_log_met', jsonCodec(z.object({ t: jsonId, d: digestDay.optional() }))),
  // One-off reminders, suffixed `_<reminder id>`: Done and Log it in the digest, Cancel in the list.
  reminderDone: action('reminder_done', reminderRef),
  reminderLog: action('reminder_log', reminderRef),
  reminderCancel: action('reminder_cancel', reminderRef),
  /** Suffixed `_<outcome>_<introduction id>`. */
  introOutcome: action('intro_outcome', outcomeRef),
  /**
   * Triage of imported contacts: a choice for one person, suffixed `_<choice>_<contact id>`, and the
   * "last talked" menu, suffixed `_<contact id>`. Each carries the ids its message shows (`b`), so
   * the message is redrawn in place with the same people until all of them are sorted.
   */
  triageSort: action(
    'triage_sort',
    jsonCodec(z.object({ c: jsonId, s: z.enum(TRIAGE_SORTS), b: triageIds })),
  ),
  triageTalked: action(
    'triage_talked',
    jsonCodec(z.object({ c: jsonId, t: z.enum(LAST_TALKED), b: triageIds })),
  ),
  triageNext: action('triage_next', noCodec),
  triageKeepRest: action('triage_keep_rest', noCodec),
  /** The Home's **Triage** button: the first five arrive in the member's DM. */
  homeTriage: action('home_triage', noCodec),
  // The App Home. It has no response_url: the refreshed Home is the answer to each click.
  homeAddContact: action('home_add_contact', noCodec),
  homeLogTouch: action('home_log_touch', noCodec),
  homeLogIntro: action('home_log_intro', noCodec),
  /** **Set a reminder**: the reminder form, about whom still to pick. */
  homeRemind: action('home_remind', noCodec),
  /** "Log it" beside a contact in a Home section, suffixed `_<section>_<contact id>`. */
  homeLogContact: action('home_log', idCodec),
  homeReconnect: action('home_reconnect', idCodec),
  homeArchive: action('home_archive', idCodec),
  homeAskGranted: action('home_ask_granted', askRef),
  homeAskDeclined: action('home_ask_declined', askRef),
  homeAskWithdrawn: action('home_ask_withdrawn', askRef),
  homeIntroOutcome: action('home_intro_outcome', outcomeRef),
  homeImport: action('home_import', noCodec),
  homeExport: action('home_export', noCodec),
  // An import's preview: the possible duplicates the member included so far travel with each button.
  importConfirm: action('import_confirm', importRef),
  importCancel: action('import_cancel', jsonCodec(z.object({ i: jsonId }))),
  /** Include or leave out one possible duplicate, suffixed `_<line>`: `inc` is the set after the click. */
  importInclude: action('import_include', importRef),
  // `/touchbase calendar`: both behind Slack's confirmation dialog.
  calendarNewLink: action('calendar_new_link', noCodec),
  calendarTurnOff: action('calendar_turn_off', noCodec),
} as const;

export type ActionKey = keyof typeof ACTIONS;
export type ActionValue<K extends ActionKey> = (typeof ACTIONS)[K] extends ActionDef<infer T> ? T : never;

/** Longest ids first, so `home_log_touch` is found before `home_log`. */
const BY_LENGTH = (Object.keys(ACTIONS) as ActionKey[]).sort(
  (a, b) => ACTIONS[b].id.length - ACTIONS[a].id.length,
);

/** The entry an action_id belongs to, and its suffix ('' when none); null for an id touchbase never made. */
export function findAction(actionId: string): { key: ActionKey; suffix: string } | null {
  for (const key of BY_LENGTH) {
    const { id } = ACTIONS[key];
    if (actionId === id) return { key, suffix: '' };
    if (actionId.startsWith(`${id}_`)) return { key, suffix: actionId.slice(id.length + 1) };
  }
  return null;
}

/**
 * The select menus whose options touchbase serves as the member types (external selects), by
 * action_id. They are also the block_ids of their input blocks, so an error lands beside them.
 */
export const MENUS = {
  contactPicker: 'contact',
  introFrom: 'intro_from',
  introTo: 'intro_to',
  timeZone: 'time_zone',
} as const;
