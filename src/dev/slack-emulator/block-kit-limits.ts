/**
 * Every size limit the emulator enforces, with the Slack rule it stands for, so a rejected payload can be
 * traced to Slack's documentation and the table can be read as a checklist. Sources: Slack's Block Kit
 * reference (blocks, block elements, composition objects) and the views.* / chat.* method pages.
 */
export interface Limit {
  /** Inclusive maximum (characters for strings, items for arrays). */
  max: number;
  /** Inclusive minimum, when Slack sets one. */
  min?: number;
  rule: string;
}

/**
 * Each limit is written once, as its rule: the numbers are read from the rule's "N to M" (a minimum and
 * a maximum) or "at most N" (a maximum alone), so what is enforced cannot drift from what the rule says.
 */
function limitsFromRules<Name extends string>(rules: Record<Name, string>): Record<Name, Limit> {
  const limits = {} as Record<Name, Limit>;
  for (const [name, rule] of Object.entries<string>(rules)) {
    limits[name as Name] = limitFromRule(rule);
  }
  return limits;
}

function limitFromRule(rule: string): Limit {
  const number = (digits: string) => Number(digits.replaceAll(',', ''));
  const range = /\b(\d[\d,]*) to (\d[\d,]*)\b/.exec(rule);
  if (range?.[1] !== undefined && range[2] !== undefined) {
    return { max: number(range[2]), min: number(range[1]), rule };
  }
  const atMost = /\bat most (\d[\d,]*)\b/.exec(rule);
  if (atMost?.[1] !== undefined) return { max: number(atMost[1]), rule };
  throw new Error(`A Block Kit limit's rule says neither "N to M" nor "at most N": ${rule}`);
}

export const BLOCK_KIT_LIMITS = limitsFromRules({
  messageBlocks:
    'A message (chat.postMessage, chat.update, chat.postEphemeral, response_url) holds at most 50 blocks',
  viewBlocks: 'A modal or Home tab view holds at most 100 blocks',
  messageText: "A message's top-level text is at most 40,000 characters (msg_too_long)",

  blockId: 'block_id is at most 255 characters and unique within a message or view',
  actionId: 'action_id is at most 255 characters and unique within a message or view',

  sectionText: "A section block's text is 1 to 3000 characters",
  sectionFields: 'A section block has at most 10 fields',
  sectionFieldText: 'Each section field is 1 to 2000 characters',
  headerText: "A header block's plain_text is 1 to 150 characters",
  actionsElements: 'An actions block holds 1 to 25 elements',
  contextElements: 'A context block holds 1 to 10 elements',
  inputLabel: "An input block's label is 1 to 2000 characters of plain_text",
  inputHint: "An input block's hint is at most 2000 characters of plain_text",
  imageAltText: "An image's alt_text is 1 to 2000 characters",
  imageUrl: "An image's image_url is at most 3000 characters",
  imageTitle: "An image block's title is at most 2000 characters",
  contextText: 'Each text element of a context block is 1 to 3000 characters',
  videoTitle: "A video block's title is 1 to 200 characters of plain_text",
  markdownText: "A markdown block's text is 1 to 12,000 characters",

  modalTitle: "A modal's title is 1 to 24 characters of plain_text",
  modalSubmit: "A modal's submit label is 1 to 24 characters of plain_text",
  modalClose: "A modal's close label is 1 to 24 characters of plain_text",
  privateMetadata: 'private_metadata is at most 3000 characters',
  callbackId: 'callback_id is at most 255 characters',
  externalId: 'external_id is at most 255 characters and unique within the workspace',

  buttonText: "A button's text is 1 to 75 characters of plain_text",
  buttonValue: "A button's value is at most 2000 characters",
  buttonUrl: "A button's url is at most 3000 characters",
  placeholder: 'An element placeholder is 1 to 150 characters of plain_text',
  selectOptions: 'A static_select / multi_static_select has 1 to 100 options',
  selectOptionGroups: 'A static_select / multi_static_select has 1 to 100 option_groups',
  optionGroupLabel: "An option group's label is 1 to 75 characters of plain_text",
  optionGroupOptions: 'An option group has 1 to 100 options',
  optionText: "An option's text is 1 to 75 characters",
  optionValue: "An option's value is 1 to 150 characters",
  optionDescription: "An option's description is at most 75 characters",
  checkboxOptions: 'A checkboxes element has 1 to 10 options',
  radioOptions: 'A radio_buttons element has 1 to 10 options',
  overflowOptions: 'An overflow menu has 1 to 5 options',
  plainTextInputLength: "A plain_text_input's min_length and max_length are at most 3000",
  fileInputMaxFiles: "A file_input's max_files is 1 to 10 (10 when left out)",
  confirmTitle: "A confirm dialog's title is 1 to 100 characters",
  confirmText: "A confirm dialog's text is 1 to 300 characters",
  confirmButton: "A confirm dialog's confirm / deny labels are 1 to 30 characters",
});

export type LimitName = keyof typeof BLOCK_KIT_LIMITS;
