/** callback_ids and action_ids: the names Slack sends back to route an interaction. */
export const CALLBACK = {
  addContact: 'contact_add',
  editContact: 'contact_edit',
  logTouch: 'touch_log',
  settings: 'settings',
} as const;

export const ACTION = {
  contactPicker: 'contact',
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
  /** Followed by `_<verb>_<contact id>`: one button per candidate when a name is ambiguous. */
  choosePrefix: 'choose',
} as const;
