import type { Installation } from '@slack/bolt';
import { systemClock } from '../../src/clock';
import { installationStore } from '../../src/store/installations';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { OAUTH } from '../support/harness';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const install = (teamId: string, token: string) =>
  ({
    team: { id: teamId, name: teamId },
    enterprise: undefined,
    user: { id: 'U1', token: undefined, scopes: undefined },
    bot: { id: 'B1', userId: 'UBOT', token, scopes: ['commands'] },
    isEnterpriseInstall: false,
    tokenType: 'bot',
  }) as unknown as Installation;

test('workspaces installed through OAuth keep their own tokens, across processes', async () => {
  const store = installationStore(database.pool, systemClock, OAUTH.keys);
  await store.storeInstallation(install('T1', 'xoxb-one'));
  await store.storeInstallation(install('T2', 'xoxb-two'));
  await store.storeInstallation(install('T1', 'xoxb-one-reinstalled'));

  const another = installationStore(database.pool, systemClock, OAUTH.keys);
  expect(
    (await another.fetchInstallation({ teamId: 'T1', isEnterpriseInstall: false, enterpriseId: undefined }))
      .bot?.token,
  ).toBe('xoxb-one-reinstalled');
  expect(
    (await another.fetchInstallation({ teamId: 'T2', isEnterpriseInstall: false, enterpriseId: undefined }))
      .bot?.token,
  ).toBe('xoxb-two');

  await another.deleteInstallation?.({ teamId: 'T2', isEnterpriseInstall: false, enterpriseId: undefined });
  await expect(
    another.fetchInstallation({ teamId: 'T2', isEnterpriseInstall: false, enterpriseId: undefined }),
  ).rejects.toThrow(/no installation/);
});
