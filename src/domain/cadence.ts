import { addDays, addMonths, type LocalDate } from './dates';

export const CADENCES = ['biweekly', 'monthly', 'quarterly', 'semiannual', 'yearly', 'none'] as const;
export type Cadence = (typeof CADENCES)[number];

export const DEFAULT_CADENCE: Cadence = 'quarterly';

export const CADENCE_LABELS: Record<Cadence, string> = {
  biweekly: 'Every 2 weeks',
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  semiannual: 'Every 6 months',
  yearly: 'Yearly',
  none: 'No reminders',
};

/** The planned rhythm as a member would say it: "you planned quarterly calls". */
export const CADENCE_PHRASES: Record<Cadence, string> = {
  biweekly: 'every other week',
  monthly: 'monthly',
  quarterly: 'quarterly',
  semiannual: 'every 6 months',
  yearly: 'yearly',
  none: 'no set rhythm',
};

/** The date one cadence after `from`, or null for contacts without reminders. */
export function addCadence(from: LocalDate, cadence: Cadence): LocalDate | null {
  switch (cadence) {
    case 'biweekly':
      return addDays(from, 14);
    case 'monthly':
      return addMonths(from, 1);
    case 'quarterly':
      return addMonths(from, 3);
    case 'semiannual':
      return addMonths(from, 6);
    case 'yearly':
      return addMonths(from, 12);
    case 'none':
      return null;
  }
}

/** Nominal length in days, to compare how overdue contacts on different cadences are. */
export function cadenceDays(cadence: Cadence): number | null {
  switch (cadence) {
    case 'biweekly':
      return 14;
    case 'monthly':
      return 30;
    case 'quarterly':
      return 91;
    case 'semiannual':
      return 182;
    case 'yearly':
      return 365;
    case 'none':
      return null;
  }
}
