import { BLOCK_KIT_LIMITS, type Limit } from './block-kit-limits';
import { isRecord } from './json';

/**
 * Block Kit validation, close to what Slack checks before it accepts a message or a view. Errors are
 * human-readable strings in Slack's own style ("must be less than 25 characters [json-pointer:/view/title/text]")
 * so a failing test points at the offending field.
 */

export type Surface = 'message' | 'modal' | 'home';

const BLOCK_TYPES = new Set([
  'actions',
  'context',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);

const SELECT_TYPES = [
  'static_select',
  'external_select',
  'users_select',
  'conversations_select',
  'channels_select',
  'multi_static_select',
  'multi_external_select',
  'multi_users_select',
  'multi_conversations_select',
  'multi_channels_select',
];

/** Which element types Slack allows where (Block Kit reference, "Available in blocks" of each element). */
const ACTIONS_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'overflow',
  'radio_buttons',
  'rich_text_input',
  'timepicker',
  'workflow_button',
  ...SELECT_TYPES,
]);
const ACCESSORY_ELEMENTS = new Set([
  'button',
  'checkboxes',
  'datepicker',
  'image',
  'overflow',
  'radio_buttons',
  'timepicker',
  'workflow_button',
  ...SELECT_TYPES,
]);
const INPUT_ELEMENTS = new Set([
  'checkboxes',
  'datepicker',
  'datetimepicker',
  'email_text_input',
  'file_input',
  'number_input',
  'plain_text_input',
  'radio_buttons',
  'rich_text_input',
  'timepicker',
  'url_text_input',
  ...SELECT_TYPES,
]);

interface TextRule {
  limit: Limit;
  /** Slack requires plain_text for labels, titles, button text and placeholders. */
  plainOnly?: boolean;
  required?: boolean;
}

/** Collects errors for one message or view; block_ids and action_ids must be unique across all of it. */
class Checker {
  readonly errors: string[] = [];
  private readonly blockIds = new Set<string>();
  private readonly actionIds = new Set<string>();

  fail(pointer: string, message: string): void {
    this.errors.push(`${message} [json-pointer:${pointer}]`);
  }

  string(pointer: string, value: unknown, limit: Limit, required = false): value is string {
    if (value === undefined || value === null) {
      if (required) this.fail(pointer, 'missing required field');
      return false;
    }
    if (typeof value !== 'string') {
      this.fail(pointer, 'must be a string');
      return false;
    }
    if (value.length > limit.max) this.fail(pointer, `must be less than ${limit.max + 1} characters`);
    if (limit.min !== undefined && value.length < limit.min) {
      this.fail(pointer, `must be more than ${limit.min - 1} characters`);
    }
    return true;
  }

  count(pointer: string, value: unknown, limit: Limit, required = true): value is unknown[] {
    if (value === undefined || value === null) {
      if (required) this.fail(pointer, 'missing required field');
      return false;
    }
    if (!Array.isArray(value)) {
      this.fail(pointer, 'must be an array');
      return false;
    }
    if (value.length > limit.max) this.fail(pointer, `no more than ${limit.max} items allowed`);
    if (limit.min !== undefined && value.length < limit.min) {
      this.fail(pointer, `must provide at least ${limit.min} item${limit.min === 1 ? '' : 's'}`);
    }
    return true;
  }

  text(pointer: string, value: unknown, rule: TextRule): void {
    if (value === undefined || value === null) {
      if (rule.required ?? true) this.fail(pointer, 'missing required field');
      return;
    }
    if (!isRecord(value)) {
      this.fail(pointer, 'must be a text object');
      return;
    }
    if (value.type !== 'plain_text' && value.type !== 'mrkdwn') {
      this.fail(`${pointer}/type`, 'must be one of [plain_text, mrkdwn]');
      return;
    }
    if (rule.plainOnly && value.type !== 'plain_text') {
      this.fail(`${pointer}/type`, 'must be plain_text');
    }
    if (value.type === 'mrkdwn' && value.emoji !== undefined) {
      this.fail(`${pointer}/emoji`, 'emoji is only allowed on plain_text');
    }
    this.string(`${pointer}/text`, value.text, { min: 1, ...rule.limit }, true);
  }

