import { z } from 'zod';
import { digestDay, jsonCodec, jsonId, type TextCodec } from './codec';

/** One modal: the callback_id Slack sends back on submit, and what its private_metadata carries. */
export interface ModalDef<T> {
  readonly callbackId: string;
  readonly metadata: TextCodec<T>;
}

function modal<T>(callbackId: string, metadata: TextCodec<T>): ModalDef<T> {
  return { callbackId, metadata };
}

const nothing = jsonCodec(z.object({}));
const contactRef = jsonCodec(z.object({ contactId: jsonId }));

/** Every modal touchbase opens. */
export const MODALS = {
  addContact: modal('contact_add', nothing),
  editContact: modal('contact_edit', contactRef),
  /** A log started from a digest item names the digest, to mark that item done. */
  logTouch: modal('touch_log', jsonCodec(z.object({ digestOf: digestDay.optional() }))),
  editTouch: modal('touch_edit', jsonCodec(z.object({ touchId: jsonId }))),
  logIntro: modal('intro_log', nothing),
  planTrip: modal('trip_plan', nothing),
  logTripMet: modal('trip_met', jsonCodec(z.object({ tripId: jsonId, digestOf: digestDay.optional() }))),
  noteTransition: modal('transition_note', contactRef),
  setReminder: modal('reminder_set', nothing),
  /** Schedule a call with one contact; from a digest item (`digestOf`), or their card. */
  scheduleCall: modal(
    'call_schedule',
    jsonCodec(z.object({ contactId: jsonId, digestOf: digestDay.optional() })),
  ),
  settings: modal('settings', nothing),
  /** `/touchbase delete my data`: the member types "delete" to confirm. */
  eraseData: modal('erase_data', nothing),
  importFile: modal('import_file', nothing),
  /** Which column holds what, for a CSV touchbase does not know: the file (checked again) and its header. */
  importMapping: modal(
    'import_mapping',
    jsonCodec(z.object({ fileId: z.string().regex(/^F[A-Z0-9]{2,40}$/), headerKey: z.string().max(500) })),
  ),
} as const;

export type ModalKey = keyof typeof MODALS;
export type ModalMetadata<K extends ModalKey> = (typeof MODALS)[K] extends ModalDef<infer T> ? T : never;

export function findModal(callbackId: string): ModalKey | null {
  return (Object.keys(MODALS) as ModalKey[]).find((k) => MODALS[k].callbackId === callbackId) ?? null;
}

/** The shortcuts of manifest.json, by callback_id. */
export const SHORTCUTS = {
  /** The message shortcut "Log as a touch". */
  logAsTouch: 'log_as_touch',
  /** The global shortcut "Log an introduction". */
  logIntroduction: 'log_intro',
} as const;
