import { screen, waitFor } from '@testing-library/react';
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

const CHANGE = '/api/email/unsubscribe/';

async function emailOn(user: TestUser, type: string): Promise<boolean> {
  const response = await server.app.inject({
    method: 'GET',
    url: '/api/notifications/channel-preferences/',
    headers: { authorization: `Bearer ${user.token}` },
  });
  const rows = (
    response.json() as { results: Array<{ notification_type: string; email: { enabled: boolean } }> }
  ).results;
  return rows.find((row) => row.notification_type === type)?.email.enabled ?? false;
}

describe('the unsubscribe link page', () => {
  it('changes nothing on opening; "Unsubscribe" stops that type, "Subscribe again" undoes it', async () => {
    const user = await server.createUser();
    await server.verifyEmail(user);
    const token = server.signedLinks.unsubscribe({ userId: user.id, type: 'live_started' });
    server.signOut();
    fetches = logFetches();
    const { user: pointer } = renderApp(`/unsubscribe/${token}`, { strict: true });
    const button = await screen.findByRole('button', { name: 'Unsubscribe' });
    expect(screen.getByText(/Stop emails about/)).toHaveTextContent(
      `Stop emails about Live Started to ${user.username}@example.com?`,
    );
    expect(fetches.to('/api/email/unsubscribe/lookup/', 'POST').length).toBeGreaterThan(0);
    expect(fetches.to(CHANGE)).toHaveLength(0);
    expect(await emailOn(user, 'live_started')).toBe(true);
    expect(document.title).toBe('Unsubscribe · Webinar Hub');

    await pointer.click(button);
    expect(await screen.findByText(/You will no longer receive emails about/)).toHaveTextContent(
      `You will no longer receive emails about Live Started at ${user.username}@example.com.`,
    );
    expect(fetches.to(CHANGE)).toEqual([
      { method: 'POST', path: CHANGE, body: { token, subscribed: false } },
    ]);
    expect(await emailOn(user, 'live_started')).toBe(false);
    expect(await emailOn(user, 'announcement')).toBe(true);

    await pointer.click(screen.getByRole('button', { name: 'Subscribe again' }));
    expect(await screen.findByText(/again\./)).toHaveTextContent(
      `You will receive emails about Live Started at ${user.username}@example.com again.`,
    );
    await waitFor(async () => expect(await emailOn(user, 'live_started')).toBe(true));
  });

  it('says clearly when the link is invalid or expired, with nothing to press', async () => {
    server.signOut();
    renderApp('/unsubscribe/expired-or-forged');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This unsubscribe link is invalid or has expired.',
    );
    expect(screen.queryByRole('button', { name: 'Unsubscribe' })).not.toBeInTheDocument();
  });
});
