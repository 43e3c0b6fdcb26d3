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

export const BLOCK_KIT_LIMITS = {
  messageBlocks: {
    max: 50,
    rule: 'A message (chat.postMessage, chat.update, chat.postEphemeral, response_url) holds at most 50 blocks',
  },
  viewBlocks: { max: 100, rule: 'A modal or Home tab view holds at most 100 blocks' },
  messageText: { max: 40000, rule: "A message's top-level text is at most 40,000 characters (msg_too_long)" },

  blockId: { max: 255, rule: 'block_id is at most 255 characters and unique within a message or view' },
  actionId: { max: 255, rule: 'action_id is at most 255 characters and unique within a message or view' },

  sectionText: { max: 3000, min: 1, rule: "A section block's text is 1 to 3000 characters" },
  sectionFields: { max: 10, rule: 'A section block has at most 10 fields' },
  sectionFieldText: { max: 2000, min: 1, rule: 'Each section field is 1 to 2000 characters' },
  headerText: { max: 150, min: 1, rule: "A header block's plain_text is 1 to 150 characters" },
  actionsElements: { max: 25, min: 1, rule: 'An actions block holds 1 to 25 elements' },
  contextElements: { max: 10, min: 1, rule: 'A context block holds 1 to 10 elements' },
  inputLabel: { max: 2000, min: 1, rule: "An input block's label is 1 to 2000 characters of plain_text" },
  inputHint: { max: 2000, rule: "An input block's hint is at most 2000 characters of plain_text" },
  imageAltText: { max: 2000, min: 1, rule: "An image's alt_text is 1 to 2000 characters" },
  imageUrl: { max: 3000, rule: "An image's image_url is at most 3000 characters" },
  imageTitle: { max: 2000, rule: "An image block's title is at most 2000 characters" },
  contextText: { max: 3000, min: 1, rule: 'Each text element of a context block is 1 to 3000 characters' },
  videoTitle: { max: 200, min: 1, rule: "A video block's title is 1 to 200 characters of plain_text" },
  markdownText: { max: 12000, min: 1, rule: "A markdown block's text is 1 to 12,000 characters" },

  modalTitle: { max: 24, min: 1, rule: "A modal's title is 1 to 24 characters of plain_text" },
  modalSubmit: { max: 24, min: 1, rule: "A modal's submit label is 1 to 24 characters of plain_text" },
  modalClose: { max: 24, min: 1, rule: "A modal's close label is 1 to 24 characters of plain_text" },
  privateMetadata: { max: 3000, rule: 'private_metadata is at most 3000 characters' },
  callbackId: { max: 255, rule: 'callback_id is at most 255 characters' },
  externalId: { max: 255, rule: 'external_id is at most 255 characters and unique within the workspace' },

  buttonText: { max: 75, min: 1, rule: "A button's text is 1 to 75 characters of plain_text" },
  buttonValue: { max: 2000, rule: "A button's value is at most 2000 characters" },
  buttonUrl: { max: 3000, rule: "A button's url is at most 3000 characters" },
  placeholder: { max: 150, min: 1, rule: 'An element placeholder is 1 to 150 characters of plain_text' },
  selectOptions: { max: 100, min: 1, rule: 'A static_select / multi_static_select has 1 to 100 options' },
  selectOptionGroups: {
    max: 100,
    min: 1,
    rule: 'A static_select / multi_static_select has 1 to 100 option_groups',
  },
  optionGroupLabel: { max: 75, min: 1, rule: "An option group's label is 1 to 75 characters of plain_text" },
  optionGroupOptions: { max: 100, min: 1, rule: 'An option group has 1 to 100 options' },
  optionText: { max: 75, min: 1, rule: "An option's text is 1 to 75 characters" },
  optionValue: { max: 150, min: 1, rule: "An option's value is 1 to 150 characters" },
  optionDescription: { max: 75, rule: "An option's description is at most 75 characters" },
  checkboxOptions: { max: 10, min: 1, rule: 'A checkboxes element has 1 to 10 options' },
  radioOptions: { max: 10, min: 1, rule: 'A radio_buttons element has 1 to 10 options' },
  overflowOptions: { max: 5, min: 1, rule: 'An overflow menu has 1 to 5 options' },
  plainTextInputLength: {
    max: 3000,
    rule: "A plain_text_input's min_length and max_length are at most 3000",
  },
  confirmTitle: { max: 100, min: 1, rule: "A confirm dialog's title is 1 to 100 characters" },
  confirmText: { max: 300, min: 1, rule: "A confirm dialog's text is 1 to 300 characters" },
  confirmButton: { max: 30, min: 1, rule: "A confirm dialog's confirm / deny labels are 1 to 30 characters" },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof BLOCK_KIT_LIMITS;
