import type { types } from '@slack/bolt';
import { describeJob, type JobChange } from '../../domain/imports';
import type { ImportPreview, ImportSource, ImportSummary } from '../../usecases/imports';
import { ACTIONS } from '../registry/actions';
import { MODALS } from '../registry/modals';
import type { Message } from './messages';
import { esc, fallbackText, mrkdwn, plainText } from './text';

export const SOURCE_LABELS: Record<ImportSource, string> = {
  linkedin: 'LinkedIn',
  google: 'Google Contacts',
  outlook: 'Outlook',
  vcard: 'vCard',
  csv: 'CSV',
};

/** The file_input's block and action id. */
export const IMPORT_FILE = 'import_file';

/** "Import contacts": one file, `.csv` or `.vcf`. */
export function importFileModal(): types.ModalView {
  return {
    type: 'modal',
    callback_id: MODALS.importFile.callbackId,
    private_metadata: MODALS.importFile.metadata.encode({}),
    title: plainText('Import contacts'),
    submit: plainText('Read the file'),
    close: plainText('Cancel'),
    blocks: [
      {
        type: 'section',
        text: mrkdwn(
          'A LinkedIn `Connections.csv`, a Google Contacts or Outlook CSV, or a vCard (`.vcf`) from Google, Apple or Outlook, up to 20 MB. ' +
            'You see a preview first: nothing is written until you press *Import*. The file itself is not kept.',
        ),
      },
      {
        type: 'input',
        block_id: IMPORT_FILE,
        label: plainText('Your file'),
        element: { type: 'file_input', action_id: IMPORT_FILE, filetypes: ['csv', 'vcf'], max_files: 1 },
      } as unknown as types.InputBlock,
    ],
  };
}

/** The import modal while the file is read, or once it is: what happened, and a Close button. */
export function importStatusModal(message: Message): types.ModalView {
  return {
    type: 'modal',
    title: plainText('Import contacts'),
    close: plainText('Close'),
    blocks: message.blocks,
  };
}

function message(markdown: string, extra: types.KnownBlock[] = []): Message {
  return { text: fallbackText(markdown), blocks: [{ type: 'section', text: mrkdwn(markdown) }, ...extra] };
}

function personLine(p: { name: string; company: string | null; role: string | null }): string {
  const job = p.role || p.company ? ` (${esc(describeJob(p))})` : '';
  return `*${esc(p.name)}*${job}`;
}

function jobChangeLine(c: JobChange): string {
  return `*${esc(c.name)}*: ${esc(describeJob(c.was))} → ${esc(describeJob(c.now))}`;
}

function andMore(shown: number, total: number): string {
  return total > shown ? `, and ${(total - shown).toLocaleString('en-US')} more` : '';
}

function n(count: number): string {
  return count.toLocaleString('en-US');
}

/** "1 new job", "12,000 new people". */
function counted(count: number, one: string, many = `${one}s`): string {
  return `${n(count)} ${count === 1 ? one : many}`;
}

/**
 * What a file would do, before anything is written: the counts, the first few of each, why rows
 * were skipped, and the possible duplicates one by one with a button to include each. **Import**
 * carries the included ones; **Cancel** drops the import.
 */
export function importPreviewMessage(p: ImportPreview, included: number[]): Message {
  const c = p.counts;
  const counts = [
    `${n(c.fresh)} new`,
    `${n(c.alreadyHere)} already here`,
    `${n(c.jobChanges)} changed ${c.jobChanges === 1 ? 'job' : 'jobs'}`,
    ...(c.possibleDuplicates > 0
      ? [`${n(c.possibleDuplicates)} possible ${c.possibleDuplicates === 1 ? 'duplicate' : 'duplicates'}`]
      : []),
    `${n(c.skipped)} skipped`,
  ].join(', ');
  const head = `*Ready to import from ${SOURCE_LABELS[p.format]}:* ${counts}. Nothing is written until you press *Import*.`;
  const blocks: types.KnownBlock[] = [];
  const section = (text: string) => blocks.push({ type: 'section', text: mrkdwn(text) });
  if (p.fresh.length > 0) {
    section(
      `*New* (no reminders until you sort them): ${p.fresh.map(personLine).join(', ')}${andMore(p.fresh.length, c.fresh)}.`,
    );
  }
  if (p.jobChanges.length > 0) {
    section(
      `*Changed jobs* (noted as a new job): ${p.jobChanges.map(jobChangeLine).join('; ')}${andMore(p.jobChanges.length, c.jobChanges)}.`,
    );
  }
  if (p.possibleDuplicates.length > 0) {
    section(
      `*Possible duplicates*: the same name as someone you have, at another company. Left out unless you include them${
        c.possibleDuplicates > p.possibleDuplicates.length
          ? ` (the first ${p.possibleDuplicates.length} are shown; the other ${n(c.possibleDuplicates - p.possibleDuplicates.length)} stay out)`
          : ''
      }.`,
    );
    const chosen = new Set(included);
    for (const d of p.possibleDuplicates) {
      const isIn = chosen.has(d.line);
      const next = isIn ? included.filter((l) => l !== d.line) : [...included, d.line];
      blocks.push({
        type: 'section',
        text: mrkdwn(
          `Line ${d.line}: ${personLine(d.person)}, like your ${personLine({ name: d.contactName, company: d.contactCompany, role: null })}. ${
            isIn ? ':white_check_mark: Included as a new person.' : 'Left out.'
          }`,
        ),
        accessory: {
          type: 'button',
          ...ACTIONS.importInclude.ref({ i: p.importId, inc: next }, d.line),
          text: plainText(isIn ? 'Leave out' : 'Include'),
        },
      });
    }
  }
  if (p.skipped.length > 0) {
    section(
      `*Skipped*: ${p.skipped.map((s) => `line ${s.line}, ${esc(s.reason)}`).join('; ')}${andMore(p.skipped.length, c.skipped)}.`,
    );
  }
  if (p.cut.length > 0) {
    section(
      `*Cut to fit*: ${p.cut.map((r) => `line ${r.line}, ${esc(r.name)}'s ${esc(r.fields.join(' and '))}`).join('; ')}${andMore(p.cut.length, p.cutCount)}.`,
    );
  }
  blocks.push({
    type: 'actions',
    elements: [
      {
        type: 'button',
        style: 'primary',
        ...ACTIONS.importConfirm.ref({ i: p.importId, inc: included }),
        text: plainText('Import'),
      },
      { type: 'button', ...ACTIONS.importCancel.ref({ i: p.importId }), text: plainText('Cancel') },
    ],
  });
  return message(head, blocks);
}