  /**
   * Whether `value` is an object (`described`, e.g. 'a block object') whose type is one of `allowed`;
   * when it is not, records why, with `rejectType` wording the complaint about a type not allowed.
   */
  typed(
    pointer: string,
    value: unknown,
    described: string,
    allowed: ReadonlySet<string>,
    rejectType: (type: string) => string,
  ): value is Record<string, unknown> & { type: string } {
    if (!isRecord(value)) {
      this.fail(pointer, `must be ${described}`);
      return false;
    }
    if (typeof value.type !== 'string') {
      this.fail(`${pointer}/type`, 'missing required field');
      return false;
    }
    if (!allowed.has(value.type)) {
      this.fail(`${pointer}/type`, rejectType(value.type));
      return false;
    }
    return true;
  }

  blockId(pointer: string, value: unknown): void {
    if (!this.string(pointer, value, BLOCK_KIT_LIMITS.blockId)) return;
    if (this.blockIds.has(value)) this.fail(pointer, `duplicate block_id '${value}'`);
    this.blockIds.add(value);
  }

  actionId(pointer: string, value: unknown): void {
    if (!this.string(pointer, value, BLOCK_KIT_LIMITS.actionId)) return;
    if (this.actionIds.has(value)) this.fail(pointer, `duplicate action_id '${value}'`);
    this.actionIds.add(value);
  }
}

/** Validates a message's `blocks`, or a view's. `pointer` is where the blocks sit in the request. */
export function validateBlocks(blocks: unknown, surface: Surface, pointer = '/blocks'): string[] {
  const c = new Checker();
  checkBlocks(c, blocks, surface, pointer);
  return c.errors;
}

export interface ViewValidation {
  /** Problems inside `view.blocks`: Slack answers `invalid_blocks`. */
  blockErrors: string[];
  /** Problems with the view's own fields: Slack answers `invalid_arguments`. */
  argErrors: string[];
}

/** Validates a view for views.open / push / update (`modal`) or views.publish (`home`). */
export function validateView(view: unknown, expected: 'modal' | 'home'): ViewValidation {
  const blocks = new Checker();
  const args = new Checker();
  if (!isRecord(view)) {
    args.fail('/view', 'must be a view object');
    return { blockErrors: [], argErrors: args.errors };
  }
  if (view.type !== expected) args.fail('/view/type', `must be '${expected}'`);
  checkBlocks(blocks, view.blocks, expected, '/view/blocks');
  args.string('/view/private_metadata', view.private_metadata, BLOCK_KIT_LIMITS.privateMetadata);
  args.string('/view/callback_id', view.callback_id, BLOCK_KIT_LIMITS.callbackId);
  args.string('/view/external_id', view.external_id, BLOCK_KIT_LIMITS.externalId);
  if (expected === 'modal') {
    args.text('/view/title', view.title, { limit: BLOCK_KIT_LIMITS.modalTitle, plainOnly: true });
    args.text('/view/submit', view.submit, {
      limit: BLOCK_KIT_LIMITS.modalSubmit,
      plainOnly: true,
      required: false,
    });
    args.text('/view/close', view.close, {
      limit: BLOCK_KIT_LIMITS.modalClose,
      plainOnly: true,
      required: false,
    });
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b) => isRecord(b) && b.type === 'input');
    // Slack's rule: a modal that collects input must give the user a way to submit it.
    if (hasInput && (view.submit === undefined || view.submit === null)) {
      args.fail('/view/submit', 'a modal containing input blocks must have a submit button');
    }
  }
  return { blockErrors: blocks.errors, argErrors: args.errors };
}

function checkBlocks(c: Checker, blocks: unknown, surface: Surface, pointer: string): void {
  const limit = surface === 'message' ? BLOCK_KIT_LIMITS.messageBlocks : BLOCK_KIT_LIMITS.viewBlocks;
  if (!c.count(pointer, blocks, limit)) return;
  blocks.forEach((block, i) => {
    checkBlock(c, block, `${pointer}/${i}`);
  });
}

