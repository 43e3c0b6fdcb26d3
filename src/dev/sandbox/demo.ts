import type { Cadence } from '../../domain/cadence';
import { addDays } from '../../domain/dates';
import type { IntroKind } from '../../domain/intros';
import type { TouchIntent, TouchKind } from '../../domain/touches';
import type { TransitionKind } from '../../domain/transitions';
import { settleAsk } from '../../usecases/asks';
import { addContact, type ContactFields } from '../../usecases/contacts';
import { todayFor, type UseCaseDeps } from '../../usecases/deps';
import { recordIgnoredDigests } from '../../usecases/fatigue';
import { logIntroduction } from '../../usecases/introductions';
import { enrolMember } from '../../usecases/members';
import { setReminder } from '../../usecases/reminders';
import { scheduleCall } from '../../usecases/scheduled-calls';
import { logTouch } from '../../usecases/touches';
import { noteTransition } from '../../usecases/transitions';
import { planTrip } from '../../usecases/trips';
import { isoWeekday } from './clock';
import { PEOPLE, SANDBOX_TEAM } from './people';

/**
 * The sample network of `npm run sandbox -- --demo`, written through the app's use cases, as the
 * modals would write it. Days are counted back (negative) or forward from
 * each member's today, so the first clicks of the clock bring: a fresh transition, overdue check-ins
 * and an ask's follow-up (+1 day); a one-off reminder (+4 days); a biweekly check-in, an introduction's "how did it go?",
 * "did you talk?" about a call scheduled for tomorrow and a trip's reach-out (+1 week). Tomás's reminder was let pass in
 * the last two digests: one more ignored morning (+1 day) and the next digest (+2 days) asks whether to keep, lengthen
 * or archive. Ada's network has birthdays and an anniversary in the days ahead: one in the first digest (+1 day), one
 * five days on (from a Monday, a Saturday: told of in Friday's digest), one the week after; the Home lists them.
 */

interface DemoTouch {
  day: number;
  kind: TouchKind;
  intent: TouchIntent;
  note: string;
  /** For an ask: what was asked, and whether it has been answered already. */
  ask?: { what: string; granted?: boolean };
}

interface DemoContact {
  fields: Partial<ContactFields> & { name: string; cadence: Cadence };
  addedDay: number;
  /** Their birthday and other dates, each on the day this many days from today (a year for some). */
  dates?: { label: string; day: number; year?: number }[];
  touches?: DemoTouch[];
  transition?: { day: number; kind: TransitionKind; note: string };
  /** Digests of the last work days before today that carried them, with nothing done about it. */
  ignoredDigests?: number;
}

interface DemoNetwork {
  contacts: DemoContact[];
  intro?: { day: number; from: string; toName: string; kind: IntroKind; why: string };
  trip?: { startsIn: number; days: number; city: string; event: string };
  /** A one-off reminder about one of the contacts, `day` days from today. */
  reminder?: { day: number; about: string; what: string };
  /** A call scheduled with one contact, `inDays` from today at `time`: "did you talk?" comes the day after. */
  call?: { with: string; inDays: number; time: string };
}

