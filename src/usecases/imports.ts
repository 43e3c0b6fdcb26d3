import {
  changesNothing,
  describeJob,
  type ImportPlan,
  type IncomingPerson,
  type JobChange,
  planImport,
  type SkippedPerson,
} from '../domain/imports';
import { inTransaction } from '../store/db';
import {
  applyJobChanges,
  contactsForMatching,
  fillContactDetails,
  findColumnMap,
  findImport,
  type ImportSource,
  insertImport,
  insertImportedContacts,
  openImport,
  saveColumnMap,
  setImportState,
} from '../store/imports';
import type { MemberRef } from '../store/members';
import { todayFor, type UseCaseDeps } from './deps';

export type { ImportSource } from '../store/imports';

/** What a parser read from a file (the `people` kind of its ParseResult). */
export interface ParsedFile {
  format: ImportSource;
  people: IncomingPerson[];
  skipped: SkippedPerson[];
}

/** What Import wrote, kept on the import so a second click answers as the first did. */
export interface ImportSummary {
  added: number;
  jobChanges: number;
  alreadyHere: number;
  skipped: number;
  leftOut: number;
}

interface StoredPlan {
  plan: ImportPlan;
  summary?: ImportSummary;
}

/** How many of each a preview shows by name; the counts say the rest. */
export const PREVIEW_FEW = 5;
/** Possible duplicates offered one by one to include: the rest stay out (each button carries the choice). */
export const DUPLICATES_OFFERED = 10;

export interface ImportPreview {
  importId: number;
  format: ImportSource;
  counts: {
    fresh: number;
    alreadyHere: number;
    jobChanges: number;
    possibleDuplicates: number;
    skipped: number;
  };
  fresh: IncomingPerson[];
  jobChanges: JobChange[];
  possibleDuplicates: ImportPlan['possibleDuplicates'];
  skipped: SkippedPerson[];
  /** Rows whose fields were cut to the limits, first few. */
  cut: { line: number; name: string; fields: string[] }[];
  cutCount: number;
}

export type PreviewOutcome =
  | { kind: 'preview'; preview: ImportPreview }
  /** The file writes nothing: everyone is already here as they are (or every row was skipped). */
  | { kind: 'nothing'; alreadyHere: number; skipped: SkippedPerson[] }
  /** The member has an import waiting for their go-ahead or running. */
  | { kind: 'busy'; importId: number; state: 'preview' | 'importing' };

function previewOf(importId: number, format: ImportSource, plan: ImportPlan): ImportPreview {
  const everyone = [...plan.fresh, ...plan.possibleDuplicates.map((d) => d.person)];
  const cutRows = everyone.filter((p) => p.cut.length > 0).sort((a, b) => a.line - b.line);
  return {
    importId,
    format,
    counts: {
      fresh: plan.fresh.length,
      alreadyHere: plan.alreadyHere.length,
      jobChanges: plan.jobChanges.length,
      possibleDuplicates: plan.possibleDuplicates.length,
      skipped: plan.skipped.length,
    },
    fresh: plan.fresh.slice(0, PREVIEW_FEW),
    jobChanges: plan.jobChanges.slice(0, PREVIEW_FEW),
    possibleDuplicates: plan.possibleDuplicates.slice(0, DUPLICATES_OFFERED),
    skipped: plan.skipped.slice(0, PREVIEW_FEW),
    cut: cutRows.slice(0, PREVIEW_FEW).map((p) => ({ line: p.line, name: p.name, fields: p.cut })),
    cutCount: cutRows.length,
  };
}

/**
 * Matches a file's people against the member's contacts and keeps the plan for their go-ahead;
 * nothing in their network changes yet. One import at a time per member.
 */
export async function previewImport(
  deps: UseCaseDeps,
  member: MemberRef & { tz: string },
  file: ParsedFile,
): Promise<PreviewOutcome> {
  const open = await openImport(deps.db, member);
  if (open) return { kind: 'busy', importId: open.id, state: open.state as 'preview' | 'importing' };
  const contacts = await contactsForMatching(deps.db, member);
  const plan = planImport(file.people, file.skipped, contacts, todayFor(deps, member));
  if (changesNothing(plan)) {
    return { kind: 'nothing', alreadyHere: plan.alreadyHere.length, skipped: plan.skipped };
  }
  const stored: StoredPlan = { plan };
  const id = await insertImport(deps.db, member, file.format, stored, deps.clock.now());
  if (id === null) {
    const raced = await openImport(deps.db, member);
    return { kind: 'busy', importId: raced?.id ?? 0, state: (raced?.state ?? 'preview') as 'preview' };
  }
  return { kind: 'preview', preview: previewOf(id, file.format, plan) };
}