function checkBlock(c: Checker, block: unknown, p: string): void {
  if (!c.typed(p, block, 'a block object', BLOCK_TYPES, (type) => `unsupported block type '${type}'`)) return;
  c.blockId(`${p}/block_id`, block.block_id);
  const L = BLOCK_KIT_LIMITS;
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        c.fail(p, 'must provide either text or fields');
      }
      c.text(`${p}/text`, block.text, { limit: L.sectionText, required: false });
      if (c.count(`${p}/fields`, block.fields, L.sectionFields, false)) {
        block.fields.forEach((field, i) => {
          c.text(`${p}/fields/${i}`, field, { limit: L.sectionFieldText });
        });
      }
      if (block.accessory !== undefined)
        checkElement(c, block.accessory, `${p}/accessory`, ACCESSORY_ELEMENTS);
      break;
    }
    case 'header':
      c.text(`${p}/text`, block.text, { limit: L.headerText, plainOnly: true });
      break;
    case 'divider':
      break;
    case 'image':
      checkImage(c, block, p);
      c.text(`${p}/title`, block.title, { limit: L.imageTitle, plainOnly: true, required: false });
      break;
    case 'actions':
      if (c.count(`${p}/elements`, block.elements, L.actionsElements)) {
        block.elements.forEach((el, i) => {
          checkElement(c, el, `${p}/elements/${i}`, ACTIONS_ELEMENTS);
        });
      }
      break;
    case 'context':
      if (c.count(`${p}/elements`, block.elements, L.contextElements)) {
        block.elements.forEach((el, i) => {
          const ep = `${p}/elements/${i}`;
          if (isRecord(el) && el.type === 'image') checkImage(c, el, ep);
          else c.text(ep, el, { limit: L.contextText });
        });
      }
      break;
    case 'input':
      c.text(`${p}/label`, block.label, { limit: L.inputLabel, plainOnly: true });
      c.text(`${p}/hint`, block.hint, { limit: L.inputHint, plainOnly: true, required: false });
      if (block.element === undefined) c.fail(`${p}/element`, 'missing required field');
      else checkElement(c, block.element, `${p}/element`, INPUT_ELEMENTS);
      if (block.optional !== undefined && typeof block.optional !== 'boolean') {
        c.fail(`${p}/optional`, 'must be a boolean');
      }
      break;
    case 'markdown':
      c.string(`${p}/text`, block.text, L.markdownText, true);
      break;
    case 'rich_text':
      if (!Array.isArray(block.elements)) c.fail(`${p}/elements`, 'missing required field');
      break;
    case 'video':
      for (const field of ['video_url', 'thumbnail_url', 'alt_text']) {
        if (typeof block[field] !== 'string') c.fail(`${p}/${field}`, 'missing required field');
      }
      c.text(`${p}/title`, block.title, { limit: L.videoTitle, plainOnly: true });
      break;
    case 'file':
      if (typeof block.external_id !== 'string') c.fail(`${p}/external_id`, 'missing required field');
      break;
  }
}

function checkImage(c: Checker, image: Record<string, unknown>, p: string): void {
  if (image.image_url === undefined && image.slack_file === undefined) {
    c.fail(p, 'must provide either image_url or slack_file');
  }
  c.string(`${p}/image_url`, image.image_url, BLOCK_KIT_LIMITS.imageUrl);
  c.string(`${p}/alt_text`, image.alt_text, BLOCK_KIT_LIMITS.imageAltText, true);
}

