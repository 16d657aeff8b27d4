import { screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FetchLog, logFetches } from '../../../../test/fetch-log.ts';
import { renderApp } from '../../../../test/render.tsx';
import { startTestServer, type TestServer, type TestUser } from '../../../../test/server.ts';
import { NO_DELIVERY_FILTERS, toDeliveryQuery } from './delivery-filters.tsx';

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

const LIST = '/api/admin/deliveries/';

/** A new address for the user: the server queues its verification email (a delivery). */
async function changeAddress(user: TestUser, email: string): Promise<void> {
  const response = await server.app.inject({
    method: 'PATCH',
    url: '/api/auth/me/contact/',
    headers: { authorization: `Bearer ${user.token}` },
    payload: { email },
  });
  expect(response.statusCode).toBe(200);
}

async function deliveryOf(user: TestUser) {
  return server.database.db
    .selectFrom('deliveries')
    .select(['id', 'status'])
    .where('user_id', '=', user.id)
    .executeTakeFirstOrThrow();
}

describe('toDeliveryQuery', () => {
  it('leaves out empty filters and turns dates into whole local days', () => {
    expect(toDeliveryQuery(NO_DELIVERY_FILTERS)).toEqual({});
    expect(
      toDeliveryQuery({ ...NO_DELIVERY_FILTERS, user: 'x', status: 'nope', type: 'nope', channel: 'fax' }),
    ).toEqual({});
    expect(
      toDeliveryQuery({
        channel: 'push',
        status: 'failed',
        type: 'announcement',
        user: '42',
        from: '2026-12-01',
        to: '2026-12-03',
      }),
    ).toEqual({
      channel: 'push',
      status: 'failed',
      notification_type: 'announcement',
      user: 42,
      created_after: new Date('2026-12-01T00:00').toISOString(),
      created_before: new Date('2026-12-04T00:00').toISOString(),
    });
  });
});

describe('the deliveries admin page', () => {
  it('is for admins only', async () => {
    server.signInAs(await server.createUser('host'));
    renderApp('/dashboard/deliveries');
    expect(await screen.findByText('You are not allowed to see this page.')).toBeInTheDocument();
  });

  it('lists deliveries, and each filter goes into the query', async () => {
    const admin = await server.createUser('admin');
    const student = await server.createUser();
    await changeAddress(student, 'filters@example.org');
    server.signInAs(admin);
    fetches = logFetches();
    const { user: pointer } = renderApp('/dashboard/deliveries');
    expect(await screen.findByRole('heading', { level: 1, name: 'Deliveries' })).toBeInTheDocument();
    const table = await screen.findByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Time', 'User', 'Type', 'Title', 'Channel', 'Status', 'Attempts', 'Reason']);
    expect(within(table).getAllByRole('link', { name: /^Verify / })).toHaveLength(1);
    expect(fetches.to(LIST).at(-1)?.path).toBe(`${LIST}?page=1&page_size=20`);

    await pointer.selectOptions(screen.getByLabelText('Status'), 'Failed');
    await pointer.selectOptions(screen.getByLabelText('Type'), 'Announcement');
    await pointer.type(screen.getByLabelText('User'), student.username);
    await pointer.type(screen.getByLabelText('From'), '2026-12-01');
    await pointer.type(screen.getByLabelText('To'), '2026-12-03');
    // The username names the user once the suggestions arrive: then the query carries the id.
    await waitFor(
      () =>
        expect(fetches?.to(LIST).at(-1)?.path).toMatch(/user=\d+.*created_before|created_before.*user=\d+/),
      { timeout: 5_000 },
    );
    const query = new URLSearchParams(fetches.to(LIST).at(-1)?.path.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({
      status: 'failed',
      notification_type: 'announcement',
      user: String(student.id),
      created_after: new Date('2026-12-01T00:00').toISOString(),
      created_before: new Date('2026-12-04T00:00').toISOString(),
      page: '1',
      page_size: '20',
    });
    expect(await screen.findByText('No deliveries match these filters.')).toBeInTheDocument();

    await pointer.click(screen.getByRole('button', { name: 'Clear filters' }));
    // Back to the unfiltered list (cached, so perhaps without a new request).
    expect(
      await within(await screen.findByRole('table')).findAllByRole('link', { name: /^Verify / }),
    ).toHaveLength(1);
    expect(screen.getByLabelText('Status')).toHaveValue('');
    expect(screen.getByLabelText('User')).toHaveValue('');
  });

  it('shows a delivery with its email in a sandboxed frame, and queues a skipped one again', async () => {
    const admin = await server.createUser('admin');
    const student = await server.createUser();
    await changeAddress(student, 'detail@example.org');
    // No SMTP server in tests: the worker renders the email and skips it.
    await waitFor(async () => expect((await deliveryOf(student)).status).toBe('skipped'), {
      timeout: 15_000,
    });
    const { id } = await deliveryOf(student);
    server.signInAs(admin);
    const { user: pointer } = renderApp(`/dashboard/deliveries/${id}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Verify detail@example.org' }),
    ).toBeInTheDocument();
    const frame = await screen.findByTitle('Email preview');
    expect(frame).toHaveAttribute('sandbox', '');
    expect(frame.getAttribute('srcdoc')).toContain('/verify-email/');
    expect(screen.getByText(/no SMTP server is configured/)).toBeInTheDocument();

    await pointer.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('Queued again: it is due now.')).toBeInTheDocument();
  });
});
