import type { DueContact } from '../../src/domain/digest';
import { nextDueOn } from '../../src/domain/schedule';

/** A contact as the digest and Home rules see it: quarterly, added 1 Jan 2024, untouched, unless overridden. */
export function dueContact(over: Partial<DueContact> & { id: number }): DueContact {
  const base = {
    name: `C${over.id}`,
    company: null,
    cadence: 'quarterly' as const,
    addedOn: '2024-01-01',
    lastTouchOn: null,
    snoozedUntil: null,
    transitionKind: null,
    transitionOn: null,
  };
  const c = { ...base, ...over } as DueContact;
  return { ...c, nextDueOn: over.nextDueOn === undefined ? nextDueOn(c) : over.nextDueOn };
}
