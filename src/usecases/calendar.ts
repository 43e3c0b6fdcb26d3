import { createHash, randomBytes } from 'node:crypto';
import {
  type CalendarEvent,
  calendarFeed,
  checkInEvents,
  dateEvents,
  type FeedWindow,
  feedWindow,
  MAX_FEED_EVENTS,
  reminderEvents,
  tripEvents,
} from '../domain/calendar-feed';
import { type LocalDate, localDate } from '../domain/dates';
import {
  checkInsDue,
  feedOwner,
  insertFeed,
  liveFeed,
  revokeFeed,
  tripsBetween,
} from '../store/calendar-feeds';
import { datesBetween } from '../store/contact-dates';
import { inTransaction } from '../store/db';
import type { Member, MemberRef } from '../store/members';
import { remindersBetween } from '../store/reminders';
import type { UseCaseDeps } from './deps';

/**
 * The private calendar feed: a secret link per member (128 random bits, kept only as its SHA-256,
 * so a copy of the database cannot be turned into anyone's link), made, replaced and revoked here.
 */

/** One kind of event in the feed, read for one member's window. Adding a kind is adding a line to FEED_SOURCES. */
type FeedSource = (deps: UseCaseDeps, member: MemberRef, window: FeedWindow) => Promise<CalendarEvent[]>;

// Each source maps its rows through the domain (checkInEvents, tripEvents, reminderEvents), which puts
// only names and what is due in the feed.
const FEED_SOURCES: readonly FeedSource[] = [
  async (deps, member, window) =>
    checkInEvents(await checkInsDue(deps.db, member, window, MAX_FEED_EVENTS), window),
  async (deps, member, window) => tripEvents(await tripsBetween(deps.db, member, window, MAX_FEED_EVENTS)),
  async (deps, member, window) =>
    reminderEvents(await remindersBetween(deps.db, member, window.from, window.to)),
  async (deps, member, window) => dateEvents(await datesBetween(deps.db, member, window.from, window.to)),
];

/** What `/touchbase calendar` found: a link made just now (shown this once), or one already live. */
export type CalendarLink = { kind: 'created'; url: string } | { kind: 'live'; since: LocalDate };

/**
 * The member's feed: a new link when they have none live; otherwise when the live one was made (its
 * token is not kept, so it cannot be shown again: **New link** replaces it).
 */
export async function calendarLink(deps: UseCaseDeps, member: Member): Promise<CalendarLink> {
  const live = await liveFeed(deps.db, member);
  if (live) return { kind: 'live', since: localDate(live.createdAt, member.tz) };
  const token = newToken();
  if (await insertFeed(deps.db, member, hashToken(token), deps.clock.now())) {
    deps.logger.info({ userId: member.userId }, 'calendar feed made');
    return { kind: 'created', url: feedUrl(deps, token) };
  }
  // The same command a moment earlier (a double submit) made one first.
  const made = await liveFeed(deps.db, member);
  return { kind: 'live', since: localDate(made?.createdAt ?? deps.clock.now(), member.tz) };
}

/**
 * Revokes the live link (if any) and makes a new one: the old URL answers 404 from now on. Null when
 * a New link clicked under another answer made one in the same moment: that one is live and shown
 * there, and this click leaves it be rather than show a link that another click already stopped.
 */
export async function renewCalendarLink(deps: UseCaseDeps, member: MemberRef): Promise<string | null> {
  const token = newToken();
  const made = await inTransaction(deps.db, async (tx) => {
    const now = deps.clock.now();
    await revokeFeed(tx, member, now);
    // False when the other click's link committed between the two statements.
    return insertFeed(tx, member, hashToken(token), now);
  });
  if (!made) return null;
  deps.logger.info({ userId: member.userId }, 'calendar feed link replaced');
  return feedUrl(deps, token);
}

/** Revokes the live link; false when there was none. */
export async function turnOffCalendar(deps: UseCaseDeps, member: MemberRef): Promise<boolean> {
  const revoked = await revokeFeed(deps.db, member, deps.clock.now());
  if (revoked) deps.logger.info({ userId: member.userId }, 'calendar feed turned off');
  return revoked;
}

/**
 * The feed a token opens, as iCalendar text; null for any token that opens none. Every token,
 * well-formed or not, is hashed and looked up, so a wrong one takes the same path as a right one.
 */
export async function calendarFor(deps: UseCaseDeps, token: string): Promise<string | null> {
  const owner = await feedOwner(deps.db, hashToken(token));
  if (!owner) return null;
  const now = deps.clock.now();
  const window = feedWindow(localDate(now, owner.tz));
  const events = (await Promise.all(FEED_SOURCES.map((source) => source(deps, owner, window)))).flat();
  return calendarFeed(events, now);
}

function newToken(): string {
  return randomBytes(16).toString('base64url');
}

function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

function feedUrl(deps: UseCaseDeps, token: string): string {
  return `${(deps.publicUrl ?? '').replace(/\/+$/, '')}/calendar/${token}.ics`;
}
