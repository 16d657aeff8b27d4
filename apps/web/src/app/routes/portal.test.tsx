import { screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderApp } from '../../../test/render.tsx';
import { startTestServer, type TestServer } from '../../../test/server.ts';

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
});
