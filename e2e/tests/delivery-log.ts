// The delivery log as the admin reads it, for the email specs: deliveries by query, waiting for one,
// a delivery's rendered email, and a picture of it.
import type { APIRequestContext, Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import { apiGet, DESKTOP, screenshotPath } from './helpers.ts';

export interface Delivery {
  id: number;
  purpose: string;
  notification_type: string | null;
  status: string;
  digest_id: number | null;
  title: string | null;
}

export interface Preview {
  subject: string;
  html: string;
  text: string;
  attachments: Array<{ filename: string }>;
}

/** How long the delivery worker may take to get to a due delivery (it is woken, and runs every 5 s). */
export const WORKER_TIMEOUT = 30_000;

export async function deliveriesOf(
  request: APIRequestContext,
  adminToken: string,
  query: Record<string, string>,
): Promise<Delivery[]> {
  const search = new URLSearchParams({ page_size: '100', ...query });
  return (await apiGet<{ results: Delivery[] }>(request, adminToken, `/api/admin/deliveries/?${search}`))
    .results;
}

/** The newest delivery of the user matching `match`, once there is one. */
export async function waitForDelivery(
  request: APIRequestContext,
  adminToken: string,
  query: Record<string, string>,
  match: (delivery: Delivery) => boolean = () => true,
): Promise<Delivery> {
  let found: Delivery | undefined;
  await expect
    .poll(
      async () => {
        found = (await deliveriesOf(request, adminToken, query)).find(match);
        return found !== undefined;
      },
      { timeout: WORKER_TIMEOUT },
    )
    .toBe(true);
  return found as Delivery;
}

export function preview(request: APIRequestContext, adminToken: string, id: number): Promise<Preview> {
  return apiGet<Preview>(request, adminToken, `/api/admin/deliveries/${id}/preview/`);
}

/** Opens a delivery's detail as the admin and pictures its rendered email, the frame made tall enough. */
export async function pictureEmail(page: Page, deliveryId: number, name: string): Promise<void> {
  // Tall enough for the whole frame: scrolled, the sticky navbar would cover its top.
  await page.setViewportSize({ width: DESKTOP.width, height: 1800 });
  await page.goto(`/dashboard/deliveries/${deliveryId}`);
  const frame = page.getByTitle('Email preview');
  await expect(frame).toBeVisible();
  await expect(page.frameLocator('iframe[title="Email preview"]').locator('body')).not.toBeEmpty();
  await frame.evaluate((element) => {
    (element as HTMLIFrameElement).style.height = '800px';
  });
  await frame.screenshot({ animations: 'disabled', path: screenshotPath(`email-${name}`) });
}
