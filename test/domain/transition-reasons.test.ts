import { type DueContact, dueItems, dueReason } from '../../src/domain/digest';

const TODAY = '2026-03-20';

function reasonFor(c: Partial<DueContact>): string {
  const contact: DueContact = {
    id: 1,
    name: 'Dana',
    company: null,
    role: null,
    cadence: 'quarterly',
    addedOn: '2025-01-01',
    lastTouchOn: null,
    snoozedUntil: null,
    nextDueOn: '2026-03-01',
    transitionKind: null,
    transitionOn: null,
    ...c,
  };
  const [item] = dueItems([contact], TODAY);
  if (!item) throw new Error('not due');
  return dueReason(item, TODAY);
}

test.each([
  [
    'a new job, fresh, with where and as what',
    { transitionKind: 'new_job', transitionOn: '2026-03-15', company: 'Globex', role: 'CTO' },
    'started as CTO at Globex 5 days ago: a good moment to congratulate them',
  ],
  [
    'a new job that changed the company and role on record',
    {
      transitionKind: 'new_job',
      transitionOn: '2026-03-15',
      company: 'Globex',
      role: 'VP Engineering',
      previousCompany: 'Acme',
      previousRole: 'CTO',
    },
    'Dana is now VP Engineering at Globex (was CTO at Acme): congratulating them is a give',
  ],
  [
    'a new job with only the company known, before and after',
    { transitionKind: 'new_job', transitionOn: '2026-03-15', company: 'Globex', previousCompany: 'Acme' },
    'Dana is now at Globex (was at Acme): congratulating them is a give',
  ],
  [
    'a new role at the same company',
    {
      transitionKind: 'new_job',
      transitionOn: '2026-03-15',
      company: 'Acme',
      role: 'CTO',
      previousCompany: 'Acme',
      previousRole: 'Engineer',
    },
    'Dana is now CTO at Acme (was Engineer at Acme): congratulating them is a give',
  ],
  [
    'a new job once they have talked reads as before',
    {
      transitionKind: 'new_job',
      transitionOn: '2026-02-15',
      lastTouchOn: '2026-02-20',
      company: 'Globex',
      previousCompany: 'Acme',
    },
    'started at Globex 5 weeks ago; last talked 4 weeks ago: you keep in closer touch for 90 days after a change',
  ],
  [
    'a new job with no company known',
    { transitionKind: 'new_job', transitionOn: '2026-03-15' },
    'started a new job 5 days ago: a good moment to congratulate them',
  ],
  [
    'a lost job, fresh, reads as before',
    { transitionKind: 'lost_job', transitionOn: '2026-03-18' },
    'lost their job (noted 2 days ago): a good time to check in',
  ],
  [
    'a lost job past its first week, no touch since',
    { transitionKind: 'lost_job', transitionOn: '2026-03-06', lastTouchOn: '2026-01-02' },
    'lost their job (noted 2 weeks ago) and you have not talked since: a good time to check in',
  ],
  [
    'a move, talked since: why the rhythm is closer',
    { transitionKind: 'moved', transitionOn: '2026-01-20', lastTouchOn: '2026-02-01', cadence: 'yearly' },
    'moved city 8 weeks ago; last talked 7 weeks ago: you keep in closer touch for 90 days after a change',
  ],
  [
    'a transition past its 90 days is no reason any more',
    { transitionKind: 'new_job', transitionOn: '2025-10-01', company: 'Globex', lastTouchOn: '2025-12-01' },
    'last talked 4 months ago; you planned quarterly calls',
  ],
] as const)('%s', (_what, contact, reason) => {
  expect(reasonFor(contact as Partial<DueContact>)).toBe(reason);
});
