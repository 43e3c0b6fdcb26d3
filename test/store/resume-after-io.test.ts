import http from 'node:http';
import net from 'node:net';
import { createPool, type Db } from '../../src/store/db';
import { createTestDatabase, silentLogger, type TestDatabase } from '../support/database';

/*
 * A request that reaches the app while a statement's answer is also waiting is handled first: the
 * code that waited on the statement (rendering a page or a Home, milliseconds of work) resumes only
 * after the I/O that arrived with it, so a Slack request's ack never queues behind it.
 */

let database: TestDatabase;
let pool: Db;
let server: http.Server;
let port = 0;
const order: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
  pool = createPool(database.url, { max: 1, logger: silentLogger });
  // One connection, open and idle: the statement below is written as soon as it is asked for.
  await pool.query('SELECT 1');
  server = http.createServer((_req, res) => {
    order.push('request');
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await pool.end();
  await new Promise((resolve) => server.close(resolve));
  await database.drop();
});

/** Holds the event loop, as a busy process does, while sockets fill up. */
function busyFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Nothing: the point is that no callback can run.
  }
}

test('a request that arrived with a statement’s answer is handled before the code waiting on the answer', async () => {
  const client = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => client.once('connect', resolve));
  // Let the server take the connection in before the loop is held.
  await new Promise((resolve) => setTimeout(resolve, 20));
  order.length = 0;

  const answered = pool.query('SELECT 1').then(() => order.push('statement answered'));
  // pg writes the statement from its own queued callbacks, which run before any I/O.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => process.nextTick(resolve));
  // The answer arrives first, the request second, both while the loop is held.
  busyFor(300);
  const replied = new Promise((resolve) => client.once('data', resolve));
  client.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  busyFor(100);

  await Promise.all([answered, replied]);
  client.destroy();
  expect(order).toEqual(['request', 'statement answered']);
});

test('answers that arrive together resume one per turn, so a request arriving meanwhile goes between them', async () => {
  const both = createPool(database.url, { max: 2, logger: silentLogger });
  await Promise.all([both.query('SELECT 1'), both.query('SELECT 1')]);
  const client = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => client.once('connect', resolve));
  await new Promise((resolve) => setTimeout(resolve, 20));
  order.length = 0;

  const replied = new Promise((resolve) => client.once('data', resolve));
  // Whichever caller resumes first (the answers may come in either order) works on while the
  // request comes in, as a page being drawn does.
  const resumed = () => {
    const name = order.includes('first') ? 'second' : 'first';
    order.push(name);
    if (name !== 'first') return;
    client.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    busyFor(100);
  };
  const first = both.query('SELECT 1').then(resumed);
  const second = both.query('SELECT 1').then(resumed);
  for (let i = 0; i < 5; i++) await new Promise((resolve) => process.nextTick(resolve));
  // Both answers arrive while the loop is held.
  busyFor(300);

  await Promise.all([first, second, replied]);
  client.destroy();
  await both.end();
  expect(order).toEqual(['first', 'request', 'second']);
});

test('a failed statement reaches its caller as before, after the arrived I/O too', async () => {
  await expect(pool.query('SELECT no_such_column FROM no_such_table')).rejects.toMatchObject({
    code: '42P01',
  });
  expect((await pool.query<{ n: number }>('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]);
});
