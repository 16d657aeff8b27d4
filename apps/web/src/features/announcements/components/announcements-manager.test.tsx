// The dashboard's announcements as an admin uses them, against the real server: schedule one for
// later (a past time refused in the form), edit and cancel it while it waits, and send a missed one.
import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApp } from '../../../../test/render.tsx';
import { startTestServer, type TestServer, type TestUser } from '../../../../test/server.ts';
import { toDateTimeLocal } from '../../../lib/format.ts';
import { browserTimeZone } from '../lib/send-at.ts';

let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  admin = await server.createUser('admin');
  await server.createUser('student');
});
afterAll(() => server.close());

const messages = () => screen.getByRole('region', { name: 'Messages' });
const HOUR = 3_600_000;

async function stored(title: string) {
  return server.database.db
    .selectFrom('announcements')
    .select(['id', 'state', 'send_at', 'title'])
    .where('title', '=', title)
    .execute();
}

async function notificationsTitled(title: string) {
  return server.database.db
    .selectFrom('notifications')
    .select('id')
    .where('notification_type', '=', 'announcement')
    .where('title', '=', title)
    .execute();
}

async function openDashboard() {
  server.signInAs(admin);
  const { user: pointer } = renderApp('/dashboard');
  const section = await screen.findByRole('region', { name: 'Announcements' }, { timeout: 5000 });
  return { pointer, section };
}

/** The row of the list that shows `title`. */
async function rowOf(section: HTMLElement, title: string): Promise<HTMLElement> {
  const text = await within(section).findByText(title, { selector: 'p' });
  const row = text.closest('li');
  if (!row) throw new Error(`no row for ${title}`);
  return row;
}

describe('scheduling an announcement', () => {
  it('refuses a past time under "Send at", then schedules one, notifying nobody yet', async () => {
    const { pointer, section } = await openDashboard();
    await pointer.type(within(section).getByLabelText('Title'), 'Planned news');
    await pointer.type(within(section).getByLabelText('Content'), 'Later today.');
    expect(within(section).queryByLabelText('Send at')).not.toBeInTheDocument();
    await pointer.click(within(section).getByRole('radio', { name: 'Schedule for later' }));
    expect(within(section).getByText(`Your time zone: ${browserTimeZone()}`)).toBeInTheDocument();

    const sendAt = within(section).getByLabelText('Send at');
    await pointer.type(sendAt, toDateTimeLocal(new Date(Date.now() - HOUR).toISOString()));
    await pointer.click(within(section).getByRole('button', { name: 'Schedule announcement' }));
    expect(await within(section).findByText('must be in the future')).toBeInTheDocument();
    expect(sendAt).toHaveAccessibleDescription('must be in the future');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await stored('Planned news')).toEqual([]);

    await pointer.clear(sendAt);
    const later = new Date(Date.now() + 3 * HOUR);
    await pointer.type(sendAt, toDateTimeLocal(later.toISOString()));
    await pointer.click(within(section).getByRole('button', { name: 'Schedule announcement' }));
    const confirm = await screen.findByRole('dialog', { name: 'Schedule announcement?' });
    await pointer.click(within(confirm).getByRole('button', { name: 'Schedule' }));
    expect(await within(messages()).findByText(/Announcement scheduled for/)).toBeInTheDocument();

    const row = await rowOf(section, 'Planned news');
    expect(within(row).getByText('Scheduled')).toBeInTheDocument();
    expect(within(row).getByText(/in (2|3) hours/)).toBeInTheDocument();
    const [saved] = await stored('Planned news');
    expect(saved?.state).toBe('scheduled');
    // The minute the admin picked, in the browser's zone.
    expect(toDateTimeLocal(saved?.send_at?.toISOString() ?? '')).toBe(toDateTimeLocal(later.toISOString()));
    expect(await notificationsTitled('Planned news')).toEqual([]);
  });

  it('edits a scheduled one and cancels it after a confirmation; it is never sent', async () => {
    const { pointer, section } = await openDashboard();
    await pointer.type(within(section).getByLabelText('Title'), 'To be edited');
    await pointer.type(within(section).getByLabelText('Content'), 'Draft.');
    await pointer.click(within(section).getByRole('radio', { name: 'Schedule for later' }));
    await pointer.type(
      within(section).getByLabelText('Send at'),
      toDateTimeLocal(new Date(Date.now() + 5 * HOUR).toISOString()),
    );
    await pointer.click(within(section).getByRole('button', { name: 'Schedule announcement' }));
    await pointer.click(
      within(await screen.findByRole('dialog', { name: 'Schedule announcement?' })).getByRole('button', {
        name: 'Schedule',
      }),
    );

    let row = await rowOf(section, 'To be edited');
    await pointer.click(within(row).getByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit announcement' });
    const title = within(dialog).getByLabelText('Title');
    await pointer.clear(title);
    await pointer.type(title, 'Edited plan');
    await pointer.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(messages()).findByText(/Announcement saved · scheduled for/)).toBeInTheDocument();
    expect((await stored('Edited plan'))[0]?.state).toBe('scheduled');

    row = await rowOf(section, 'Edited plan');
    await pointer.click(within(row).getByRole('button', { name: 'Cancel' }));
    const confirm = await screen.findByRole('dialog', { name: 'Cancel this announcement?' });
    await pointer.click(within(confirm).getByRole('button', { name: 'Cancel announcement' }));
    expect(await within(messages()).findByText('Announcement cancelled')).toBeInTheDocument();
    await waitFor(() => expect(within(row).getByText('Cancelled')).toBeInTheDocument());
    expect(within(row).queryByRole('button', { name: 'Edit' })).not.toBeInTheDocument();
    expect((await stored('Edited plan'))[0]?.state).toBe('cancelled');
    expect(await notificationsTitled('Edited plan')).toEqual([]);
  });

  it('shows a missed one with when the server was down, and sends it now', async () => {
    const missedAt = new Date(Date.now() - 3 * HOUR);
    await server.database.db
      .insertInto('announcements')
      .values({
        title: 'Missed news',
        content: 'Was due.',
        author_id: admin.id,
        send_at: missedAt,
        state: 'missed',
      })
      .execute();
    const { pointer, section } = await openDashboard();
    const row = await rowOf(section, 'Missed news');
    expect(within(row).getByText('Missed')).toBeInTheDocument();
    expect(within(row).getByText(/^\(server was down at .+\)$/)).toBeInTheDocument();

    await pointer.click(within(row).getByRole('button', { name: 'Send now' }));
    const confirm = await screen.findByRole('dialog', { name: 'Send announcement now?' });
    await pointer.click(within(confirm).getByRole('button', { name: 'Send now' }));
    expect(
      await within(messages()).findByText(/Announcement sent · \d+ users? notified/),
    ).toBeInTheDocument();
    await waitFor(() => expect(within(row).getByText('Sent')).toBeInTheDocument());
    expect((await notificationsTitled('Missed news')).length).toBeGreaterThan(0);
  });
});
