import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApp } from '../../../../test/render.tsx';
import { startTestServer, type TestServer } from '../../../../test/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const table = () => screen.findByRole('table');
const bodyRows = async () =>
  within(await table())
    .getAllByRole('row')
    .slice(1);

describe('the notifications admin panel', () => {
  it('is for admins only', async () => {
    server.signInAs(await server.createUser('host'));
    renderApp('/dashboard/notifications');
    expect(await screen.findByText('You are not allowed to see this page.')).toBeInTheDocument();
  });

  it("searches, edits and deletes any user's notifications", async () => {
    const admin = await server.createUser('admin');
    const student = await server.createUser('student');
    await server.notify(student, 1, { title: 'Needle in a haystack' });
    await server.notify(student, 3, { title: 'Hay' });
    server.signInAs(admin);
    const { user: pointer } = renderApp('/dashboard/notifications');
    expect(await screen.findByRole('heading', { level: 1, name: 'Notifications admin' })).toBeInTheDocument();
    // Picked by username, as the admin types.
    await pointer.type(screen.getByLabelText('User'), student.username);
    // The pause after typing, the suggestions, then the filtered page: more than the default second
    // on a busy machine.
    expect(await screen.findByText(/^4 notifications/, {}, { timeout: 5000 })).toBeInTheDocument();
    const headers = within(await table())
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers.slice(0, 5)).toEqual(['User', 'Type', 'Title', 'Read', 'Created']);

    await pointer.type(screen.getByLabelText('Search'), 'needle');
    await waitFor(async () => expect(await bodyRows()).toHaveLength(1));
    expect(screen.getByText(/^1 notification/)).toBeInTheDocument();

    await pointer.click(within((await bodyRows())[0]!).getByRole('button', { name: 'Edit' }));
    const editor = screen.getByRole('dialog', { name: 'Edit notification' });
    await pointer.clear(within(editor).getByLabelText('Title'));
    await pointer.type(within(editor).getByLabelText('Title'), 'Needle, edited');
    await pointer.click(within(editor).getByRole('checkbox', { name: 'Read' }));
    await pointer.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await within(await table()).findByText('Needle, edited')).toBeInTheDocument();
    const edited = await server.database.db
      .selectFrom('notifications')
      .select(['title', 'is_read'])
      .where('user_id', '=', student.id)
      .where('title', 'like', 'Needle%')
      .executeTakeFirstOrThrow();
    expect(edited).toEqual({ title: 'Needle, edited', is_read: true });

    await pointer.click(within((await bodyRows())[0]!).getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete notification?' });
    await pointer.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No notifications match these filters.')).toBeInTheDocument();
    const left = await server.database.db
      .selectFrom('notifications')
      .select('title')
      .where('user_id', '=', student.id)
      .orderBy('id')
      .execute();
    expect(left.map((row) => row.title)).toEqual(['Hay 1', 'Hay 2', 'Hay 3']);
  });

  it('sends a notification to one user, a role or everyone, and says to how many', async () => {
    const admin = await server.createUser('admin');
    const student = await server.createUser('student');
    server.signInAs(admin);
    const { user: pointer } = renderApp('/dashboard/notifications');
    const form = await screen.findByRole('region', { name: 'Send notification' });

    await pointer.type(within(form).getByLabelText('Username'), student.username);
    await pointer.type(within(form).getByLabelText('Title'), 'Just for you');
    await pointer.type(within(form).getByLabelText('Content'), 'Hello there');
    await pointer.click(within(form).getByRole('button', { name: 'Send' }));
    const messages = screen.getByRole('region', { name: 'Messages' });
    expect(await within(messages).findByText('Sent to 1 user')).toBeInTheDocument();

    await pointer.selectOptions(within(form).getByLabelText('Recipients'), 'A role');
    await pointer.selectOptions(within(form).getByLabelText('Role'), 'Admins');
    await pointer.selectOptions(within(form).getByLabelText('Type'), 'Announcement');
    await pointer.type(within(form).getByLabelText('Title'), 'Admins only');
    await pointer.type(within(form).getByLabelText('Content'), 'A word among admins');
    await pointer.click(within(form).getByRole('button', { name: 'Send' }));
    // A whole role at once: a confirmation first.
    const confirm = await screen.findByRole('dialog', { name: 'Send to all admins?' });
    await pointer.click(within(confirm).getByRole('button', { name: 'Send' }));
    const admins = await server.database.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(await within(messages).findByText(`Sent to ${Number(admins.count)} users`)).toBeInTheDocument();

    const received = await server.database.db
      .selectFrom('notifications')
      .select(['title', 'notification_type'])
      .where('user_id', '=', student.id)
      .execute();
    expect(received).toEqual([{ title: 'Just for you', notification_type: 'system' }]);
  });

  it('shows under "Username" that no such user exists, and sends nothing', async () => {
    const admin = await server.createUser('admin');
    server.signInAs(admin);
    const { user: pointer } = renderApp('/dashboard/notifications');
    const form = await screen.findByRole('region', { name: 'Send notification' });
    await pointer.type(within(form).getByLabelText('Username'), 'nobody_987654');
    await pointer.type(within(form).getByLabelText('Title'), 'To nobody');
    await pointer.type(within(form).getByLabelText('Content'), 'Hello?');
    await pointer.click(within(form).getByRole('button', { name: 'Send' }));
    expect(await within(form).findByText('no user is named “nobody_987654”')).toBeInTheDocument();
    expect(within(form).getByLabelText('Username')).toHaveAccessibleDescription(
      'no user is named “nobody_987654”',
    );
    expect(screen.queryByText(/Sent to/)).not.toBeInTheDocument();
    const sent = await server.database.db
      .selectFrom('notifications')
      .select('id')
      .where('title', '=', 'To nobody')
      .execute();
    expect(sent).toEqual([]);
  });
});
