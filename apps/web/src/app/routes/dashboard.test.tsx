import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render.tsx';
import { startTestServer, type TestServer } from '../../../test/server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

/** The toast region, where every dashboard action says how it went. */
const messages = () => screen.getByRole('region', { name: 'Messages' });

/** Opens the collapsed "New webinar" form. */
async function openNewWebinar(
  pointer: { click: (element: Element) => Promise<void> },
  webinars: HTMLElement,
) {
  await pointer.click(within(webinars).getByRole('button', { name: 'New webinar' }));
}

async function unreadOf(userId: number, type: string) {
  return server.database.db
    .selectFrom('notifications')
    .select('title')
    .where('user_id', '=', userId)
    .where('notification_type', '=', type as 'live_started')
    .execute();
}

describe('the dashboard', () => {
  it('is not for students', async () => {
    server.signInAs(await server.createUser('student'));
    renderApp('/dashboard');
    expect(await screen.findByText('You are not allowed to see this page.')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Webinars' })).not.toBeInTheDocument();
  });

  it('lets a host approve a registration and start a live session, saying how many were notified', async () => {
    const host = await server.createUser('host');
    const alice = await server.createUser('student');
    const bob = await server.createUser('student');
    const webinarId = await server.createWebinar(host, 'Testing in depth');
    await server.register(alice, webinarId, 'pending');
    await server.register(bob, webinarId, 'approved');
    server.signInAs(host);
    const { user: pointer } = renderApp('/dashboard');

    // The first screen after a cold start: more than the default second on a busy machine.
    const approvals = await screen.findByRole(
      'region',
      { name: 'Registrations to approve' },
      { timeout: 5000 },
    );
    await pointer.click(await within(approvals).findByRole('button', { name: 'Approve' }));
    expect(await within(messages()).findByText(/1 user notified/)).toBeInTheDocument();
    expect(
      await within(approvals).findByText('No registrations are waiting for approval.'),
    ).toBeInTheDocument();
    expect(await unreadOf(alice.id, 'registration_approved')).toHaveLength(1);

    const webinars = screen.getByRole('region', { name: 'Webinars' });
    await pointer.click(await within(webinars).findByRole('button', { name: 'Start live session' }));
    // It notifies everyone at once: a confirmation first.
    const confirm = await screen.findByRole('dialog', { name: 'Start the live session?' });
    await pointer.click(within(confirm).getByRole('button', { name: 'Start live session' }));
    expect(await within(messages()).findByText(/2 users notified/)).toBeInTheDocument();
    expect(await within(webinars).findByRole('button', { name: 'End live session' })).toBeInTheDocument();
    expect(await unreadOf(bob.id, 'live_started')).toHaveLength(1);
  });

  it('creates a webinar from the "New webinar" form', async () => {
    server.signInAs(await server.createUser('host'));
    const { user: pointer } = renderApp('/dashboard');
    const webinars = await screen.findByRole('region', { name: 'Webinars' });
    await openNewWebinar(pointer, webinars);
    await pointer.type(within(webinars).getByLabelText('Title'), 'Brand new');
    await pointer.type(within(webinars).getByLabelText('Starts at'), '2030-01-02T10:00');
    await pointer.clear(within(webinars).getByLabelText('Duration (minutes)'));
    await pointer.type(within(webinars).getByLabelText('Duration (minutes)'), '45');
    await pointer.click(within(webinars).getByRole('button', { name: 'Create webinar' }));

    expect(await within(webinars).findByRole('link', { name: 'Brand new' })).toBeInTheDocument();
    const stored = await server.database.db
      .selectFrom('webinars')
      .select(['duration_minutes', 'status'])
      .where('title', '=', 'Brand new')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ duration_minutes: 45, status: 'scheduled' });
    expect(await within(messages()).findByText(/“Brand new” created/)).toBeInTheDocument();
    // The form folds away again.
    await waitFor(() => expect(within(webinars).queryByLabelText('Title')).not.toBeInTheDocument());
  });

  it("shows the API's message when an action is refused", async () => {
    server.signInAs(await server.createUser('host'));
    const { user: pointer } = renderApp('/dashboard');
    const webinars = await screen.findByRole('region', { name: 'Webinars' });
    await openNewWebinar(pointer, webinars);
    // Blank once trimmed: the browser lets it through, the server does not.
    await pointer.type(within(webinars).getByLabelText('Title'), '   ');
    await pointer.type(within(webinars).getByLabelText('Starts at'), '2030-01-02T10:00');
    await pointer.click(within(webinars).getByRole('button', { name: 'Create webinar' }));
    const alert = await within(webinars).findByRole('alert');
    expect(alert).toHaveTextContent('The request is invalid.');
    expect(alert).toHaveTextContent(/title/);
  });

  it('refuses a start in the past under "Starts at", as the API would, and sends nothing', async () => {
    server.signInAs(await server.createUser('host'));
    const { user: pointer } = renderApp('/dashboard');
    const webinars = await screen.findByRole('region', { name: 'Webinars' });
    await openNewWebinar(pointer, webinars);
    await pointer.type(within(webinars).getByLabelText('Title'), 'Too late');
    await pointer.type(within(webinars).getByLabelText('Starts at'), '2020-01-02T10:00');
    await pointer.click(within(webinars).getByRole('button', { name: 'Create webinar' }));
    expect(await within(webinars).findByText('must not be in the past')).toBeInTheDocument();
    expect(within(webinars).getByLabelText('Starts at')).toHaveAccessibleDescription(
      'must not be in the past',
    );
    const stored = await server.database.db
      .selectFrom('webinars')
      .select('id')
      .where('title', '=', 'Too late')
      .execute();
    expect(stored).toEqual([]);
  });

  it('renames a webinar that has ended', async () => {
    const host = await server.createUser('host');
    const webinarId = await server.createWebinar(host, 'Over and done');
    // Seconds the form cannot show: the form must not send them back as a change of start.
    const startedAt = new Date(Date.now() - 2 * 86_400_000 + 17_345);
    await server.database.db
      .updateTable('webinars')
      .set({ starts_at: startedAt, status: 'ended' })
      .where('id', '=', webinarId)
      .execute();
    server.signInAs(host);
    const { user: pointer } = renderApp('/dashboard');
    const webinars = await screen.findByRole('region', { name: 'Webinars' });
    const row = (await within(webinars).findByRole('link', { name: 'Over and done' })).closest('li');
    await pointer.click(within(row as HTMLElement).getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit webinar' });
    await pointer.clear(within(dialog).getByLabelText('Title'));
    await pointer.type(within(dialog).getByLabelText('Title'), 'Over, renamed');
    await pointer.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(messages()).findByText(/“Over, renamed” saved/)).toBeInTheDocument();
    const stored = await server.database.db
      .selectFrom('webinars')
      .select(['title', 'starts_at'])
      .where('id', '=', webinarId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ title: 'Over, renamed', starts_at: startedAt });
  });
});
