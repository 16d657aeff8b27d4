import { screen, waitFor, within } from '@testing-library/react';
import { UNREAD_POLL_INTERVAL_MS } from '@webinar/contracts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { logFetches } from '../../../../test/fetch-log.ts';
import { renderApp } from '../../../../test/render.tsx';
import {
  startTestServer,
  storedRows,
  storedUnreadCount,
  type TestServer,
  type TestUser,
} from '../../../../test/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

function unreadInDatabase(userId: number): Promise<number> {
  return storedUnreadCount(server.database.db, userId);
}

async function signedInWith(unread: number) {
  const user = await server.createUser();
  if (unread > 0) await server.notify(user, unread);
  server.signInAs(user);
  return user;
}

const bell = () => screen.findByRole('button', { name: /^Notifications, / });

describe('the notification bell', () => {
  it('shows no badge when nothing is unread', async () => {
    await signedInWith(0);
    renderApp('/notifications');
    expect(await screen.findByRole('button', { name: 'Notifications, no unread' })).toBeInTheDocument();
    expect(screen.queryByTestId('unread-badge')).not.toBeInTheDocument();
  });

  it('shows the unread count on a red badge', async () => {
    await signedInWith(3);
    renderApp('/notifications');
    expect(await screen.findByRole('button', { name: 'Notifications, 3 unread' })).toBeInTheDocument();
    expect(screen.getByTestId('unread-badge')).toHaveTextContent(/^3$/);
    expect(screen.getByTestId('unread-badge')).toHaveClass('bg-red-600');
  });

  it('shows "9+" above nine unread', async () => {
    await signedInWith(10);
    renderApp('/notifications');
    expect(await screen.findByRole('button', { name: 'Notifications, 10 unread' })).toBeInTheDocument();
    expect(screen.getByTestId('unread-badge')).toHaveTextContent(/^9\+$/);
  });

  it('opens a panel with the header, "Mark all read" and the latest 5, unread ones in pink', async () => {
    const user = await server.createUser();
    await server.notify(user, 4, { title: 'Old', read: true });
    // System messages: each is shown by itself, never folded with the others.
    await server.notify(user, 3, { title: 'New' });
    server.signInAs(user);
    const { user: pointer } = renderApp('/notifications');

    const button = await screen.findByRole('button', { name: 'Notifications, 3 unread' });
    expect(button).toHaveAttribute('aria-haspopup', 'dialog');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await pointer.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');

    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    expect(within(panel).getByRole('heading', { name: 'Notifications' })).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: 'Mark all read' })).toBeEnabled();
    const items = await within(panel).findAllByRole('button', { name: /the details/ });
    expect(items).toHaveLength(5);
    // Newest first: the 3 unread ones, then the 2 newest read ones.
    expect(items.map((item) => item.getAttribute('data-unread'))).toEqual([
      'true',
      'true',
      'true',
      'false',
      'false',
    ]);
    // The pink is the whole item's, its actions' row included.
    expect(items[0]?.closest('li')).toHaveClass('bg-pink-50');
    expect(items[3]?.closest('li')).not.toHaveClass('bg-pink-50');
    expect(items[0]).toHaveTextContent('New 3');
    expect(items[0]).toHaveTextContent('System Notification');
    expect(items[0]).toHaveTextContent('just now');
    expect(within(panel).getByRole('link', { name: 'View all' })).toHaveAttribute('href', '/notifications');
  });

  it('folds three new recordings into one line; it opens to list them, and "Mark read" reads them all', async () => {
    const user = await server.createUser();
    await server.notify(user, 1, { title: 'Before' });
    await server.notify(user, 3, { title: 'Recording', type: 'new_recording' });
    server.signInAs(user);
    const { user: pointer } = renderApp('/notifications');
    await pointer.click(await screen.findByRole('button', { name: 'Notifications, 4 unread' }));
    const panel = screen.getByRole('dialog', { name: 'Notifications' });

    const group = await within(panel).findByRole('button', { name: /^3 new recordings/ });
    expect(group).toHaveAttribute('aria-expanded', 'false');
    expect(group).toHaveTextContent('3 unread');
    expect(within(panel).queryByRole('button', { name: /Recording 1: the details/ })).toBeNull();
    await pointer.click(group);
    expect(group).toHaveAttribute('aria-expanded', 'true');
    const folded = within(panel).getByRole('list', { name: '3 new recordings' });
    expect(within(folded).getAllByRole('button', { name: /Recording \d: the details/ })).toHaveLength(3);

    await pointer.click(within(panel).getByRole('button', { name: 'Mark read: 3 new recordings' }));
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    await waitFor(async () =>
      expect((await storedRows(server.database.db, user.id)).filter((row) => !row.is_read)).toHaveLength(1),
    );
  });

  it('says so when there are no notifications yet', async () => {
    await signedInWith(0);
    const { user: pointer } = renderApp('/notifications');
    await pointer.click(await bell());
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    expect(await within(panel).findByText('No notifications yet')).toBeInTheDocument();
  });

  it('"Mark all read" marks every notification read on the server and hides the badge', async () => {
    const user = await signedInWith(4);
    const { user: pointer } = renderApp('/notifications');
    await pointer.click(await screen.findByRole('button', { name: 'Notifications, 4 unread' }));
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    await within(panel).findAllByRole('button', { name: /the details/ });
    await pointer.click(within(panel).getByRole('button', { name: 'Mark all read' }));

    await waitFor(() => expect(screen.queryByTestId('unread-badge')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Notifications, no unread' })).toBeInTheDocument();
    await waitFor(() =>
      expect(
        within(panel)
          .queryAllByRole('button', { name: /the details/ })
          .map((item) => item.dataset.unread),
      ).toEqual(['false', 'false', 'false', 'false']),
    );
    expect(await unreadInDatabase(user.id)).toBe(0);
  });

  it('a click on a notification marks it read and opens its webinar', async () => {
    const user = await server.createUser();
    const host = await server.createUser('host');
    const webinar = await server.database.db
      .insertInto('webinars')
      .values({ title: 'Live coding', host_id: host.id, starts_at: new Date(), description: '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await server.notify(user, 1, { title: 'Other news' });
    await server.notify(user, 1, {
      title: 'Live coding is live',
      type: 'live_started',
      webinarId: webinar.id,
    });
    server.signInAs(user);
    const { user: pointer, router } = renderApp('/notifications');

    await pointer.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    await pointer.click(await within(panel).findByRole('button', { name: /Live coding is live/ }));

    expect(router.state.location.pathname).toBe(`/webinars/${webinar.id}`);
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    expect(screen.getByTestId('unread-badge')).toHaveTextContent(/^1$/);
    await waitFor(async () => expect(await unreadInDatabase(user.id)).toBe(1));
    const rows = (await storedRows(server.database.db, user.id)).map(({ title, is_read }) => ({
      title,
      is_read,
    }));
    expect(rows).toEqual([
      { title: 'Other news', is_read: false },
      { title: 'Live coding is live', is_read: true },
    ]);
  });

  it('is usable from the keyboard: arrows move between items, Escape closes and returns focus', async () => {
    await signedInWith(3);
    const { user: pointer } = renderApp('/notifications');
    const button = await screen.findByRole('button', { name: 'Notifications, 3 unread' });
    button.focus();
    await pointer.keyboard('{Enter}');
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    const items = await within(panel).findAllByRole('button', { name: /the details/ });

    await pointer.tab();
    expect(within(panel).getByRole('button', { name: 'Mark all read' })).toHaveFocus();
    await pointer.tab();
    expect(items[0]).toHaveFocus();
    await pointer.keyboard('{ArrowDown}');
    expect(items[1]).toHaveFocus();
    await pointer.keyboard('{ArrowUp}{ArrowUp}');
    expect(items[2]).toHaveFocus();

    await pointer.keyboard('{Escape}');
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).not.toBeInTheDocument();
    expect(button).toHaveFocus();
    expect(button).toHaveAttribute('aria-expanded', 'false');
  });

  it('closes when the user clicks outside it', async () => {
    await signedInWith(1);
    const { user: pointer } = renderApp('/notifications');
    await pointer.click(await bell());
    expect(screen.getByRole('dialog', { name: 'Notifications' })).toBeInTheDocument();
    await pointer.click(await screen.findByRole('heading', { level: 1, name: 'Notifications' }));
    expect(screen.queryByRole('dialog', { name: 'Notifications' })).not.toBeInTheDocument();
  });
});

/** The titles the API lists under Archived for the user, newest first. */
async function archivedTitles(user: TestUser): Promise<string[]> {
  const response = await fetch(`${server.baseUrl}/api/communications/notifications/?archived=true`, {
    headers: { authorization: `Bearer ${user.token}` },
  });
  const page = (await response.json()) as { results: { title: string }[] };
  return page.results.map((notification) => notification.title);
}

async function openPanel(unread: number) {
  const rendered = renderApp('/notifications');
  await rendered.user.click(await screen.findByRole('button', { name: `Notifications, ${unread} unread` }));
  return { ...rendered, panel: screen.getByRole('dialog', { name: 'Notifications' }) };
}

/** The line of the panel that holds this item's button. */
async function lineOf(panel: HTMLElement, name: RegExp): Promise<HTMLElement> {
  const line = (await within(panel).findByRole('button', { name })).closest('li');
  if (!line) throw new Error(`no line holds ${name}`);
  return line;
}

describe('archiving from the bell', () => {
  it('archives one notification: it leaves the bell and the count at once, is archived on the server, and Undo brings it back unread', async () => {
    const user = await server.createUser();
    await server.notify(user, 1, { title: 'Stays' });
    await server.notify(user, 1, { title: 'Goes' });
    server.signInAs(user);
    const { user: pointer, panel } = await openPanel(2);

    await pointer.click(within(await lineOf(panel, /^Goes/)).getByRole('button', { name: 'Archive' }));
    await waitFor(() => expect(within(panel).queryByRole('button', { name: /^Goes/ })).toBeNull());
    expect(within(panel).getByRole('button', { name: /^Stays/ })).toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    expect(screen.getByText('Notification archived')).toBeInTheDocument();
    await waitFor(async () => expect(await archivedTitles(user)).toEqual(['Goes']));
    expect(await unreadInDatabase(user.id)).toBe(1);

    await pointer.click(screen.getByRole('button', { name: 'Undo' }));
    // The panel stays open, and the notification comes back into it as it was: unread.
    expect(await within(panel).findByRole('button', { name: /^Goes/ })).toHaveAttribute(
      'data-unread',
      'true',
    );
    expect(screen.queryByText('Notification archived')).not.toBeInTheDocument();
    expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
    await waitFor(async () => expect(await archivedTitles(user)).toEqual([]));
    expect(await unreadInDatabase(user.id)).toBe(2);
  });

  it('archives a folded group as a whole, and Undo restores all of it', async () => {
    const user = await server.createUser();
    await server.notify(user, 1, { title: 'Before' });
    await server.notify(user, 3, { title: 'Recording', type: 'new_recording' });
    server.signInAs(user);
    const { user: pointer, panel } = await openPanel(4);

    await within(panel).findByRole('button', { name: /^3 new recordings/ });
    await pointer.click(within(panel).getByRole('button', { name: 'Archive: 3 new recordings' }));
    await waitFor(() =>
      expect(within(panel).queryByRole('button', { name: /^3 new recordings/ })).toBeNull(),
    );
    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    expect(screen.getByText('3 notifications archived')).toBeInTheDocument();
    await waitFor(async () =>
      expect(await archivedTitles(user)).toEqual(['Recording 3', 'Recording 2', 'Recording 1']),
    );

    await pointer.click(screen.getByRole('button', { name: 'Undo' }));
    const group = await within(panel).findByRole('button', { name: /^3 new recordings/ });
    expect(group).toHaveTextContent('3 unread');
    expect(await screen.findByRole('button', { name: 'Notifications, 4 unread' })).toBeInTheDocument();
    await waitFor(async () => expect(await archivedTitles(user)).toEqual([]));
    expect(await unreadInDatabase(user.id)).toBe(4);
  });

  it('from the keyboard: Tab reaches Archive, Enter archives, and the focus goes on to the next item', async () => {
    const user = await server.createUser();
    await server.notify(user, 3, { title: 'Notice' });
    server.signInAs(user);
    const { user: pointer } = renderApp('/notifications');
    const button = await screen.findByRole('button', { name: 'Notifications, 3 unread' });
    button.focus();
    await pointer.keyboard('{Enter}');
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    await within(panel).findAllByRole('button', { name: /the details/ });

    await pointer.keyboard('{ArrowDown}');
    expect(within(panel).getByRole('button', { name: /^Notice 3/ })).toHaveFocus();
    await pointer.tab();
    expect(within(await lineOf(panel, /^Notice 3/)).getByRole('button', { name: 'Archive' })).toHaveFocus();
    await pointer.keyboard('{Enter}');

    await waitFor(() => expect(within(panel).queryByRole('button', { name: /^Notice 3/ })).toBeNull());
    expect(within(panel).getByRole('button', { name: /^Notice 2/ })).toHaveFocus();
    await pointer.keyboard('{ArrowDown}');
    expect(within(panel).getByRole('button', { name: /^Notice 1/ })).toHaveFocus();
    await waitFor(async () => expect(await archivedTitles(user)).toEqual(['Notice 3']));
  });

  it("puts the notification back with the server's message when the server refuses", async () => {
    const user = await server.createUser();
    await server.notify(user, 2, { title: 'Kept' });
    server.signInAs(user);
    const fetches = logFetches((request) =>
      request.method === 'POST' && request.path.endsWith('/archive/')
        ? { status: 500, message: 'The server is having a bad day.' }
        : null,
    );
    try {
      const { user: pointer, panel } = await openPanel(2);
      await pointer.click(within(await lineOf(panel, /^Kept 2/)).getByRole('button', { name: 'Archive' }));
      expect(await screen.findByText('The server is having a bad day.')).toBeInTheDocument();
      expect(await within(panel).findByRole('button', { name: /^Kept 2/ })).toHaveAttribute(
        'data-unread',
        'true',
      );
      expect(screen.queryByText('Notification archived')).not.toBeInTheDocument();
      expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
      expect(fetches.requests.filter((request) => request.path.endsWith('/archive/'))).toHaveLength(1);
    } finally {
      fetches.restore();
    }
    expect(await archivedTitles(user)).toEqual([]);
  });
});

describe('the bell without the live stream', () => {
  it('polls the unread count every 30 seconds', async () => {
    vi.useFakeTimers({
      shouldAdvanceTime: true,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    });
    try {
      const user = await signedInWith(1);
      renderApp('/notifications');
      expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
      await server.notify(user, 1, { title: 'Arrived meanwhile' });
      await vi.advanceTimersByTimeAsync(UNREAD_POLL_INTERVAL_MS);
      expect(await screen.findByRole('button', { name: 'Notifications, 2 unread' })).toBeInTheDocument();
    } finally {
      vi.useRealTimers();
    }
  });
});
