export const SUBCOMMAND_NAMES = [
  'help',
  'add',
  'log',
  'list',
  'due',
  'show',
  'edit',
  'archive',
  'restore',
  'settings',
  'share',
  'intro',
  'intros',
  'transition',
  'trip',
  'trips',
] as const;
export type Subcommand = (typeof SUBCOMMAND_NAMES)[number];

export type ParsedCommand = { kind: 'sub'; sub: Subcommand; arg: string } | { kind: 'unknown'; word: string };

/** Longer text than this is not a name or a search anyone typed on purpose. */
export const MAX_ARG_LENGTH = 200;

/** `/touchbase <sub> [arg]`: the first word picks the subcommand (any case), the rest is its argument. */
export function parseCommand(text: string): ParsedCommand {
  const trimmed = text.trim().replace(/\s+/g, ' ');
  if (!trimmed) return { kind: 'sub', sub: 'help', arg: '' };
  const space = trimmed.indexOf(' ');
  const word = (space === -1 ? trimmed : trimmed.slice(0, space)).toLowerCase();
  const arg = space === -1 ? '' : trimmed.slice(space + 1);
  const sub = SUBCOMMAND_NAMES.find((s) => s === word);
  return sub ? { kind: 'sub', sub, arg } : { kind: 'unknown', word };
}
