// Shared steps of the browser tests: signing in through the UI, the bell, and the real API (bearer
// tokens from POST /api/auth/token/) to set up data and to know what the UI should show.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  expect,
  type Locator,
  type Page,
} from '@playwright/test';
import { guardConsole } from './a11y.ts';

export const PASSWORD = 'webinar123';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
/** How long a live update (server-sent event) may take to reach the page. */
export const LIVE_TIMEOUT = 5_000;
export const NOT_ALLOWED = 'You are not allowed to see this page.';

export const screenshotsDir = fileURLToPath(new URL('../screenshots/', import.meta.url));

export function screenshotPath(name: string): string {
  mkdirSync(screenshotsDir, { recursive: true });
  return path.join(screenshotsDir, `${name}.png`);
}

/** A unique suffix, so data made by one run (or one test) is easy to find and never collides. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

// ---------------------------------------------------------------------------------------------
// The UI

/** Signs in through /login and waits for the landing page of the user's role. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const home = ['admin', 'host'].includes(username) ? /\/dashboard$/ : /\/portal$/;
  await expect(page).toHaveURL(home);
  await expect(bell(page)).toBeVisible();
  // The navbar's "Sign out": in view, or (narrow screens) behind a menu button.
  await expect(
    page
      .getByRole('button', { name: 'Sign out' })
      .or(page.getByRole('button', { name: 'Menu' }))
      .first(),
  ).toBeVisible();
}

/**
 * A second browser, e.g. the admin acting while a student watches her bell; `baseURL` is the test's
 * own (its worker's server). `touch`: a phone's touch screen, with no mouse to hover with.
 */
export async function newSignedInPage(
  { browser, baseURL }: { browser: Browser; baseURL: string | undefined },
  username: string,
  viewport = DESKTOP,
  { touch = false } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    viewport,
    ...(touch ? { hasTouch: true, isMobile: true } : {}),
  });
  const page = await context.newPage();
  guardConsole(page);
  await signIn(page, username);
  return { context, page };
}

/** "Sign out" is in the navbar, or behind its menu button on narrow screens (left closed again). */
export async function expectSignOutReachable(page: Page): Promise<void> {
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (await signOut.isVisible()) return;
  const menu = page.getByRole('button', { name: 'Menu' });
  await menu.click();
  await expect(signOut).toBeVisible();
  await menu.click();
  await expect(signOut).toBeHidden();
}

export function bell(page: Page): Locator {
  return page.getByRole('button', { name: /^Notifications, (\d+|no) unread$/ });
}

export function unreadBadge(page: Page): Locator {
  return page.getByTestId('unread-badge');
}

/** The bell says `count` unread, in its accessible name and its badge. */
export async function expectUnread(page: Page, count: number, timeout?: number): Promise<void> {
  const name = count === 0 ? 'Notifications, no unread' : `Notifications, ${count} unread`;
  await expect(bell(page)).toHaveAccessibleName(name, { timeout });
  if (count === 0) await expect(unreadBadge(page)).toBeHidden({ timeout });
  else await expect(unreadBadge(page)).toHaveText(count > 9 ? '9+' : String(count), { timeout });
}

export function bellPanel(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Notifications' });
}

/** Clicks the bell and waits for the panel to show its items (or its empty state). */
export async function openBell(page: Page): Promise<Locator> {
  await bell(page).click();
  const panel = bellPanel(page);
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Notifications' })).toBeVisible();
  await expect(panelItems(panel).first().or(panel.getByText('No notifications yet'))).toBeVisible();
  return panel;
}

export function panelItems(panel: Locator): Locator {
  return panel.locator('[data-unread]');
}

/**
 * The innermost element that holds all of the given parts: a form, a table row, a card... whatever
 * element the app wraps them in.
 */
export function innermost(page: Page, ...parts: Locator[]): Locator {
  let candidates = page.locator('body *');
  for (const part of parts) candidates = candidates.filter({ has: part });
  return candidates.last();
}

/** The innermost element holding this text and these parts (e.g. a webinar's row and its button). */
export function innermostWithText(page: Page, text: string, ...parts: Locator[]): Locator {
  let candidates = page.locator('body *').filter({ hasText: text });
  for (const part of parts) candidates = candidates.filter({ has: part });
  return candidates.last();
}

/** Picks the option of a <select> whose label or value matches, whatever the other one is. */
export async function selectMatching(select: Locator, pattern: RegExp): Promise<string> {
  const options = await select
    .locator('option')
    .evaluateAll((els) =>
      els.map((el) => ({ value: (el as HTMLOptionElement).value, label: el.textContent ?? '' })),
    );
  const option =
    options.find((o) => pattern.test(o.label.trim())) ?? options.find((o) => pattern.test(o.value));
  if (!option) {
    throw new Error(`no option matching ${pattern} in ${JSON.stringify(options.map((o) => o.label.trim()))}`);
  }
  await select.selectOption({ value: option.value });
  return option.label.trim();
}

// ---------------------------------------------------------------------------------------------
// The API

export async function apiToken(request: APIRequestContext, username: string): Promise<string> {
  const response = await request.post('/api/auth/token/', { data: { username, password: PASSWORD } });
  expect(response.status(), `token for ${username}`).toBe(200);
  return ((await response.json()) as { access: string }).access;
}

function auth(token: string) {
  return { authorization: `Bearer ${token}` };
}

export async function apiGet<T>(request: APIRequestContext, token: string, url: string): Promise<T> {
  const response = await request.get(url, { headers: auth(token) });
  expect(response.status(), `GET ${url}`).toBe(200);
  return (await response.json()) as T;
}

export async function apiPost<T>(
  request: APIRequestContext,
  token: string,
  url: string,
  data?: unknown,
): Promise<T> {
  const response = await request.post(url, { headers: auth(token), data: data ?? {} });
  expect(response.ok(), `POST ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

export async function unreadCount(request: APIRequestContext, token: string): Promise<number> {
  const body = await apiGet<{ unread_count: number }>(
    request,
    token,
    '/api/communications/notifications/unread-count/',
  );
  return body.unread_count;
}

export interface ApiNotification {
  id: number;
  notification_type: string;
  title: string;
  is_read: boolean;
  related_webinar: { id: number; title: string } | null;
}

export async function recentNotifications(request: APIRequestContext, token: string) {
  return (
    await apiGet<{ results: ApiNotification[] }>(request, token, '/api/communications/notifications/recent/')
  ).results;
}

export async function myUserId(request: APIRequestContext, token: string): Promise<number> {
  return (await apiGet<{ id: number }>(request, token, '/api/auth/me/')).id;
}

/** The admin API's total for a query, e.g. { is_read: 'false' }: what the panel's total must say. */
export async function adminTotal(
  request: APIRequestContext,
  adminToken: string,
  query: Record<string, string>,
): Promise<number> {
  const search = new URLSearchParams({ ...query, page_size: '1' });
  return (await apiGet<{ count: number }>(request, adminToken, `/api/admin/notifications/?${search}`)).count;
}
