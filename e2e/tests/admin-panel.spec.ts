// The notifications admin panel (/dashboard/notifications): filters, search, edit, delete; and that
// it is the admin's alone, in the UI and in the API.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import {
  adminTotal,
  apiPost,
  apiToken,
  innermost,
  NOT_ALLOWED,
  PHONE,
  selectMatching,
  signIn,
  unique,
} from './helpers.ts';

/** The line with the total: "N notifications" (the app may add more, e.g. " · page 1 of 2"). */
function totalLine(page: Page) {
  return page.getByText(/^\s*\d+ notifications?\b/);
}

async function expectTotal(page: Page, count: number) {
  await expect(totalLine(page)).toHaveText(new RegExp(`^\\s*${count} notifications?\\b`));
}

function dataRows(page: Page) {
  return page.getByRole('row').filter({ has: page.getByRole('cell') });
}

/** Every row of the table matches, once it has caught up (two queries may have the same total). */
async function expectEveryRow(page: Page, pattern: RegExp) {
  await expect(async () => {
    const texts = await dataRows(page).allInnerTexts();
    expect(texts.length, 'the table shows rows').toBeGreaterThan(0);
    for (const text of texts) expect(text).toMatch(pattern);
  }).toPass({ timeout: 5_000 });
}

test('e. the admin filters, searches, edits and deletes notifications', async ({ page, request }) => {
  const adminToken = await apiToken(request, 'admin');
  const runId = unique();
  const editTitle = `Edit me ${runId}`;
  const renamed = `Renamed notice ${runId}`;
  const deleteTitle = `Delete me ${runId}`;
  for (const title of [editTitle, deleteTitle]) {
    await apiPost(request, adminToken, '/api/admin/notifications/', {
      role: 'host',
      notification_type: 'system',
      title,
      content: `Created by the browser tests (${runId}).`,
    });
  }

  await signIn(page, 'admin');
  await page.goto('/dashboard/notifications');
  await expect(page.getByRole('heading', { name: 'Notifications admin' })).toBeVisible();
  for (const column of ['User', 'Type', 'Title', 'Read', 'Created']) {
    await expect(page.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  }
  await expectTotal(page, await adminTotal(request, adminToken, {}));

  const filters = innermost(page, page.getByLabel('Search', { exact: true }), page.getByLabel('Read status'));
  const search = filters.getByLabel('Search', { exact: true });
  const type = filters.getByLabel('Type', { exact: true });
  const readStatus = filters.getByLabel('Read status');
  await expect(filters.getByLabel('From', { exact: true })).toBeVisible();
  await expect(filters.getByLabel('To', { exact: true })).toBeVisible();

  // Type
  await selectMatching(type, /^announcements?$/i);
  await expectTotal(page, await adminTotal(request, adminToken, { notification_type: 'announcement' }));
  await expectEveryRow(page, /announcement/i);
  await type.selectOption({ index: 0 });
  await expectTotal(page, await adminTotal(request, adminToken, {}));

  // Read status
  await selectMatching(readStatus, /^unread$/i);
  await expectTotal(page, await adminTotal(request, adminToken, { is_read: 'false' }));
  await expectEveryRow(page, /\bUnread\b/);
  await selectMatching(readStatus, /^read$/i);
  await expectTotal(page, await adminTotal(request, adminToken, { is_read: 'true' }));
  await expectEveryRow(page, /\bRead\b/);
  await readStatus.selectOption({ index: 0 });
  await expectTotal(page, await adminTotal(request, adminToken, {}));

  // Search by a username, then by a word of a title
  await search.fill('carol');
  await expectTotal(page, await adminTotal(request, adminToken, { search: 'carol' }));
  await expectEveryRow(page, /carol/i);
  await search.fill('catalogue');
  await expectTotal(page, await adminTotal(request, adminToken, { search: 'catalogue' }));
  await expectEveryRow(page, /catalogue/i);

  // Edit a title
  await search.fill(runId);
  await expectTotal(page, 2);
  await dataRows(page)
    .filter({ hasText: editTitle })
    .getByRole('button', { name: 'Edit', exact: true })
    .click();
  const editDialog = page.getByRole('dialog').filter({ has: page.getByRole('button', { name: 'Save' }) });
  await expect(editDialog).toBeVisible();
  await expect(editDialog.getByLabel('Title', { exact: true })).toHaveValue(editTitle);
  await expect(editDialog.getByLabel('Content', { exact: true })).toBeVisible();
  await editDialog.getByLabel('Title', { exact: true }).fill(renamed);
  await editDialog.getByRole('button', { name: 'Save' }).click();
  await expect(editDialog).toBeHidden();
  await expect(dataRows(page).filter({ hasText: renamed })).toHaveCount(1);
  await expect(dataRows(page).filter({ hasText: editTitle })).toHaveCount(0);
  expect(await adminTotal(request, adminToken, { search: renamed })).toBe(1);

  // Delete one
  await dataRows(page)
    .filter({ hasText: deleteTitle })
    .getByRole('button', { name: 'Delete', exact: true })
    .click();
  const deleteDialog = page.getByRole('dialog', { name: 'Delete notification?' });
  await expect(deleteDialog).toBeVisible();
  await deleteDialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(deleteDialog).toBeHidden();
  await expect(dataRows(page).filter({ hasText: deleteTitle })).toHaveCount(0);
  await expectTotal(page, 1);
  expect(await adminTotal(request, adminToken, { search: deleteTitle })).toBe(0);
});

test('g. on a phone the admin panel lists the notifications instead of a table wider than the screen', async ({
  page,
  request,
}) => {
  await page.setViewportSize(PHONE);
  const adminToken = await apiToken(request, 'admin');
  const title = `On a phone ${unique()}`;
  await apiPost(request, adminToken, '/api/admin/notifications/', {
    role: 'host',
    notification_type: 'system',
    title,
    content: 'Read on a small screen.',
  });

  await signIn(page, 'admin');
  await page.goto('/dashboard/notifications');
  const item = page
    .getByRole('list', { name: 'Notifications' })
    .getByRole('listitem')
    .filter({ hasText: title });
  await expect(item).toBeVisible();
  await expect(item.getByText('Unread')).toBeVisible();
  await expect(item.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();
  await expect(page.getByRole('table')).toBeHidden();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

  await item.getByRole('button', { name: 'Delete', exact: true }).click();
  await page
    .getByRole('dialog', { name: 'Delete notification?' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(item).toHaveCount(0);
});

test('f. a student may not use the admin panel, in the UI or the API', async ({ page, request }) => {
  await signIn(page, 'alice');
  await page.goto('/dashboard/notifications');
  await expect(page.getByText(NOT_ALLOWED)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Notifications admin' })).toHaveCount(0);
  await expect(page.getByRole('table')).toHaveCount(0);

  await page.goto('/dashboard');
  await expect(page.getByText(NOT_ALLOWED)).toBeVisible();

  const headers = { authorization: `Bearer ${await apiToken(request, 'alice')}` };
  expect((await request.get('/api/admin/notifications/', { headers })).status()).toBe(403);
  const send = await request.post('/api/admin/notifications/', {
    headers,
    data: { everyone: true, notification_type: 'system', title: 'Hacked', content: 'Hacked' },
  });
  expect(send.status()).toBe(403);
});
