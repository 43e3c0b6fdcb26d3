import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';

test('tokens, secrets and what members write never reach a log line', () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'info', pretty: false, destination });
  logger.info(
    {
      token: 'xoxb-secret-token',
      slack: { signingSecret: 'signing-secret-value', botToken: 'xoxb-other' },
      touch: { note: 'she is leaving her job', intent: 'ask' },
      contact: { wantsNeeds: 'a new role', howMet: 'met at the reunion' },
      headers: { authorization: 'Bearer xoxb-header' },
    },
    'saved',
  );
  const out = lines.join('');
  for (const secret of [
    'xoxb-secret-token',
    'signing-secret-value',
    'xoxb-other',
    'she is leaving',
    'a new role',
    'reunion',
    'xoxb-header',
  ]) {
    expect(out).not.toContain(secret);
  }
  expect(out).toContain('"intent":"ask"');
  expect(out).toContain('[redacted]');
});
