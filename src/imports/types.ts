/** What the import parsers make of a file: the contract the import flow codes against. */

export type ImportFormat = 'linkedin' | 'google' | 'outlook' | 'vcard' | 'csv';

export interface ImportedPerson {
  name: string;
  company: string | null;
  role: string | null;
  city: string | null;
  /** As the file writes it, and only when it has the shape of an address (matching ignores case). */
  email: string | null;
  /** A LinkedIn profile as `https://www.linkedin.com/in/<slug>` (or, from a column the member mapped, any http(s) URL). */
  profileUrl: string | null;
  connectedOn: string | null; // YYYY-MM-DD
  birthday: string | null; // MM-DD or YYYY-MM-DD
  note: string | null;
  line: number; // 1-based line (CSV) or card number (vCard), for the preview
  /** Fields not kept whole: cut to FIELD_LIMITS (src/domain/limits.ts), or an email or URL too long to keep. */
  cut: string[];
}

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
