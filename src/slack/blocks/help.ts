import { truncate } from '../../domain/limits';
import type { Message } from './messages';
import { esc, mrkdwn } from './text';

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

export function unknownCommandMessage(word: string, subcommands: readonly HelpEntry[]): Message {
  return helpMessage(subcommands, `I don't know \`${esc(truncate(word, 40))}\`. Here is what I can do:`);
}
