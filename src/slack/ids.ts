/** callback_ids and action_ids: the names Slack sends back to route an interaction. */
export const CALLBACK = {
  addContact: 'contact_add',
  editContact: 'contact_edit',
  logTouch: 'touch_log',
  logIntro: 'intro_log',
  planTrip: 'trip_plan',
  logTripMet: 'trip_met',
  noteTransition: 'transition_note',
  settings: 'settings',
  /** The message shortcut "Log as a touch" (manifest.json). */
  logAsTouch: 'log_as_touch',
  /** The global shortcut "Log an introduction" (manifest.json). */
  logIntroShortcut: 'log_intro',
} as const;

export const ACTION = {
  contactPicker: 'contact',
  introFrom: 'intro_from',
  introTo: 'intro_to',
  transitionFromContact: 'contact_transition',
  showContact: 'contact_show',
  logFromContact: 'contact_log',
  editFromContact: 'contact_edit',
  archiveFromContact: 'contact_archive',
  confirmArchive: 'archive_confirm',
  cancelArchive: 'archive_cancel',
  undoArchive: 'archive_undo',
  listPage: 'list_page',
  timeZonePicker: 'time_zone',
  /** Digest buttons, each followed by `_<item index>` (action_ids are unique within a message). */
  digestLog: 'digest_log',
  digestSnooze: 'digest_snooze',
  digestSkip: 'digest_skip',
  digestOpen: 'digest_open',
  /** Settling an ask, each followed by `_<ask id>`. */
  askGranted: 'ask_granted',
  askDeclined: 'ask_declined',
  askWithdrawn: 'ask_withdrawn',
  /** "Mark as shared" in a /touchbase share answer, followed by `_<contact id>`. */
  markShared: 'share_mark',
  /** Trip buttons, each followed by `_<trip id>` (and `_<contact id>` for planToMeet). */
  planToMeet: 'trip_plan_meet',
  cancelTrip: 'trip_cancel',
  logTripMet: 'trip_log_met',
  /** Followed by `_<outcome>_<introduction id>`. */
  introOutcome: 'intro_outcome',
  /** Followed by `_<verb>_<contact id>`: one button per candidate when a name is ambiguous. */
  choosePrefix: 'choose',
  /** App Home buttons (src/slack/views/home.ts). */
  homeAddContact: 'home_add_contact',
  homeLogTouch: 'home_log_touch',
  homeLogIntro: 'home_log_intro',
  /** "Log it" beside a contact in a Home section, followed by `_<section>_<contact id>`. */
  homeLogContact: 'home_log',
  /** Beside a dormant contact, followed by `_<contact id>`. */
  homeReconnect: 'home_reconnect',
  homeArchive: 'home_archive',
  /**
   * Put before the ask and introduction buttons' own action_ids in the Home tab: a Home tab has no
   * response_url, so those clicks get handlers that answer by refreshing the Home instead.
   */
  homeCopyPrefix: 'home_',
} as const;
