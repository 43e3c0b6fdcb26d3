import type { types } from '@slack/bolt';
import type { LocalDate } from '../../domain/dates';
import { INTRO_KIND_LABELS, INTRO_KINDS, type IntroKind } from '../../domain/intros';
import { FIELD_LIMITS } from '../../domain/limits';
import { MENUS } from '../registry/actions';
import { MODALS } from '../registry/modals';
import { plainText } from './text';
import { contactOption } from './touch-modal';

/** "Log an introduction": who, to whom (a contact, or an organisation or opportunity by name), kind, why, when. */
export function introModal(opts: {
  today: LocalDate;
  from?: { id: number; name: string; company: string | null };
}): types.ModalView {
  const kindOption = (k: IntroKind) => ({ text: plainText(INTRO_KIND_LABELS[k]), value: k });
  return {
    type: 'modal',
    callback_id: MODALS.logIntro.callbackId,
    title: plainText('Log an introduction'),
    submit: plainText('Log it'),
    close: plainText('Cancel'),
    blocks: [
      {
        type: 'input',
        block_id: MENUS.introFrom,
        label: plainText('Who you introduced'),
        element: {
          type: 'external_select',
          action_id: MENUS.introFrom,
          min_query_length: 0,
          placeholder: plainText('Type a name'),
          ...(opts.from ? { initial_option: contactOption(opts.from) } : {}),
        },
      },
      {
        type: 'input',
        block_id: MENUS.introTo,
        optional: true,
        label: plainText('To one of your contacts'),
        element: {
          type: 'external_select',
          action_id: MENUS.introTo,
          min_query_length: 0,
          placeholder: plainText('Type a name'),
        },
      },
      {
        type: 'input',
        block_id: 'intro_to_name',
        optional: true,
        label: plainText('…or to an organisation or opportunity'),
        hint: plainText('Fill in one of the two: a contact, or a name here.'),
        element: {
          type: 'plain_text_input',
          action_id: 'intro_to_name',
          max_length: FIELD_LIMITS.introToName,
        },
      },
      {
        type: 'input',
        block_id: 'intro_kind',
        label: plainText('Kind'),
        element: {
          type: 'static_select',
          action_id: 'intro_kind',
          options: INTRO_KINDS.map(kindOption),
          initial_option: kindOption('peer'),
        },
      },
      {
        type: 'input',
        block_id: 'intro_why',
        optional: true,
        label: plainText('Why'),
        element: {
          type: 'plain_text_input',
          action_id: 'intro_why',
          multiline: true,
          max_length: FIELD_LIMITS.introWhy,
        },
      },
      {
        type: 'input',
        block_id: 'intro_on',
        label: plainText('When'),
        element: { type: 'datepicker', action_id: 'intro_on', initial_date: opts.today },
      },
    ],
  };
}
