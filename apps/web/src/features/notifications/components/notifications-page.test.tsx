import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { logFetches } from '../../../../test/fetch-log.ts';
import { renderApp } from '../../../../test/render.tsx';
import { startTestServer, storedRows, type TestServer, type TestUser } from '../../../../test/server.ts';
import { UNDO_MS } from './use-undo-window.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => vi.useRealTimers());

/** 3 read notifications, then 2 unread ones ("Fresh 1", "Fresh 2"). */
async function userWithMixedNotifications(): Promise<TestUser> {
  const user = await server.createUser();
  await server.notify(user, 3, { title: 'Seen', read: true });
  await server.notify(user, 2, { title: 'Fresh', type: 'announcement' });
  server.signInAs(user);
  return user;
}

async function rows() {
  const list = await screen.findByRole('region', { name: 'Your notifications' });
  await within(list).findAllByRole('listitem');
  return within(list).queryAllByRole('listitem');
}

async function storedTitles(userId: number) {
  return (await storedRows(server.database.db, userId)).map(({ title, is_read }) => ({ title, is_read }));
}

describe('the notifications page', () => {
  it('lists every notification newest first, and only the unread ones under "Unread"', async () => {
    await userWithMixedNotifications();
    const { user: pointer } = renderApp('/notifications');
    expect(await screen.findByRole('heading', { level: 1, name: 'Notifications' })).toBeInTheDocument();
    const all = await rows();
    expect(all.map((row) => row.textContent?.match(/(Seen|Fresh) \d/)?.[0])).toEqual([
      'Fresh 2',
      'Fresh 1',
      'Seen 3',
      'Seen 2',
      'Seen 1',
    ]);
    expect(all.map((row) => row.dataset.unread)).toEqual(['true', 'true', 'false', 'false', 'false']);

    await pointer.click(screen.getByRole('button', { name: 'Unread' }));
    await waitFor(async () => expect(await rows()).toHaveLength(2));
    expect(screen.getByRole('button', { name: 'Unread' })).toHaveAttribute('aria-pressed', 'true');

    await pointer.click(screen.getByRole('button', { name: 'All' }));
    await pointer.selectOptions(screen.getByLabelText('Type'), 'System Notification');
    await waitFor(async () => expect(await rows()).toHaveLength(3));
  });

  it('"Mark unread" marks it unread on the server and raises the badge at once', async () => {
    const user = await userWithMixedNotifications();
    const { user: pointer } = renderApp('/notifications');
    await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    const seen = (await rows()).find((row) => within(row).queryByText('Seen 3'));
    if (!seen) throw new Error('"Seen 3" is not listed');

    await pointer.click(within(seen).getByRole('button', { name: 'Mark unread' }));

    expect(await screen.findByRole('button', { name: 'Notifications, 3 unread' })).toBeInTheDocument();
    await waitFor(() => expect(seen.dataset.unread).toBe('true'));
    expect(within(seen).getByRole('button', { name: 'Mark read' })).toBeInTheDocument();
    expect((await storedTitles(user.id)).find((row) => row.title === 'Seen 3')?.is_read).toBe(false);
  });

  it('"Mark read" shows at once and is put back with the error when the server refuses', async () => {
    await userWithMixedNotifications();
    const fetches = logFetches((request) =>
      request.method === 'POST' && request.path.endsWith('/mark-read/')
        ? { status: 500, message: 'The server is having a bad day.' }
        : null,
    );
    try {
      const { user: pointer } = renderApp('/notifications');
      await screen.findByRole('button', { name: 'Notifications, 2 unread' });
      const fresh = (await rows()).find((row) => within(row).queryByText('Fresh 2'));
      if (!fresh) throw new Error('"Fresh 2" is not listed');
      await pointer.click(within(fresh).getByRole('button', { name: 'Mark read' }));
      // Refused: back to unread, with the server's message.
      expect(await screen.findByText('The server is having a bad day.')).toBeInTheDocument();
      await waitFor(() => expect(fresh.dataset.unread).toBe('true'));
      expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
    } finally {
      fetches.restore();
    }
  });

  it('a row opens its notification like the bell: marked read, bold title gone', async () => {
    const user = await userWithMixedNotifications();
    const { user: pointer, router } = renderApp('/notifications');
    await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    const title = await screen.findByRole('button', { name: /^Fresh 2/ });
    expect(title.closest('p')).toHaveClass('font-semibold');
    await pointer.click(title);
    // No webinar: it stays on the list, now read.
    expect(router.state.location.pathname).toBe('/notifications');
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    await waitFor(async () =>
      expect((await storedTitles(user.id)).find((row) => row.title === 'Fresh 2')?.is_read).toBe(true),
    );
    expect(screen.getByRole('button', { name: /^Fresh 2/ }).closest('p')).toHaveClass('font-medium');
  });

  it('"Delete" hides it with an undo toast; "Undo" keeps it, otherwise it is deleted when the toast runs out', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] });
    const user = await userWithMixedNotifications();
    const { user: pointer } = renderApp('/notifications');
    const target = () => screen.queryByText('Fresh 2');
    await screen.findByText('Fresh 2');

    const deleteButton = () => {
      const row = target()?.closest('li');
      if (!row) throw new Error('"Fresh 2" is not listed');
      return within(row).getByRole('button', { name: 'Delete' });
    };
    await pointer.click(deleteButton());
    expect(target()).not.toBeInTheDocument();
    expect(screen.getByText('Notification deleted')).toBeInTheDocument();
    await pointer.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Fresh 2')).toBeInTheDocument();
    expect(screen.queryByText('Notification deleted')).not.toBeInTheDocument();
    vi.advanceTimersByTime(UNDO_MS + 100);
    expect((await storedTitles(user.id)).map((row) => row.title)).toContain('Fresh 2');

    await pointer.click(deleteButton());
    expect(target()).not.toBeInTheDocument();
    // Nothing is sent while the toast lasts.
    expect((await storedTitles(user.id)).map((row) => row.title)).toContain('Fresh 2');
    vi.advanceTimersByTime(UNDO_MS + 100);
    await waitFor(async () =>
      expect((await storedTitles(user.id)).map((row) => row.title)).not.toContain('Fresh 2'),
    );
    expect(screen.queryByText('Notification deleted')).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
  });

  it('"Archive" moves it to Archived (read, badge lowered), and "Restore" brings it back', async () => {
    const user = await userWithMixedNotifications();
    const { user: pointer } = renderApp('/notifications');
    await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    const fresh = (await rows()).find((row) => within(row).queryByText('Fresh 2'));
    if (!fresh) throw new Error('"Fresh 2" is not listed');

    await pointer.click(within(fresh).getByRole('button', { name: 'Archive' }));
    expect(await screen.findByText('Archived. It is kept under Archived.')).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    await waitFor(async () =>
      expect((await rows()).map((row) => row.textContent)).not.toContainEqual(
        expect.stringContaining('Fresh 2'),
      ),
    );
    const stored = await server.database.db
      .selectFrom('notifications')
      .select(['title', 'is_read', 'archived_at'])
      .where('user_id', '=', user.id)
      .where('title', '=', 'Fresh 2')
      .executeTakeFirstOrThrow();
    expect(stored.is_read).toBe(true);
    expect(stored.archived_at).not.toBeNull();

    await pointer.click(screen.getByRole('button', { name: 'Archived' }));
    expect(screen.getByRole('button', { name: 'Archived' })).toHaveAttribute('aria-pressed', 'true');
    await waitFor(async () => expect(await rows()).toHaveLength(1));
    const [archived] = await rows();
    expect(archived).toHaveTextContent('Fresh 2');
    expect(within(archived!).queryByRole('button', { name: /Mark (un)?read/ })).toBeNull();

    await pointer.click(within(archived!).getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Restored to your inbox.')).toBeInTheDocument();
    expect(await screen.findByText('Nothing archived')).toBeInTheDocument();
    await pointer.click(screen.getByRole('button', { name: 'All' }));
    await waitFor(async () => expect(await rows()).toHaveLength(5));
  });

  it('loads older notifications page by page with "Load more"', async () => {
    const user = await server.createUser();
    await server.notify(user, 25, { title: 'Item' });
    server.signInAs(user);
    const { user: pointer } = renderApp('/notifications');
    await waitFor(async () => expect(await rows()).toHaveLength(20));
    await pointer.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(async () => expect(await rows()).toHaveLength(25));
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('links the notification settings where the preferences used to be', async () => {
    server.signInAs(await server.createUser());
    renderApp('/notifications');
    const preferences = await screen.findByRole('region', { name: 'Preferences' });
    expect(within(preferences).getByRole('link', { name: 'Notification settings' })).toHaveAttribute(
      'href',
      '/settings/notifications',
    );
  });

  it('says so when there is nothing to show', async () => {
    server.signInAs(await server.createUser());
    renderApp('/notifications');
    expect(await screen.findByText('No notifications yet')).toBeInTheDocument();
  });
});
