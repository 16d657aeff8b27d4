import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FetchLog, logFetches } from '../../../../test/fetch-log.ts';
import { renderApp } from '../../../../test/render.tsx';
import { startTestServer, type TestServer, type TestUser } from '../../../../test/server.ts';

let server: TestServer;
let fetches: FetchLog | undefined;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
afterEach(() => {
  fetches?.restore();
  fetches = undefined;
});

const MATRIX = '/api/notifications/channel-preferences/';

async function storedMatrix(user: TestUser) {
  const response = await server.app.inject({
    method: 'GET',
    url: MATRIX,
    headers: { authorization: `Bearer ${user.token}` },
  });
  return (
    response.json() as {
      results: Array<{ notification_type: string; email: { enabled: boolean; is_default: boolean } }>;
    }
  ).results;
}

async function verifiedUser(): Promise<TestUser> {
  const user = await server.createUser();
  await server.verifyEmail(user);
  server.signInAs(user);
  return user;
}

const matrix = () => screen.findByRole('region', { name: 'Notifications' });

describe('the notification settings page', () => {
  it('asks before leaving with an address typed but not saved; the matrix saves on change', async () => {
    await verifiedUser();
    const { user: pointer, router } = renderApp('/settings/notifications');
    const field = await screen.findByLabelText('Email address');
    await pointer.clear(field);
    await pointer.type(field, 'someone-new@example.com');
    const navbar = screen.getAllByRole('navigation', { name: 'Main' })[0];
    if (!navbar) throw new Error('no navbar');
    await pointer.click(within(navbar).getByRole('link', { name: 'Notifications' }));
    const question = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    await pointer.click(within(question).getByRole('button', { name: 'Cancel' }));
    expect(router.state.location.pathname).toBe('/settings/notifications');
    expect(screen.getByLabelText('Email address')).toHaveValue('someone-new@example.com');

    await pointer.click(within(navbar).getByRole('link', { name: 'Notifications' }));
    await pointer.click(
      within(await screen.findByRole('dialog', { name: 'Leave without saving?' })).getByRole('button', {
        name: 'Leave',
      }),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe('/notifications'));
  });

  it('has a title, the contact section and a row per type', async () => {
    await verifiedUser();
    renderApp('/settings/notifications');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Notification settings' }),
    ).toBeInTheDocument();
    const contact = await screen.findByRole('region', { name: 'Contact' });
    expect(await within(contact).findByText('Verified')).toBeInTheDocument();
    const rows = (await within(await matrix()).findAllByRole('row')).slice(1);
    expect(rows).toHaveLength(7);
    expect(within(await matrix()).getByRole('rowheader', { name: /Announcement/ })).toHaveTextContent(
      'If still unread after 15 minutes',
    );
    expect(within(await matrix()).getByRole('rowheader', { name: /New Recording/ })).toHaveTextContent(
      'One email per 30 minutes',
    );
    expect(within(await matrix()).getByRole('rowheader', { name: /Live Ended/ })).toHaveTextContent(
      'Off by default',
    );
    await waitFor(() => expect(document.title).toBe('Notification settings · Webinar Hub'));
  });

  it('toggling "Email for Announcement" sends only that change, and "Reset to default" goes back', async () => {
    const user = await verifiedUser();
    fetches = logFetches();
    const { user: pointer } = renderApp('/settings/notifications');
    const cell = await within(await matrix()).findByRole('switch', { name: 'Email for Announcement' });
    expect(cell).toHaveAttribute('aria-checked', 'true');
    expect(cell).toBeEnabled();

    await pointer.click(cell);
    expect(cell).toHaveAttribute('aria-checked', 'false');
    await waitFor(() => expect(fetches?.to(MATRIX, 'PUT')).toHaveLength(1));
    expect(fetches.to(MATRIX, 'PUT')[0]?.body).toEqual({ announcement: { email: false } });
    await waitFor(async () =>
      expect(
        (await storedMatrix(user)).find((row) => row.notification_type === 'announcement')?.email,
      ).toEqual({ enabled: false, is_default: false, editable: true }),
    );

    await pointer.click(
      await within(await matrix()).findByRole('button', { name: 'Reset Email for Announcement to default' }),
    );
    await waitFor(() => expect(fetches?.to(MATRIX, 'PUT')).toHaveLength(2));
    expect(fetches.to(MATRIX, 'PUT')[1]?.body).toEqual({ announcement: { email: null } });
    await waitFor(() => expect(cell).toHaveAttribute('aria-checked', 'true'));
    expect(
      (await storedMatrix(user)).find((row) => row.notification_type === 'announcement')?.email.is_default,
    ).toBe(true);
  });

  it('puts the switch back and shows the error when the server refuses the change', async () => {
    const user = await verifiedUser();
    fetches = logFetches((request) =>
      request.method === 'PUT' && request.path === MATRIX
        ? { status: 503, message: 'The database is unavailable.' }
        : null,
    );
    const { user: pointer } = renderApp('/settings/notifications');
    const cell = await within(await matrix()).findByRole('switch', { name: 'Email for Live Started' });
    expect(cell).toHaveAttribute('aria-checked', 'true');
    await pointer.click(cell);
    expect(await within(await matrix()).findByRole('alert')).toHaveTextContent(
      'The database is unavailable.',
    );
    expect(cell).toHaveAttribute('aria-checked', 'true');
    expect(within(await matrix()).getByText(/Your change to Live Started was not saved/)).toBeInTheDocument();
    expect(
      (await storedMatrix(user)).find((row) => row.notification_type === 'live_started')?.email.is_default,
    ).toBe(true);
  });

  it('disables System in-app, and every email switch until the address is verified', async () => {
    server.signInAs(await server.createUser());
    renderApp('/settings/notifications');
    const table = await matrix();
    const system = await within(table).findByRole('switch', { name: 'In-app for System Notification' });
    expect(system).toBeDisabled();
    expect(system).toHaveAccessibleDescription('Always on');
    expect(within(table).getByRole('switch', { name: 'In-app for Announcement' })).toBeEnabled();
    const emails = within(table).getAllByRole('switch', { name: /^Email for / });
    expect(emails).toHaveLength(7);
    for (const email of emails) {
      expect(email).toBeDisabled();
      expect(email).toHaveAccessibleDescription(/until you open the verification link/);
    }
    expect(await screen.findByText('Waiting for verification')).toBeInTheDocument();
  });

  it('muting a type in-app turns its email off, with the reason', async () => {
    await verifiedUser();
    const { user: pointer } = renderApp('/settings/notifications');
    const table = await matrix();
    await pointer.click(await within(table).findByRole('switch', { name: 'In-app for Upcoming Webinar' }));
    const email = within(table).getByRole('switch', { name: 'Email for Upcoming Webinar' });
    await waitFor(() => expect(email).toBeDisabled());
    expect(email).toHaveAttribute('aria-checked', 'false');
    expect(email).toHaveAccessibleDescription('Needs in-app');
  });

  it('has a Push column: push on at once for live starts and approvals, a switch saves an override', async () => {
    const user = await verifiedUser();
    fetches = logFetches();
    const { user: pointer } = renderApp('/settings/notifications');
    const table = await matrix();
    expect(await within(table).findByRole('switch', { name: 'Push for Live Started' })).toHaveAttribute(
      'aria-checked',
      'true',
    );
    expect(within(table).getByRole('columnheader', { name: 'Push' })).toBeInTheDocument();
    expect(within(table).getByRole('rowheader', { name: /Live Started/ })).toHaveTextContent('Push: At once');
    const announcement = within(table).getByRole('switch', { name: 'Push for Announcement' });
    expect(announcement).toHaveAttribute('aria-checked', 'false');
    await pointer.click(announcement);
    await waitFor(() => expect(fetches?.to(MATRIX, 'PUT')).toHaveLength(1));
    expect(fetches.to(MATRIX, 'PUT')[0]?.body).toEqual({ announcement: { push: true } });
    await waitFor(async () =>
      expect(
        (
          (await storedMatrix(user)).find((row) => row.notification_type === 'announcement') as unknown as {
            push: { enabled: boolean };
          }
        ).push.enabled,
      ).toBe(true),
    );
  });

  it('says when this browser cannot receive push notifications', async () => {
    await verifiedUser();
    renderApp('/settings/notifications');
    const push = await screen.findByRole('region', { name: 'Push notifications on this browser' });
    expect(
      await within(push).findByText('This browser cannot receive push notifications.'),
    ).toBeInTheDocument();
    expect(within(push).queryByRole('button', { name: 'Turn on for this browser' })).toBeNull();
    expect(
      await within(push).findByText('No browser receives your push notifications yet.'),
    ).toBeInTheDocument();
  });

  it('"Send the link again" sends the verification email again', async () => {
    server.signInAs(await server.createUser());
    const { user: pointer } = renderApp('/settings/notifications');
    const contact = await screen.findByRole('region', { name: 'Contact' });
    await pointer.click(await within(contact).findByRole('button', { name: 'Send the link again' }));
    expect(
      await within(contact).findByText(/^We sent a new verification link to student\d+@example.com$/),
    ).toBeInTheDocument();
  });

  it('a new address waits for verification; asking for the link again at once says to wait', async () => {
    const user = await server.createUser();
    await server.verifyEmail(user);
    server.signInAs(user);
    const { user: pointer } = renderApp('/settings/notifications');
    const contact = await screen.findByRole('region', { name: 'Contact' });
    const field = await within(contact).findByLabelText('Email address');
    await pointer.clear(field);
    await pointer.type(field, 'new.address@example.org');
    await pointer.click(within(contact).getByRole('button', { name: 'Save address' }));
    expect(await within(contact).findByText('Waiting for verification')).toBeInTheDocument();
    expect(
      within(contact).getByText('We sent a verification link to new.address@example.org'),
    ).toBeInTheDocument();
    // The matrix hears of it: email is unavailable now.
    await waitFor(async () =>
      expect(within(await matrix()).getByRole('switch', { name: 'Email for Announcement' })).toBeDisabled(),
    );

    // The change queued one link a moment ago: asking again so soon is refused, with the reason.
    await pointer.click(within(contact).getByRole('button', { name: 'Send the link again' }));
    expect(await within(contact).findByRole('alert')).toHaveTextContent(/less than a minute ago/);
  });

  it('an invalid address is refused under its field', async () => {
    server.signInAs(await server.createUser());
    const { user: pointer } = renderApp('/settings/notifications');
    const contact = await screen.findByRole('region', { name: 'Contact' });
    const field = await within(contact).findByLabelText('Email address');
    await pointer.clear(field);
    await pointer.type(field, 'not an address');
    await pointer.click(within(contact).getByRole('button', { name: 'Save address' }));
    await waitFor(() =>
      expect(field).toHaveAccessibleDescription(/must be an email address like name@example.com/),
    );
  });

  it('saves the time zone chosen', async () => {
    const user = await server.createUser();
    server.signInAs(user);
    const { user: pointer } = renderApp('/settings/notifications');
    const contact = await screen.findByRole('region', { name: 'Contact' });
    await pointer.selectOptions(await within(contact).findByLabelText('Time zone'), 'Europe/Paris');
    expect(await within(contact).findByText('Time zone set to Europe/Paris')).toBeInTheDocument();
    const stored = await server.app.inject({
      method: 'GET',
      url: '/api/auth/me/contact/',
      headers: { authorization: `Bearer ${user.token}` },
    });
    expect(stored.json()).toMatchObject({ time_zone: 'Europe/Paris' });
  });
});
