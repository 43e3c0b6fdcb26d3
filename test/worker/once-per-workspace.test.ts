import type { webApi } from '@slack/bolt';
import { oncePerWorkspace } from '../../src/worker/slack-calls';

/*
 * A tick reads each workspace's installation once, however many of its digests go out at once; a
 * read that failed (the database, a workspace with no installation) is tried again by the next.
 */

function readsCounted(fail: (teamId: string, n: number) => boolean = () => false) {
  const reads: string[] = [];
  const clientFor = async (teamId: string) => {
    reads.push(teamId);
    if (fail(teamId, reads.filter((t) => t === teamId).length))
      throw new Error(`no installation for ${teamId}`);
    return { teamId } as unknown as webApi.WebClient;
  };
  return { reads, clientFor };
}

test('fifty digests at once in each of two workspaces read each installation once', async () => {
  const { reads, clientFor } = readsCounted();
  const tick = oncePerWorkspace(clientFor);
  const clients = await Promise.all(
    Array.from({ length: 100 }, (_, i) => tick(i % 2 === 0 ? 'T0ALPHA' : 'T0BETA')),
  );
  expect(reads.sort()).toEqual(['T0ALPHA', 'T0BETA']);
  expect(new Set(clients).size).toBe(2);
  expect(
    clients.every((c, i) => (c as unknown as { teamId: string }).teamId === (i % 2 ? 'T0BETA' : 'T0ALPHA')),
  ).toBe(true);
});

test('a failed read is not kept: the next digest of that workspace reads again', async () => {
  const { reads, clientFor } = readsCounted((teamId, n) => teamId === 'T0ALPHA' && n === 1);
  const tick = oncePerWorkspace(clientFor);
  await expect(tick('T0ALPHA')).rejects.toThrow('no installation for T0ALPHA');
  await expect(tick('T0ALPHA')).resolves.toMatchObject({ teamId: 'T0ALPHA' });
  await tick('T0ALPHA');
  expect(reads).toEqual(['T0ALPHA', 'T0ALPHA']);
});

test('each tick reads afresh: a reinstall is seen by the next tick', async () => {
  const { reads, clientFor } = readsCounted();
  await oncePerWorkspace(clientFor)('T0ALPHA');
  await oncePerWorkspace(clientFor)('T0ALPHA');
  expect(reads).toEqual(['T0ALPHA', 'T0ALPHA']);
});
