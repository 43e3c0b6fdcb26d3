import { App, LogLevel } from '@slack/bolt';

/**
 * bench:interactive's floor: a bare Bolt app, in a process of its own as the real one is, answering
 * the same signed requests with no work at all. A slash command is acked, then answered on its
 * response_url; a picker gets no options; app_home_opened publishes an empty Home. What it takes is
 * what any Bolt app on this machine takes.
 */
const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const app = new App({
  signingSecret: env('SLACK_SIGNING_SECRET'),
  token: env('SLACK_BOT_TOKEN'),
  botId: 'B0EMULBOT',
  botUserId: 'U0EMULBOT',
  clientOptions: { slackApiUrl: env('SLACK_API_URL') },
  logLevel: LogLevel.ERROR,
});

app.command('/touchbase', async ({ ack, respond }) => {
  await ack();
  await respond({ text: 'ok' });
});
app.options({ type: 'block_suggestion' }, async ({ ack }) => {
  await ack({ options: [] });
});
app.event('app_home_opened', async ({ event, client }) => {
  await client.views.publish({
    user_id: event.user,
    view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ok' } }] },
  });
});

void app.start(Number(env('PORT'))).then(() => process.stdout.write('ready\n'));
