import { truncate } from '../../domain/limits';
import { type Message, textMessage } from './messages';
import { escCode, mrkdwn } from './text';

/** What help shows of each subcommand (src/slack/listeners/commands/subcommands.ts declares them). */
export interface HelpEntry {
  usage: string;
  example: string;
  does: string;
}

export function helpMessage(subcommands: readonly HelpEntry[], intro?: string): Message {
  const lines = subcommands.map((s) => `• \`/touchbase ${s.usage}\`: ${s.does}, e.g. \`${s.example}\``);
  const head =
    intro ?? '*touchbase* keeps your professional relationships fresh. Only you can see what you log.';
  return {
    text: `${intro ?? 'touchbase commands'}: ${subcommands.map((s) => s.usage).join(', ')}`,
    blocks: [
      { type: 'section', text: mrkdwn(head) },
      { type: 'section', text: mrkdwn(lines.join('\n')) },
    ],
  };
}

/** One line, not the whole help: the closest subcommand when one is close, and where help is. */
export function unknownCommandMessage(word: string, closest: string | undefined): Message {
  const guess = closest ? ` Did you mean \`/touchbase ${closest}\`?` : '';
  return textMessage(
    `I don't know \`${escCode(truncate(word, 40))}\`.${guess} \`/touchbase help\` lists everything.`,
  );
}
