// The root query key of each API resource. A feature's queries hang under their resource's root,
// so an action in one feature that changes another resource (registering changes a webinar's
// `my_registration`, starting a live session its status) invalidates that root without importing
// the other feature.
export const resourceKeys = {
  session: ['session'],
  notifications: ['notifications'],
  webinars: ['webinars'],
  registrations: ['registrations'],
  recordings: ['recordings'],
  announcements: ['announcements'],
  adminNotifications: ['admin-notifications'],
  contact: ['contact'],
  channelPreferences: ['channel-preferences'],
  pushSubscriptions: ['push-subscriptions'],
  deliveries: ['deliveries'],
  deliveryPolicies: ['delivery-policies'],
} as const;
