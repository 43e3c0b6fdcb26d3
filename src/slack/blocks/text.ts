import { truncate } from '../../domain/limits';

/** Escapes the three characters Slack's mrkdwn gives meaning to, so a contact's note stays text. */
export function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function plainText(text: string, max = 3000) {
  return { type: 'plain_text' as const, text: truncate(text, max), emoji: true };
}

export function mrkdwn(text: string) {
  return { type: 'mrkdwn' as const, text: truncate(text, 3000) };
}

/** A reason composed as a clause ("last talked 4 months ago; …") set as a sentence of its own. */
export function sentence(clause: string): string {
  const text = clause.charAt(0).toUpperCase() + clause.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