/** A file that would write nothing: "Nothing changed: all 412 are already here as they are." */
export function nothingToImportMessage(
  alreadyHere: number,
  skipped: { line: number; reason: string }[],
): Message {
  const why = skipped
    .slice(0, 5)
    .map((s) => `line ${s.line}, ${esc(s.reason)}`)
    .join('; ');
  if (alreadyHere === 0) {
    return message(
      `Nothing to import: every row was skipped (${why}${andMore(Math.min(5, skipped.length), skipped.length)}).`,
    );
  }
  const all = alreadyHere === 1 ? 'the one person in it is' : `all ${n(alreadyHere)} are`;
  const skips =
    skipped.length > 0
      ? ` ${counted(skipped.length, 'row')} skipped: ${why}${andMore(Math.min(5, skipped.length), skipped.length)}.`
      : '';
  return message(`Nothing changed: ${all} already here as they are.${skips}`);
}

/** A second file while one waits or runs. */
export function importBusyMessage(importId: number, state: 'preview' | 'importing'): Message {
  if (state === 'importing') {
    return message(
      'Your last import is still running: I will post its summary here when it is done. Try this file after that.',
    );
  }
  return message(
    'You already have an import waiting for your go-ahead: press *Import* or *Cancel* on its preview first, then send this file again.',
    [
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            ...ACTIONS.importCancel.ref({ i: importId }),
            text: plainText('Cancel that import'),
          },
        ],
      },
    ],
  );
}

/** "Imported 12,000 of 30,000…" */
export function importProgressMessage(done: number, total: number): Message {
  return message(
    done >= total ? `Imported ${n(total)} of ${n(total)}.` : `Imported ${n(done)} of ${n(total)}…`,
  );
}

export function importSummaryMessage(format: ImportSource, s: ImportSummary): Message {
  const parts = [
    counted(s.added, 'new person', 'new people'),
    ...(s.jobChanges > 0 ? [`${counted(s.jobChanges, 'new job')} noted`] : []),
    ...(s.alreadyHere > 0 ? [`${n(s.alreadyHere)} already here`] : []),
    ...(s.leftOut > 0 ? [`${counted(s.leftOut, 'possible duplicate')} left out`] : []),
    ...(s.skipped > 0 ? [`${n(s.skipped)} skipped`] : []),
  ];
  const text = `*Imported from ${SOURCE_LABELS[format]}:* ${parts.join(', ')}.`;
  if (s.added === 0) return message(text);
  // Without a way on, a member is left with people who never come up: triage is where they get a rhythm.
  return message(`${text} The new people have no reminders until you give them a rhythm.`, [
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          style: 'primary',
          ...ACTIONS.homeTriage.ref(null),
          text: plainText('Sort them now'),
        },
      ],
    },
  ]);
}

export function importCancelledMessage(): Message {
  return message('Import cancelled. Nothing was written.');
}

/** A preview that is no longer there to act on (imported, cancelled, or from another member). */
export function importGoneMessage(): Message {
  return message('That import is no longer waiting: it was imported or cancelled. Nothing was changed.');
}

/** The sentence a refused file gets, as it is. */
export function importRefusedMessage(reason: string): Message {
  return message(esc(reason));
}