function checkElement(c: Checker, el: unknown, p: string, allowed: ReadonlySet<string>): void {
  if (!c.typed(p, el, 'an element object', allowed, (type) => `element type '${type}' is not allowed here`)) {
    return;
  }
  if (el.type === 'image') {
    checkImage(c, el, p);
    return;
  }
  const L = BLOCK_KIT_LIMITS;
  c.actionId(`${p}/action_id`, el.action_id);
  c.text(`${p}/placeholder`, el.placeholder, { limit: L.placeholder, plainOnly: true, required: false });
  if (el.confirm !== undefined) checkConfirm(c, el.confirm, `${p}/confirm`);

  switch (el.type) {
    case 'button':
      c.text(`${p}/text`, el.text, { limit: L.buttonText, plainOnly: true });
      c.string(`${p}/value`, el.value, L.buttonValue);
      c.string(`${p}/url`, el.url, L.buttonUrl);
      if (el.style !== undefined && el.style !== 'primary' && el.style !== 'danger') {
        c.fail(`${p}/style`, 'must be one of [primary, danger]');
      }
      break;
    case 'workflow_button':
      c.text(`${p}/text`, el.text, { limit: L.buttonText, plainOnly: true });
      if (!isRecord(el.workflow)) c.fail(`${p}/workflow`, 'missing required field');
      break;
    case 'static_select':
    case 'multi_static_select':
      checkStaticOptions(c, el, p);
      break;
    case 'external_select':
    case 'multi_external_select':
      if (el.initial_option !== undefined) checkOption(c, el.initial_option, `${p}/initial_option`, true);
      if (Array.isArray(el.initial_options)) {
        el.initial_options.forEach((o, i) => {
          checkOption(c, o, `${p}/initial_options/${i}`, true);
        });
      }
      break;
    case 'overflow':
      checkOptionList(c, el, p, L.overflowOptions, true);
      break;
    case 'checkboxes':
      checkOptionList(c, el, p, L.checkboxOptions, false);
      break;
    case 'radio_buttons':
      checkOptionList(c, el, p, L.radioOptions, false);
      break;
    case 'datepicker':
      if (
        el.initial_date !== undefined &&
        !(typeof el.initial_date === 'string' && isIsoDate(el.initial_date))
      ) {
        c.fail(`${p}/initial_date`, 'must be a date in the format YYYY-MM-DD');
      }
      break;
    case 'timepicker':
      if (
        el.initial_time !== undefined &&
        !(typeof el.initial_time === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(el.initial_time))
      ) {
        c.fail(`${p}/initial_time`, 'must be a time in the format HH:mm');
      }
      break;
    case 'datetimepicker':
      if (el.initial_date_time !== undefined && !Number.isInteger(el.initial_date_time)) {
        c.fail(`${p}/initial_date_time`, 'must be a UNIX timestamp in seconds');
      }
      break;
    case 'plain_text_input':
      checkPlainTextInput(c, el, p);
      break;
    case 'number_input':
      if (typeof el.is_decimal_allowed !== 'boolean')
        c.fail(`${p}/is_decimal_allowed`, 'missing required field');
      break;
    case 'file_input':
      checkFileInput(c, el, p);
      break;
  }
}

