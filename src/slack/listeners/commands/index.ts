import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { listenerContext } from '../context';
import { findSubcommand, parseCommand } from './parse';

/**
 * `/touchbase`: the middleware has acked (help and usage in the ack itself) and put the member on
 * the context; this runs the subcommand.
 */
export function registerCommands(app: App): void {
  app.command('/touchbase', async ({ command, context }: AllMiddlewareArgs & SlackCommandMiddlewareArgs) => {
    const parsed = parseCommand(command.text);
    if (parsed.kind === 'sub') await findSubcommand(parsed.sub)?.run(listenerContext(context), parsed.arg);
  });
}
