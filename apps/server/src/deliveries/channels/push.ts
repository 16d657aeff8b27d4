// The web push channel: turns a due delivery into the JSON a browser's service worker shows, and
// sends it to each of the user's subscribed browsers through their push services (RFC 8030), signed
// with the server's VAPID key (RFC 8292) and encrypted for each browser (RFC 8291) by web-push.
// Nothing here decides whether to send (decide.ts) or when (worker.ts).
import { type NotificationType, notificationActions, type PushPayload } from '@webinar/contracts';
import webpush from 'web-push';
import type { VapidKeys } from '../../secrets.ts';
import type { DeliveryToSend } from '../deliveries.repository.ts';
import { absoluteUrl, leadActionAmong } from '../templates/email-links.ts';
import { webinarReferenceOf } from './delivery-webinar.ts';

/** How long a push service keeps a message for an offline browser, and how urgently it delivers. */
export interface PushTiming {
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
}

const HOUR = 3600;
/** A live start is worth nothing later; an approval or an announcement still is the next day. */
const TIMING_BY_TYPE: Record<NotificationType, PushTiming> = {
  live_started: { ttlSeconds: 5 * 60, urgency: 'high' },
  upcoming_webinar: { ttlSeconds: HOUR, urgency: 'normal' },
  registration_approved: { ttlSeconds: 24 * HOUR, urgency: 'normal' },
  announcement: { ttlSeconds: 24 * HOUR, urgency: 'normal' },
  new_recording: { ttlSeconds: 3 * 24 * HOUR, urgency: 'low' },
  live_ended: { ttlSeconds: HOUR, urgency: 'low' },
  system: { ttlSeconds: 24 * HOUR, urgency: 'normal' },
};

export function pushTimingFor(type: NotificationType): PushTiming {
  return TIMING_BY_TYPE[type];
}

/** Where a push message goes: one browser's subscription. */
export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** What a push service answered, sorted by what the worker does about it. */
export type PushResult =
  | { kind: 'delivered' }
  /** 404 or 410: the browser unsubscribed or the subscription expired; it is deleted. */
  | { kind: 'gone'; reason: string }
  /** 429, 5xx or no answer: try again later. */
  | { kind: 'temporary'; reason: string }
  /** Any other refusal (a bad request, a VAPID key the service rejects). */
  | { kind: 'permanent'; reason: string };

export interface PushChannel {
  /** The public half of the VAPID key, for browsers to subscribe with; null when push is off. */
  readonly publicKey: string | null;
  compose(delivery: DeliveryToSend): PushPayload;
  send(target: PushTarget, payload: PushPayload, timing: PushTiming): Promise<PushResult>;
}

export interface PushChannelDeps {
  vapid: VapidKeys | undefined;
  subject: string;
  publicUrl: string;
  /** How long to wait for a push service's answer. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
/** A VAPID token is signed for 12 hours (RFC 8292 allows 24) and signed again an hour before it ends. */
const VAPID_TOKEN_SECONDS = 12 * 3600;
const VAPID_RENEW_MS = 3600_000;

export function createPushChannel(deps: PushChannelDeps): PushChannel {
  const { publicUrl, vapid } = deps;
  // One signed token per push service: an ES256 signature per message would cost more than the rest.
  const vapidTokens = new Map<string, { authorization: string; renewAt: number }>();

  function vapidAuthorization(endpoint: string, keys: VapidKeys): string {
    const audience = new URL(endpoint).origin;
    const now = Date.now();
    const kept = vapidTokens.get(audience);
    if (kept && kept.renewAt > now) return kept.authorization;
    const expiresAt = Math.floor(now / 1000) + VAPID_TOKEN_SECONDS;
    const { Authorization } = webpush.getVapidHeaders(
      audience,
      deps.subject,
      keys.publicKey,
      keys.privateKey,
      'aes128gcm',
      expiresAt,
    );
    vapidTokens.set(audience, { authorization: Authorization, renewAt: expiresAt * 1000 - VAPID_RENEW_MS });
    return Authorization;
  }

  function compose(delivery: DeliveryToSend): PushPayload {
    if (delivery.title === null || delivery.notification_type === null)
      throw new Error(`delivery ${delivery.id} has no notification to send`);
    const type = delivery.notification_type;
    const webinar = webinarReferenceOf(delivery);
    const all = notificationActions(type, webinar);
    // The notification's own actions that apply now, as the browser's buttons (it shows two at most).
    const actions = all
      .filter((candidate) => candidate.unavailable === null)
      .slice(0, 2)
      .map((candidate) => ({
        action: candidate.kind,
        title: candidate.label,
        url: absoluteUrl(publicUrl, candidate.href),
      }));
    return {
      title: delivery.title,
      body: delivery.content ?? '',
      // A click goes where the email's button goes.
      url: leadActionAmong(all, webinar?.id ?? null, publicUrl).url,
      // One notification on screen per webinar and type: a newer one replaces it.
      tag: webinar ? `${type}-${webinar.id}` : `${type}-${delivery.notification_id}`,
      icon: `${publicUrl}/icon.svg`,
      actions,
    };
  }

  async function send(target: PushTarget, payload: PushPayload, timing: PushTiming): Promise<PushResult> {
    if (!vapid) return { kind: 'permanent', reason: 'push is not configured (no VAPID keys)' };
    // web-push encrypts the payload for the browser and builds the request (no global VAPID
    // details are set: the kept token is added); fetch sends it, as web-push's own sender speaks
    // https only and a local test push service is plain http.
    let request: ReturnType<typeof webpush.generateRequestDetails>;
    try {
      request = webpush.generateRequestDetails(
        { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
        JSON.stringify(payload),
        { TTL: timing.ttlSeconds, urgency: timing.urgency },
      );
      request.headers.Authorization = vapidAuthorization(target.endpoint, vapid);
    } catch (error) {
      // Keys that do not make a P-256 point, e.g. from an old row: no try will do better.
      return { kind: 'permanent', reason: `could not encrypt for this browser: ${(error as Error).message}` };
    }
    let status: number;
    let answer: string;
    try {
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: request.body ? new Uint8Array(request.body) : null,
        signal: AbortSignal.timeout(deps.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      status = response.status;
      answer = (await response.text()).slice(0, 200);
    } catch (error) {
      return { kind: 'temporary', reason: `push service unreachable: ${(error as Error).message}` };
    }
    if (status >= 200 && status < 300) return { kind: 'delivered' };
    const reason = `push service answered ${status}${answer ? `: ${answer}` : ''}`;
    if (status === 404 || status === 410) return { kind: 'gone', reason };
    if (status === 429 || status >= 500) return { kind: 'temporary', reason };
    return { kind: 'permanent', reason };
  }

  return { publicKey: vapid?.publicKey ?? null, compose, send };
}
