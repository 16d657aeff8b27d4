// This browser's side of web push: the service worker (public/sw.js) that shows the notifications,
// the permission, and the subscription at the browser's push service.
import { i18n } from './i18n.ts';

export type PushSupport = 'supported' | 'unsupported';

export function pushSupport(): PushSupport {
  return typeof navigator !== 'undefined' &&
    'serviceWorker' in navigator &&
    typeof window !== 'undefined' &&
    'PushManager' in window &&
    'Notification' in window
    ? 'supported'
    : 'unsupported';
}

/** 'default' (not asked yet), 'granted' or 'denied'. */
export function notificationPermission(): NotificationPermission {
  return pushSupport() === 'supported' ? Notification.permission : 'denied';
}

/** Registers the service worker once the page has loaded; a browser without one just skips it. */
export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('The service worker could not be registered; push notifications are off.', error);
    });
  });
}

async function pushManager(): Promise<PushManager> {
  const registration =
    (await navigator.serviceWorker.getRegistration('/')) ??
    (await navigator.serviceWorker.register('/sw.js'));
  await navigator.serviceWorker.ready;
  return registration.pushManager;
}

/** This browser's subscription's endpoint, if it has one. */
export async function currentEndpoint(): Promise<string | null> {
  if (pushSupport() !== 'supported') return null;
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  return subscription?.endpoint ?? null;
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export class PushPermissionDenied extends Error {
  constructor() {
    super(i18n.t('push.blocked'));
  }
}

/**
 * Asks for the permission (only call this from a click: browsers ignore or penalise asking
 * otherwise) and subscribes this browser with the server's VAPID key.
 */
export async function subscribeThisBrowser(publicKey: string): Promise<PushSubscriptionJSON> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new PushPermissionDenied();
  const manager = await pushManager();
  try {
    const subscription =
      (await manager.getSubscription()) ??
      (await manager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) }));
    return subscription.toJSON();
  } catch (error) {
    // The browser's push service refused or is unreachable (e.g. a browser without one).
    throw new Error(i18n.t('push.subscribeFailed', { reason: (error as Error).message }));
  }
}

/** Ends this browser's subscription at its push service (the server forgets it separately). */
export async function unsubscribeThisBrowser(): Promise<void> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  const subscription = await registration?.pushManager.getSubscription();
  await subscription?.unsubscribe();
}
