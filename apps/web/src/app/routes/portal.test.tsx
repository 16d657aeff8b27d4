import { screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../../test/render.tsx';
import { startTestServer, type TestServer } from '../../../test/server.ts';
import { WEBINAR_REFRESH_MS } from '../../features/webinars/api/webinar-refresh.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe('the portal', () => {
  it('lets a student register for an upcoming webinar and see the registration pending', async () => {
    const host = await server.createUser('host');
    const student = await server.createUser('student');
    await server.createWebinar(host, 'Portal webinar');
    server.signInAs(student);
    const { user: pointer } = renderApp('/portal');

    for (const name of ['Live now', 'Upcoming webinars', 'My registrations', 'Recordings']) {
      expect(await screen.findByRole('heading', { level: 2, name })).toBeInTheDocument();
    }
    const upcoming = screen.getByRole('region', { name: 'Upcoming webinars' });
    const row = (await within(upcoming).findByRole('link', { name: 'Portal webinar' })).closest('li');
    if (!row) throw new Error('the webinar is not listed');
    await pointer.click(within(row).getByRole('button', { name: 'Register' }));

    expect(await within(row).findByText('pending')).toBeInTheDocument();
    const mine = screen.getByRole('region', { name: 'My registrations' });
    expect(await within(mine).findByRole('link', { name: 'Portal webinar' })).toBeInTheDocument();
    const stored = await server.database.db
      .selectFrom('registrations')
      .select('status')
      .where('user_id', '=', student.id)
      .execute();
    expect(stored).toEqual([{ status: 'pending' }]);
  });

  it('sends someone whose session expired to sign in, and back afterwards', async () => {
    const student = await server.createUser('student');
    server.signInAs({ ...student, token: 'expired-or-forged' });
    const { router } = renderApp('/portal');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?next=%2Fportal');
  });

  it('lists a webinar under Live now within a minute of a start it was not told of (not registered), without a reload', async () => {
    vi.useFakeTimers({
      shouldAdvanceTime: true,
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'],
    });
    try {
      const host = await server.createUser('host');
      const student = await server.createUser('student');
      const webinarId = await server.createWebinar(host, 'Goes live unannounced');
      server.signInAs(student);
      renderApp('/portal');
      const upcoming = await screen.findByRole('region', { name: 'Upcoming webinars' });
      expect(
        await within(upcoming).findByRole('link', { name: 'Goes live unannounced' }),
      ).toBeInTheDocument();

      const started = await fetch(`${server.baseUrl}/api/live-sessions/${webinarId}/start/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${host.token}` },
      });
      expect(started.status).toBe(200);
      await vi.advanceTimersByTimeAsync(WEBINAR_REFRESH_MS);

      const live = screen.getByRole('region', { name: 'Live now' });
      const row = (await within(live).findByRole('link', { name: 'Goes live unannounced' })).closest('li');
      if (!row) throw new Error('the webinar is not listed under Live now');
      // Not registered, she is offered Register, not Join; the badge says Live.
      expect(within(row).getByText('Live')).toBeInTheDocument();
      expect(within(upcoming).queryByRole('link', { name: 'Goes live unannounced' })).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});
