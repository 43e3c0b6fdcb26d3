/** What the import parsers make of a file: the contract the import flow codes against. */

import type { IncomingPerson } from '../domain/imports';

export type ImportFormat = 'linkedin' | 'google' | 'outlook' | 'vcard' | 'csv';

/** One person read from a file; the import's rules (src/domain/imports.ts) take the same shape. */
export type ImportedPerson = IncomingPerson;

export interface SkippedRow {
  line: number;
  reason: string;
}

export type ColumnField =
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'company'
  | 'role'
  | 'city'
  | 'email'
  | 'profileUrl'
  | 'connectedOn';

export type ColumnMapping = Partial<Record<ColumnField, number>>; // field -> column index

export type ParseResult =
  | { kind: 'people'; format: ImportFormat; people: ImportedPerson[]; skipped: SkippedRow[] }
  | {
      kind: 'needs_mapping';
      header: string[];
      headerKey: string;
      sample: string[][];
      suggested: ColumnMapping;
    }
  | { kind: 'refused'; reason: string }; // one clear sentence for the member