function checkFileInput(c: Checker, el: Record<string, unknown>, p: string): void {
  const { max, min = 1 } = BLOCK_KIT_LIMITS.fileInputMaxFiles;
  const maxFiles = el.max_files;
  if (
    maxFiles !== undefined &&
    (typeof maxFiles !== 'number' || !Number.isInteger(maxFiles) || maxFiles < min || maxFiles > max)
  ) {
    c.fail(`${p}/max_files`, `must be an integer between ${min} and ${max}`);
  }
  if (el.filetypes === undefined) return;
  if (!Array.isArray(el.filetypes)) {
    c.fail(`${p}/filetypes`, 'must be an array');
    return;
  }
  el.filetypes.forEach((type, i) => {
    // Slack takes extensions without the dot ('csv'), as its file chooser matches them against names.
    if (typeof type !== 'string' || !/^[a-z0-9]+$/i.test(type)) {
      c.fail(`${p}/filetypes/${i}`, 'must be a file extension such as csv');
    }
  });
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function checkPlainTextInput(c: Checker, el: Record<string, unknown>, p: string): void {
  const max = BLOCK_KIT_LIMITS.plainTextInputLength.max;
  for (const field of ['min_length', 'max_length'] as const) {
    const value = el[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
      c.fail(`${p}/${field}`, `must be an integer between 0 and ${max}`);
    }
  }
  if (
    typeof el.min_length === 'number' &&
    typeof el.max_length === 'number' &&
    el.min_length > el.max_length
  ) {
    c.fail(`${p}/min_length`, 'must not be greater than max_length');
  }
  if (el.initial_value !== undefined && typeof el.initial_value !== 'string') {
    c.fail(`${p}/initial_value`, 'must be a string');
  }
}

function checkConfirm(c: Checker, confirm: unknown, p: string): void {
  const L = BLOCK_KIT_LIMITS;
  if (!isRecord(confirm)) {
    c.fail(p, 'must be a confirmation dialog object');
    return;
  }
  c.text(`${p}/title`, confirm.title, { limit: L.confirmTitle, plainOnly: true });
  c.text(`${p}/text`, confirm.text, { limit: L.confirmText });
  c.text(`${p}/confirm`, confirm.confirm, { limit: L.confirmButton, plainOnly: true });
  c.text(`${p}/deny`, confirm.deny, { limit: L.confirmButton, plainOnly: true });
}

/** Checks one option object; select menus need plain_text, checkboxes and radio buttons accept mrkdwn. */
function checkOption(c: Checker, option: unknown, p: string, plainOnly: boolean, allowUrl = false): void {
  const L = BLOCK_KIT_LIMITS;
  if (!isRecord(option)) {
    c.fail(p, 'must be an option object');
    return;
  }
  c.text(`${p}/text`, option.text, { limit: L.optionText, plainOnly });
  c.string(`${p}/value`, option.value, L.optionValue, true);
  c.text(`${p}/description`, option.description, { limit: L.optionDescription, plainOnly, required: false });
  if (option.url !== undefined && !allowUrl)
    c.fail(`${p}/url`, 'url is only allowed on overflow menu options');
  if (allowUrl) c.string(`${p}/url`, option.url, L.buttonUrl);
}

function sameOption(a: unknown, b: unknown): boolean {
  if (!isRecord(a) || !isRecord(b) || !isRecord(a.text) || !isRecord(b.text)) return false;
  return a.value === b.value && a.text.text === b.text.text;
}

/** Slack requires initial_option(s) to be exactly one of the element's options. */
function checkInitialOptions(c: Checker, el: Record<string, unknown>, p: string, options: unknown[]): void {
  if (el.initial_option !== undefined && !options.some((o) => sameOption(o, el.initial_option))) {
    c.fail(`${p}/initial_option`, 'must exactly match one of the options');
  }
  if (el.initial_options === undefined) return;
  if (!Array.isArray(el.initial_options)) {
    c.fail(`${p}/initial_options`, 'must be an array');
    return;
  }
  el.initial_options.forEach((initial, i) => {
    if (!options.some((o) => sameOption(o, initial))) {
      c.fail(`${p}/initial_options/${i}`, 'must exactly match one of the options');
    }
  });
}

function checkStaticOptions(c: Checker, el: Record<string, unknown>, p: string): void {
  const L = BLOCK_KIT_LIMITS;
  const hasOptions = el.options !== undefined;
  const hasGroups = el.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    c.fail(p, 'must provide exactly one of options or option_groups');
    return;
  }
  const all: unknown[] = [];
  if (hasOptions && c.count(`${p}/options`, el.options, L.selectOptions)) {
    el.options.forEach((o, i) => {
      checkOption(c, o, `${p}/options/${i}`, true);
    });
    all.push(...el.options);
  }
  if (hasGroups && c.count(`${p}/option_groups`, el.option_groups, L.selectOptionGroups)) {
    el.option_groups.forEach((group, g) => {
      const gp = `${p}/option_groups/${g}`;
      if (!isRecord(group)) {
        c.fail(gp, 'must be an option group object');
        return;
      }
      c.text(`${gp}/label`, group.label, { limit: L.optionGroupLabel, plainOnly: true });
      if (c.count(`${gp}/options`, group.options, L.optionGroupOptions)) {
        group.options.forEach((o, i) => {
          checkOption(c, o, `${gp}/options/${i}`, true);
        });
        all.push(...group.options);
      }
    });
  }
  checkInitialOptions(c, el, p, all);
}

function checkOptionList(
  c: Checker,
  el: Record<string, unknown>,
  p: string,
  limit: Limit,
  isOverflow: boolean,
): void {
  if (!c.count(`${p}/options`, el.options, limit)) return;
  el.options.forEach((o, i) => {
    checkOption(c, o, `${p}/options/${i}`, isOverflow, isOverflow);
  });
  checkInitialOptions(c, el, p, el.options);
}
