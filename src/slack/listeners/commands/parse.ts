import { FIELD_LIMITS } from '../../../domain/limits';
import { closestWord } from '../../../domain/suggest';
import { cleanLine } from '../../../domain/text-input';
import { helpMessage, unknownCommandMessage } from '../../blocks/help';
import { type Message, textMessage, tooLongMessage } from '../../blocks/messages';
import { SUBCOMMANDS, type Subcommand } from './subcommands';

export type ParsedCommand = { kind: 'sub'; sub: string; arg: string } | { kind: 'unknown'; word: string };

/** `/touchbase <sub> [arg]`: the first word picks the subcommand (any case), the rest is its argument. */
export function parseCommand(text: string): ParsedCommand {
  const trimmed = cleanLine(text);
  const space = trimmed.indexOf(' ');
  const word = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase() || 'help';
  const arg = space === -1 ? '' : trimmed.slice(space + 1);
  return findSubcommand(word) ? { kind: 'sub', sub: word, arg } : { kind: 'unknown', word };
}

export function findSubcommand(name: string): Subcommand | undefined {
  return SUBCOMMANDS.find((s) => s.name === name);
}

/**
 * What Slack gets in the ack itself, needing neither the member nor the database: help, usage for
 * an unknown word, a missing name, an argument longer than any name. Null: ack empty and run.
 */
export function immediateAnswer(text: string): Message | null {
  const parsed = parseCommand(text);
  if (parsed.kind === 'unknown') {
    const closest = closestWord(
      parsed.word,
      SUBCOMMANDS.map((s) => s.name),
    );
    return unknownCommandMessage(parsed.word, closest);
  }
  const { arg } = parsed;
  const sub = findSubcommand(parsed.sub);
  if (!sub || sub.name === 'help') return helpMessage(SUBCOMMANDS);
  if (sub.longArg) {
    if (arg.length > sub.longArg.max) return tooLongMessage(sub.longArg.max, sub.longArg.holds);
  } else if (arg.length > FIELD_LIMITS.commandArg) {
    return tooLongMessage(FIELD_LIMITS.commandArg);
  }
  if (sub.needsName && !arg) return textMessage(`Which contact? For example \`${sub.example}\`.`);
  return null;
}
