import { screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FetchLog, logFetches } from '../../../../test/fetch-log.ts';
import { renderApp } from '../../../../test/render.tsx';
import { startTestServer, type TestServer } from '../../../../test/server.ts';

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

const VERIFY = '/api/email/verify/';

describe('the verification link page', () => {
  it('posts its token once, even in strict mode, signed out, and says the address is verified', async () => {
    const user = await server.createUser();
    const token = server.signedLinks.verification({ userId: user.id, email: `${user.username}@example.com` });
    server.signOut();
    fetches = logFetches();
    renderApp(`/verify-email/${token}`, { strict: true });
    expect(await screen.findByText(`${user.username}@example.com`)).toBeInTheDocument();
    expect(screen.getByText(/Your address/)).toHaveTextContent(
      `Your address ${user.username}@example.com is verified.`,
    );
    expect(screen.getByRole('link', { name: 'Notification settings' })).toHaveAttribute(
      'href',
      '/settings/notifications',
    );
    expect(fetches.to(VERIFY)).toEqual([{ method: 'POST', path: VERIFY, body: { token } }]);
    // Nobody signed in, and the page stayed: no redirect to /login.
    expect(fetches.to('/api/auth/me/')).toHaveLength(0);
    expect(document.title).toBe('Verify your email address · Webinar Hub');
    const stored = await server.database.db
      .selectFrom('users')
      .select('email_verified_at')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(stored.email_verified_at).toBeInstanceOf(Date);
  });

  it('says when the link is invalid or expired', async () => {
    server.signOut();
    renderApp('/verify-email/not-a-real-token');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This verification link is invalid or has expired.',
    );
  });
});
