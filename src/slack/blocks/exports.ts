import { CSV_FILE_NAME, JSON_FILE_NAME } from '../../domain/export-format';
import { type Message, textMessage } from './messages';

/** What a member reads while `/touchbase export` (or the Home's Export button) runs, and after. */

const n = (count: number) => count.toLocaleString('en-US');

export function exportPreparingMessage(): Message {
  return textMessage('Preparing your export… two files will come to your DM with touchbase.');
}

export function exportProgressMessage(done: number, total: number): Message {
  return textMessage(`Exporting… ${n(done)} of ${n(total)} contacts`);
}

export function exportReadyMessage(contacts: number): Message {
  return textMessage(
    `Your export is ready: 2 files below. \`${CSV_FILE_NAME}\` has your ${n(contacts)} ${contacts === 1 ? 'contact' : 'contacts'} (\`/touchbase import\` reads it back); \`${JSON_FILE_NAME}\` has everything: contacts, touches, asks, introductions, transitions, trips and settings.`,
  );
}

export function exportBusyMessage(): Message {
  return textMessage(
    'Your export is already on its way; this one changes nothing. The files will arrive in your DM with touchbase.',
  );
}

/** `why`: touchbase's own words for what went wrong (failure-words.ts), never a member's text. */
export function exportFailedMessage(why: string): Message {
  return textMessage(`Your export didn't finish. ${why}`);
}