/** The preview of the member's own import still waiting for their go-ahead; null otherwise. */
export async function getImportPreview(
  deps: UseCaseDeps,
  member: MemberRef,
  importId: number,
): Promise<ImportPreview | null> {
  const row = await findImport<StoredPlan>(deps.db, member, importId);
  if (row?.state !== 'preview') return null;
  return previewOf(row.id, row.format, row.plan.plan);
}

export type RunOutcome =
  | { kind: 'done'; format: ImportSource; summary: ImportSummary; repeat: boolean }
  | { kind: 'cancelled' }
  | { kind: 'gone' };

/** Rows per statement: progress is reported between them, and no statement grows without bound. */
export const IMPORT_CHUNK = 2000;

/**
 * Writes a previewed import in ONE transaction: all of it lands or none does. New people come in
 * with no reminders and unsorted; the possible duplicates the member included (by line) come in as
 * new people too, the rest stay out; a new job updates the contact and records a "new job"
 * transition saying what changed. `onProgress` hears how far it got after each chunk. A second
 * click answers as the first did.
 */
export async function runImport(
  deps: UseCaseDeps,
  member: MemberRef & { tz: string },
  importId: number,
  includeLines: number[],
  onProgress?: (done: number, total: number) => Promise<void>,
): Promise<RunOutcome> {
  const now = deps.clock.now();
  const today = todayFor(deps, member);
  try {
    return await inTransaction(deps.db, async (tx) => {
      const row = await findImport<StoredPlan>(tx, member, importId, { lock: true });
      if (!row) return { kind: 'gone' } as const;
      if (row.state === 'done' && row.plan.summary)
        return { kind: 'done', format: row.format, summary: row.plan.summary, repeat: true } as const;
      if (row.state === 'cancelled') return { kind: 'cancelled' } as const;
      if (row.state !== 'preview') return { kind: 'gone' } as const;
      const { plan } = row.plan;
      const included = new Set(includeLines);
      const chosen = plan.possibleDuplicates.filter((d) => included.has(d.line)).map((d) => d.person);
      const fresh = [...plan.fresh, ...chosen];
      const changes = plan.jobChanges.map((c) => ({
        ...c,
        note: `was ${describeJob(c.was)}, now ${describeJob(c.now)}`,
      }));
      const total = fresh.length + changes.length;
      let done = 0;
      for (let i = 0; i < fresh.length; i += IMPORT_CHUNK) {
        const chunk = fresh.slice(i, i + IMPORT_CHUNK);
        await insertImportedContacts(tx, member, chunk, row.format, today, now);
        done += chunk.length;
        await onProgress?.(done, total);
      }
      for (let i = 0; i < changes.length; i += IMPORT_CHUNK) {
        const chunk = changes.slice(i, i + IMPORT_CHUNK);
        await applyJobChanges(tx, member, chunk, today, now);
        done += chunk.length;
        await onProgress?.(done, total);
      }
      for (let i = 0; i < plan.fills.length; i += IMPORT_CHUNK) {
        await fillContactDetails(tx, member, plan.fills.slice(i, i + IMPORT_CHUNK), today, now);
      }
      const summary: ImportSummary = {
        added: fresh.length,
        jobChanges: changes.length,
        alreadyHere: plan.alreadyHere.length,
        skipped: plan.skipped.length,
        leftOut: plan.possibleDuplicates.length - chosen.length,
      };
      await setImportState<StoredPlan>(tx, member, importId, 'done', now, { plan, summary });
      return { kind: 'done', format: row.format, summary, repeat: false } as const;
    });
  } catch (err) {
    // Nothing was written; the member can start again (the waiting import no longer holds their one slot).
    await setImportState(deps.db, member, importId, 'failed', deps.clock.now());
    throw err;
  }
}

/** Drops an import waiting for the go-ahead; false when there is none such of the member's. */
export async function cancelImport(deps: UseCaseDeps, member: MemberRef, importId: number): Promise<boolean> {
  return inTransaction(deps.db, async (tx) => {
    const row = await findImport(tx, member, importId, { lock: true });
    if (row?.state !== 'preview') return row?.state === 'cancelled';
    await setImportState(tx, member, importId, 'cancelled', deps.clock.now());
    return true;
  });
}

/** How the member mapped the columns of a file with this header last time, if they did. */
export async function rememberedColumnMap<M>(
  deps: UseCaseDeps,
  member: MemberRef,
  headerKey: string,
): Promise<M | null> {
  return findColumnMap<M>(deps.db, member, headerKey);
}

export async function rememberColumnMap<M>(
  deps: UseCaseDeps,
  member: MemberRef,
  headerKey: string,
  mapping: M,
): Promise<void> {
  await saveColumnMap(deps.db, member, headerKey, mapping, deps.clock.now());
}