const NETWORKS: Record<string, DemoNetwork> = {
  U0ADA: {
    contacts: [
      {
        fields: {
          name: 'Jonas Berg',
          company: 'Umbrella',
          role: 'Product Manager',
          city: 'Stockholm',
          cadence: 'quarterly',
          howMet: 'Worked together at Initech, 2019–2022',
        },
        addedDay: -300,
        dates: [{ label: 'birthday', day: 9 }],
        touches: [{ day: -60, kind: 'call', intent: 'catch_up', note: 'Coffee chat about roadmaps' }],
        transition: { day: -2, kind: 'new_job', note: 'Just joined Umbrella as a product manager' },
      },
      {
        fields: {
          name: 'Maya Chen',
          company: 'Northwind',
          role: 'Head of Design',
          city: 'London',
          slackUserId: 'U0MAYA',
          cadence: 'monthly',
          howMet: 'Met at a design-systems meetup',
          wantsNeeds: 'hiring a senior product designer; speaking slots at conferences',
        },
        addedDay: -240,
        dates: [{ label: 'birthday', day: 1, year: 1988 }],
        touches: [
          { day: -75, kind: 'message', intent: 'give', note: 'Sent her a talk on design tokens' },
          { day: -45, kind: 'video', intent: 'catch_up', note: 'Caught up on her team plans' },
        ],
      },
      {
        fields: {
          name: 'Tomás Rivera',
          company: 'Globex',
          role: 'Staff Engineer',
          city: 'Lisbon',
          cadence: 'quarterly',
          wantsNeeds: 'mentoring junior engineers; a fellowship for open-source work',
        },
        addedDay: -400,
        touches: [
          {
            day: -220,
            kind: 'call',
            intent: 'ask',
            note: 'Asked about a job offer',
            ask: { what: 'advice on a job offer', granted: true },
          },
          {
            day: -190,
            kind: 'email',
            intent: 'ask',
            note: 'Asked for a referral',
            ask: { what: 'a referral at Globex', granted: true },
          },
          {
            day: -160,
            kind: 'call',
            intent: 'ask',
            note: 'Asked for CV feedback',
            ask: { what: 'feedback on my CV', granted: true },
          },
        ],
        ignoredDigests: 2,
      },
      {
        fields: {
          name: 'Priya Nair',
          company: 'Initech',
          role: 'VP Engineering',
          city: 'Berlin',
          cadence: 'quarterly',
          wantsNeeds: 'board seat; advisors for a climate startup',
        },
        addedDay: -200,
        dates: [{ label: 'work anniversary at Initech', day: 5, year: 2021 }],
        touches: [
          { day: -50, kind: 'call', intent: 'catch_up', note: 'Talked about her climate side project' },
          {
            day: -12,
            kind: 'message',
            intent: 'ask',
            note: 'Asked about their platform team',
            ask: { what: 'an intro to their platform team' },
          },
        ],
      },
      {
        fields: {
          name: 'Amara Okafor',
          company: 'Hooli',
          role: 'Recruiter',
          city: 'London',
          cadence: 'biweekly',
          wantsNeeds: 'senior backend engineers',
        },
        addedDay: -100,
        touches: [{ day: -10, kind: 'message', intent: 'give', note: "Shared a candidate's profile" }],
      },
      {
        fields: {
          name: 'Leo Martin',
          company: null,
          role: 'Data consultant',
          city: 'Paris',
          cadence: 'semiannual',
          wantsNeeds: 'public-sector data projects',
        },
        addedDay: -300,
        touches: [{ day: -90, kind: 'in_person', intent: 'catch_up', note: 'Lunch in Paris' }],
      },
      {
        fields: {
          name: 'Noor Haddad',
          company: 'Contoso',
          role: 'CTO',
          city: 'London',
          cadence: 'yearly',
          howMet: 'Former manager',
        },
        addedDay: -800,
        touches: [{ day: -500, kind: 'event', intent: 'catch_up', note: 'Saw her at a conference' }],
      },
      {
        fields: {
          name: 'Sam Lee',
          company: 'Hooli',
          role: 'Engineering Manager',
          city: 'Singapore',
          slackUserId: 'U0SAM',
          cadence: 'monthly',
        },
        addedDay: -20,
      },
    ],
    intro: {
      day: -8,
      from: 'Leo Martin',
      toName: 'the Open Data Fellowship',
      kind: 'consultant_institution',
      why: 'they fund public-sector data projects',
    },
    trip: { startsIn: 16, days: 3, city: 'Lisbon', event: 'Lisbon Tech Week' },
    reminder: { day: 4, about: 'Jonas Berg', what: 'Send him the Lisbon Tech Week agenda' },
    call: { with: 'Sam Lee', inDays: 1, time: '10:00' },
  },
  U0BEN: {
    contacts: [
      {
        fields: {
          name: 'Olivia Park',
          company: 'Stark Industries',
          role: 'Engineering Director',
          city: 'New York',
          cadence: 'monthly',
        },
        addedDay: -100,
        touches: [{ day: -40, kind: 'call', intent: 'catch_up', note: 'Quarterly catch-up' }],
      },
      {
        fields: {
          name: 'Ravi Kumar',
          company: 'Wayne Enterprises',
          role: 'Data Scientist',
          city: 'Boston',
          cadence: 'quarterly',
        },
        addedDay: -60,
        touches: [{ day: -20, kind: 'email', intent: 'give', note: 'Sent him a paper on forecasting' }],
      },
    ],
  },
};

