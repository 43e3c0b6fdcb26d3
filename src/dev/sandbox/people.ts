/** The pretend workspace the sandbox plays: who can use touchbase from the page, and who else is in it. */

export const SANDBOX_TEAM = { id: 'T0SANDBOX', name: 'Sandbox Workspace', domain: 'sandbox' } as const;

export interface Person {
  id: string;
  realName: string;
  displayName: string;
  tz: string;
  /** How the page writes their dates and times (Slack's language setting): one style per member. */
  locale: string;
  /** Pretend members can be switched to on the page; the others are colleagues to pick in user selects. */
  member: boolean;
  /** Avatar colour on the page. */
  color: string;
  /** What users.info gives as their email (the organizer of a call invite they send). */
  email?: string;
}

/** Two members in different time zones, so a digest lands at each one's own 09:00. */
export const PEOPLE: readonly Person[] = [
  {
    id: 'U0ADA',
    realName: 'Ada Member',
    displayName: 'Ada',
    tz: 'Europe/London',
    locale: 'en-GB',
    member: true,
    color: '#e8912d',
    email: 'ada@sandbox.example',
  },
  {
    id: 'U0BEN',
    realName: 'Ben Member',
    displayName: 'Ben',
    tz: 'America/New_York',
    locale: 'en-US',
    member: true,
    color: '#2bac76',
  },
  {
    id: 'U0MAYA',
    realName: 'Maya Chen',
    displayName: 'Maya',
    tz: 'Europe/London',
    locale: 'en-GB',
    member: false,
    color: '#1264a3',
  },
  {
    id: 'U0SAM',
    realName: 'Sam Okafor',
    displayName: 'Sam',
    tz: 'Asia/Singapore',
    locale: 'en-SG',
    member: false,
    color: '#9c27b0',
  },
];

export const MEMBERS: readonly Person[] = PEOPLE.filter((p) => p.member);

export function isMember(userId: string): boolean {
  return MEMBERS.some((m) => m.id === userId);
}
