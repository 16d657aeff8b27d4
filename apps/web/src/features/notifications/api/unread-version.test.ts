import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../../test/server.ts';
import { configureApiClient } from '../../../lib/api-client.ts';
import { getUnreadCount } from './get-unread-count.ts';
import { markAllRead } from './mark-all-read.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the unread count after a change made through another server process', () => {
  it('is never older than what mark-all-read answered, though that process has not heard of it', async () => {
    const user = await server.createUser();
    await server.notify(user, 3);
    server.signInAs(user);
    // This process now holds the count (3) in memory.
    expect(await getUnreadCount()).toEqual({ unread_count: 3 });

    configureApiClient({ baseUrl: await server.startOtherProcess() });
    expect(await markAllRead()).toMatchObject({ unread_count: 0 });

    configureApiClient({ baseUrl: server.baseUrl });
    expect(await getUnreadCount()).toEqual({ unread_count: 0 });
    // And the next poll, answered 304, keeps it.
    expect(await getUnreadCount()).toEqual({ unread_count: 0 });
  });
});
