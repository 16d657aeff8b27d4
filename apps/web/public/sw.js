// The web app's service worker: shows the server's push messages as notifications, and opens the
// page a notification (or one of its buttons) points to. Plain JavaScript, served as is.

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

/** The message's JSON (title, body, url, tag, icon, actions), or a bare title if it is not JSON. */
function readMessage(data) {
  if (!data) return {};
  try {
    return data.json();
  } catch {
    return { title: data.text() };
  }
}

self.addEventListener('push', (event) => {
  const message = readMessage(event.data);
  const actions = Array.isArray(message.actions) ? message.actions : [];
  event.waitUntil(
    self.registration.showNotification(message.title || 'Webinar Hub', {
      body: message.body || '',
      icon: message.icon,
      tag: message.tag,
      data: {
        url: message.url || '/',
        actions: Object.fromEntries(actions.map((action) => [action.action, action.url])),
      },
      actions: actions.map((action) => ({ action: action.action, title: action.title })),
    }),
  );
});

/**
 * Where a click on a notification goes: the clicked button's page, else the notification's. Always
 * in this app: a link to another origin keeps only its path (PUBLIC_URL may name another host).
 */
function notificationTarget(data, action) {
  const wanted = (action && data?.actions?.[action]) || data?.url || '/';
  const url = new URL(wanted, self.location.origin);
  return new URL(url.pathname + url.search + url.hash, self.location.origin).href;
}

/** Focuses a window of the app already on that page, or one on another page after moving it, or opens one. */
async function openOrFocus(target) {
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const same = windows.find((client) => client.url === target);
  if (same) return same.focus();
  const other = windows.find((client) => 'navigate' in client && client.url.startsWith(self.location.origin));
  if (other) {
    const moved = await other.navigate(target).catch(() => null);
    if (moved) return moved.focus();
  }
  return self.clients.openWindow(target);
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(openOrFocus(notificationTarget(event.notification.data, event.action)));
});
