import { formatDate, type LocalDate } from '../../domain/dates';
import { truncate } from '../../domain/limits';

/**
 * Keeps what a member typed as text in Slack's mrkdwn. `&`, `<` and `>` have escapes; the marks for
 * bold, strike and code have none, so each becomes its look-alike (a name with a `*` inside the bold
 * around it would otherwise end the bold early, and `~x~` would strike through). An underscore
 * italicises only at a word's edge, so `first_last` keeps its own.
 */
export function esc(text: string): string {
  return escLink(text)
    .replaceAll('*', '\u2217')
    .replaceAll('~', '\u223c')
    .replaceAll('`', '\u02cb')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\u02cd');
}

/**
 * Text inside `…` (inline code), where Slack applies no bold or strike: only a backtick could end
 * it early. A star stays a star, so a suggested command reads as the member would type it.
 */
export function escCode(text: string): string {
  return escLink(text).replaceAll('`', '\u02cb');
}

/** A link's address inside `<…|…>`, where Slack applies no marks: only its three escapes, so the address stays whole. */
export function escLink(url: string): string {
  return url.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
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

/**
 * A message's notification text from its mrkdwn: notifications and screen readers show the
 * fallback text as written, so a date token becomes its own fallback and bold marks go.
 */
export function fallbackText(markdown: string): string {
  return withDateFallbacks(markdown).replaceAll('*', '');
}

/** Each Slack date token replaced by its fallback, for text Slack shows as written. */
export function withDateFallbacks(markdown: string): string {
  return markdown.replace(/<!date\^[^|>]*\|([^>]*)>/g, '$1');
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
