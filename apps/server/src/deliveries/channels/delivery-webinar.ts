// The notification's webinar as a delivery loaded it, read the same way by every channel.
import type { WebinarStatus } from '@webinar/contracts';
import type { DeliveryToSend } from '../deliveries.repository.ts';

/** Its id and status (they come from one left join: a row with an id has a status). */
export function webinarReferenceOf(delivery: DeliveryToSend): { id: number; status: WebinarStatus } | null {
  if (delivery.webinar_id === null) return null;
  return { id: delivery.webinar_id, status: delivery.webinar_status ?? 'scheduled' };
}
