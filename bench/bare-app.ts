import { App, LogLevel } from '@slack/bolt';
import pg from 'pg';

/**
 * bench:interactive's floor: a bare Bolt app, in a process of its own as the real one is, answering
 * the same signed requests with no work at all. A slash command is acked, then answered on its
 * response_url; a picker gets no options; app_home_opened publishes an empty Home. What it takes is
 * what any Bolt app on this machine takes.
 *
 * A picker's answer is its ack, so no app can answer it with contacts for what the bare app's
 * no options cost. Given DATABASE_URL, this app is also the floor for that: it answers a picker
 * with the member's first 100 active contacts by name, labelled as touchbase labels them: one
 * indexed read of as many options as touchbase sends, through a pool of the same size.
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
const pool = process.env.DATABASE_URL
  ? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 })
  : null;

app.options<'block_suggestion'>({ type: 'block_suggestion' }, async ({ ack, body }) => {
  if (!pool) return ack({ options: [] });
  const { rows } = await pool.query<{ id: string; name: string; company: string | null }>(
    `SELECT id, name, company FROM contacts WHERE team_id = $1 AND user_id = $2 AND archived_at IS NULL
     ORDER BY name_key, id LIMIT 100`,
    [body.team?.id, body.user.id],
  );
  await ack({
    options: rows.map((r) => ({
      text: { type: 'plain_text', text: r.company ? `${r.name} (${r.company})` : r.name },
      value: r.id,
    })),
  });
});
app.event('app_home_opened', async ({ event, client }) => {
  await client.views.publish({
    user_id: event.user,
    view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ok' } }] },
  });
});

void app.start(Number(env('PORT'))).then(() => process.stdout.write('ready\n'));
// Exits rather than dies on the bench's SIGTERM, so that BENCH_PROFILE's CPU profile is written.
process.on('SIGTERM', () => process.exit(0));
