import type { types } from '@slack/bolt';
import { truncate } from '../../domain/limits';
import type { ColumnField, ColumnMapping } from '../../imports/types';
import { MODALS } from '../registry/modals';
import { mrkdwn, plainText } from './text';

/** Each field a column can hold, in the order the form asks, with its label. */
const FIELD_LABELS: Record<ColumnField, string> = {
  name: 'Full name',
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  role: 'Role or title',
  city: 'City',
  email: 'Email',
  profileUrl: 'Profile URL (LinkedIn)',
  connectedOn: 'Connected on (a date)',
};

export const COLUMN_FIELDS = Object.keys(FIELD_LABELS) as ColumnField[];

/** The option that leaves a field out. */
export const NOT_IN_FILE = 'none';

/** A select holds 100 options: the first 99 columns, and "not in this file". */
const MAX_COLUMNS = 99;

/**
 * Which column holds what, for a CSV touchbase does not recognise: one select per field, each
 * column named by its header and a value from the first row, touchbase's guesses preselected.
 */
export function importMappingModal(opts: {
  fileId: string;
  header: string[];
  headerKey: string;
  sample: string[][];
  suggested: ColumnMapping;
}): types.ModalView {
  const columns = opts.header.slice(0, MAX_COLUMNS).map((title, i) => {
    const example = opts.sample[0]?.[i]?.trim();
    const label = `${title.trim() || `Column ${i + 1}`}${example ? ` (${example})` : ''}`;
    return { text: plainText(truncate(label, 75)), value: String(i) };
  });
  const none = { text: plainText('Not in this file'), value: NOT_IN_FILE };
  const select = (field: ColumnField): types.InputBlock => {
    const picked = opts.suggested[field];
    const initial = picked === undefined ? undefined : columns[picked];
    return {
      type: 'input',
      block_id: `map_${field}`,
      optional: true,
      label: plainText(FIELD_LABELS[field]),
      element: {
        type: 'static_select',
        action_id: `map_${field}`,
        placeholder: plainText('Pick a column'),
        options: [none, ...columns],
        ...(initial ? { initial_option: initial } : {}),
      },
    };
  };
  return {
    type: 'modal',
    callback_id: MODALS.importMapping.callbackId,
    private_metadata: MODALS.importMapping.metadata.encode({
      fileId: opts.fileId,
      headerKey: opts.headerKey,
    }),
    title: plainText('Match the columns'),
    submit: plainText('Read the file'),
    close: plainText('Cancel'),
    blocks: [
      {
        type: 'section',
        text: mrkdwn(
          "I don't know this file's columns. Say which one holds what (a name, or a first and last name, is needed); " +
            'a file with the same columns next time is read the same way.',
        ),
      },
      ...COLUMN_FIELDS.map(select),
    ],
  };
}