/**
 * Writes the demo network of every pretend member through the use cases, as the modals would
 * (`deps.clock` is the sandbox's clock); returns how many contacts it added.
 */
export async function seedDemo(deps: UseCaseDeps): Promise<number> {
  let added = 0;
  for (const person of PEOPLE) {
    const network = NETWORKS[person.id];
    if (!network) continue;
    const member = await enrolMember(
      deps,
      { teamId: SANDBOX_TEAM.id, userId: person.id },
      async () => person.tz,
    );
    const today = todayFor(deps, member);
    const on = (day: number) => addDays(today, day);
    const ids = new Map<string, number>();
    for (const c of network.contacts) {
      const fields: ContactFields = {
        company: null,
        role: null,
        city: null,
        slackUserId: null,
        howMet: null,
        wantsNeeds: null,
        ...c.fields,
      };
      const dates = (c.dates ?? []).map((d) => {
        const day = on(d.day);
        return {
          kind: d.label === 'birthday' ? ('birthday' as const) : ('other' as const),
          label: d.label,
          month: Number(day.slice(5, 7)),
          day: Number(day.slice(8, 10)),
          year: d.year ?? null,
        };
      });
      const contact = await addContact(deps, member, fields, { addedOn: on(c.addedDay), dates });
      ids.set(contact.name, contact.id);
      added++;
      for (const t of c.touches ?? []) {
        const logged = await logTouch(deps, member, {
          contactId: contact.id,
          touchedOn: on(t.day),
          kind: t.kind,
          intent: t.intent,
          note: t.note,
          askWhat: t.ask?.what ?? null,
          noteToWantsNeeds: false,
          fromDigest: null,
        });
        if (t.ask?.granted && logged.ok && logged.askId) {
          await settleAsk(deps, member, logged.askId, 'granted', null);
        }
      }
      if (c.transition) {
        await noteTransition(deps, member, {
          contactId: contact.id,
          kind: c.transition.kind,
          notedOn: on(c.transition.day),
          note: c.transition.note,
        });
      }
      if (c.ignoredDigests) {
        const workDaysBefore = Array.from({ length: 14 }, (_, i) => on(-1 - i)).filter((d) =>
          member.workDays.includes(isoWeekday(d)),
        );
        await recordIgnoredDigests(deps, member, workDaysBefore.slice(0, c.ignoredDigests), [contact.id]);
      }
    }
    const intro = network.intro;
    const fromId = intro ? ids.get(intro.from) : undefined;
    if (intro && fromId) {
      await logIntroduction(deps, member, {
        fromContactId: fromId,
        toContactId: null,
        toName: intro.toName,
        kind: intro.kind,
        why: intro.why,
        introducedOn: on(intro.day),
      });
    }
    if (network.trip) {
      const { startsIn, days, city, event } = network.trip;
      const startsOn = on(startsIn);
      await planTrip(deps, member, { city, event, startsOn, endsOn: addDays(startsOn, days) });
    }
    const reminder = network.reminder;
    const aboutId = reminder ? ids.get(reminder.about) : undefined;
    if (reminder && aboutId) {
      await setReminder(deps, member, {
        contactId: aboutId,
        remindOn: on(reminder.day),
        what: reminder.what,
      });
    }
    const call = network.call;
    const callWith = call ? ids.get(call.with) : undefined;
    if (call && callWith) {
      await scheduleCall(deps, member, {
        contactId: callWith,
        day: on(call.inDays),
        time: call.time,
        minutes: 30,
        title: `Catch-up with ${call.with}`,
        fromDigest: null,
      });
    }
  }
  return added;
}
