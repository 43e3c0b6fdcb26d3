import { formatDate, type LocalDate } from '../../domain/dates';
import { truncate } from '../../domain/limits';

/** Escapes the three characters Slack's mrkdwn gives meaning to, so a contact's note stays text. */
export function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * A calendar day for mrkdwn, which Slack shows in each reader's own locale ("Mar 2, 2026", or
 * "today"); the fallback is for clients that cannot. The instant is noon UTC, which is that same
 * day in every zone from UTC-12 to UTC+11. Never in plain_text, which shows the token as typed.
 */
export function slackDate(date: LocalDate): string {
  const seconds = Date.parse(`${date}T12:00:00Z`) / 1000;
  return `<!date^${seconds}^{date_short_pretty}|${formatDate(date)}>`;
}

export function plainText(text: string, max = 3000) {
  return { type: 'plain_text' as const, text: truncate(text, max), emoji: true };
}

export function mrkdwn(text: string) {
  return { type: 'mrkdwn' as const, text: truncate(text, 3000) };
}
