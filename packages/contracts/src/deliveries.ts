// Channels that carry a notification to someone who is not on the site (email, web push),
// the rules for when they do, and the log of what was carried.
import Type from 'typebox';
import { DateTime, Nullable, StringEnum } from './common.ts';
import { NOTIFICATION_TYPES, NotificationType } from './notifications.ts';
import { PageQuery, RowId } from './platform.ts';

/** Where a notification can reach its user: the web app's bell, and the channels with deliveries. */
export const CHANNELS = ['in_app', 'email', 'push'] as const;
export type Channel = (typeof CHANNELS)[number];
export const DELIVERY_CHANNELS = ['email', 'push'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export const DeliveryChannel = StringEnum(DELIVERY_CHANNELS);

export const CHANNEL_LABELS: Record<Channel, string> = { in_app: 'In-app', email: 'Email', push: 'Push' };

/**
 * When a channel carries a type: never, at once, only if the notification is still unread after
 * `delay_minutes`, or gathered with the others of a `delay_minutes` window into one message.
 */
export const DELIVERY_TIMINGS = ['off', 'immediate', 'if_unread', 'digest'] as const;
export type DeliveryTiming = (typeof DELIVERY_TIMINGS)[number];
export const DeliveryTiming = StringEnum(DELIVERY_TIMINGS);

/** The most a delay or a digest window may be: one week. */
export const MAX_DELAY_MINUTES = 7 * 24 * 60;

export const DeliveryPolicy = Type.Object({
  notification_type: NotificationType,
  channel: DeliveryChannel,
  timing: DeliveryTiming,
  delay_minutes: Type.Integer({ minimum: 0, maximum: MAX_DELAY_MINUTES }),
});
export type DeliveryPolicy = Type.Static<typeof DeliveryPolicy>;

export const DeliveryPolicyList = Type.Object({ results: Type.Array(DeliveryPolicy) });
export type DeliveryPolicyList = Type.Static<typeof DeliveryPolicyList>;

/** An admin's change to one type's default on one channel. */
export const DeliveryPolicyUpdate = Type.Object(
  {
    timing: DeliveryTiming,
    delay_minutes: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_DELAY_MINUTES })),
  },
  { additionalProperties: false },
);
export type DeliveryPolicyUpdate = Type.Static<typeof DeliveryPolicyUpdate>;

export const DeliveryPolicyParams = Type.Object({ type: NotificationType, channel: DeliveryChannel });
export type DeliveryPolicyParams = Type.Static<typeof DeliveryPolicyParams>;

/** One cell of a user's matrix: on or off, and whether that is the admin's default (no override). */
export const ChannelSetting = Type.Object({
  enabled: Type.Boolean(),
  is_default: Type.Boolean(),
  /** False where the user cannot change it (`system` stays on in-app). */
  editable: Type.Boolean(),
});
export type ChannelSetting = Type.Static<typeof ChannelSetting>;

export const ChannelPreferenceRow = Type.Object({
  notification_type: NotificationType,
  in_app: ChannelSetting,
  email: ChannelSetting,
  /** When email carries this type if it is on (the admin's timing; `off` types can still be turned on). */
  email_timing: DeliveryTiming,
  email_delay_minutes: Type.Integer(),
  /** Browser notifications on the user's subscribed browsers (see PushSubscription). */
  push: ChannelSetting,
  push_timing: DeliveryTiming,
  push_delay_minutes: Type.Integer(),
});
export type ChannelPreferenceRow = Type.Static<typeof ChannelPreferenceRow>;

/** A user's matrix of types by channels. Email needs in-app: a type muted in-app is not emailed. */
export const ChannelPreferences = Type.Object({ results: Type.Array(ChannelPreferenceRow) });
export type ChannelPreferences = Type.Static<typeof ChannelPreferences>;

const ChannelChange = Type.Object(
  {
    in_app: Type.Optional(Type.Boolean()),
    /** `null` goes back to the admin's default. */
    email: Type.Optional(Nullable(Type.Boolean())),
    push: Type.Optional(Nullable(Type.Boolean())),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ChannelPreferencesUpdate = Type.Object(
  Object.fromEntries(NOTIFICATION_TYPES.map((t) => [t, Type.Optional(ChannelChange)])) as Record<
    NotificationType,
    ReturnType<typeof Type.Optional<typeof ChannelChange>>
  >,
  { additionalProperties: false, minProperties: 1 },
);
export type ChannelPreferencesUpdate = Partial<
  Record<NotificationType, { in_app?: boolean; email?: boolean | null; push?: boolean | null }>
>;

/** Where a user's email address stands. Only a verified one receives notifications. */
export const EMAIL_STATUSES = ['none', 'unverified', 'verified', 'failing'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
export const EmailStatus = StringEnum(EMAIL_STATUSES);

/** The signed-in user's contact settings (`/api/auth/me/contact/`). */
export const ContactSettings = Type.Object({
  email: Type.String(),
  email_status: EmailStatus,
  /** Why the address is failing (the mail server's answer), when it is. */
  email_failure: Nullable(Type.String()),
  /** An IANA time zone name, e.g. `Europe/Paris`; emails give times in it. */
  time_zone: Type.String(),
});
export type ContactSettings = Type.Static<typeof ContactSettings>;

export const ContactSettingsUpdate = Type.Object(
  {
    /** An empty string removes the address. A new address is unverified until its link is opened. */
    email: Type.Optional(Type.String({ maxLength: 254 })),
    time_zone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ContactSettingsUpdate = Type.Static<typeof ContactSettingsUpdate>;

/** A signed link's token, from an email (verification or unsubscribe). */
export const SignedToken = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type SignedToken = Type.Static<typeof SignedToken>;

export const EmailVerified = Type.Object({ email: Type.String() });

/** What an unsubscribe link is about, shown on the page it opens (no sign-in needed). */
export const UnsubscribeState = Type.Object({
  notification_type: NotificationType,
  type_label: Type.String(),
  email: Type.String(),
  /** Whether that type is emailed to this user now. */
  subscribed: Type.Boolean(),
});
export type UnsubscribeState = Type.Static<typeof UnsubscribeState>;

export const UnsubscribeChange = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 2000 }), subscribed: Type.Boolean() },
  { additionalProperties: false },
);
export type UnsubscribeChange = Type.Static<typeof UnsubscribeChange>;

export const DELIVERY_STATUSES = ['pending', 'sending', 'retrying', 'sent', 'failed', 'skipped'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
export const DeliveryStatus = StringEnum(DELIVERY_STATUSES);

export const DELIVERY_PURPOSES = ['notification', 'email_verification', 'test'] as const;
export type DeliveryPurpose = (typeof DELIVERY_PURPOSES)[number];
export const DeliveryPurpose = StringEnum(DELIVERY_PURPOSES);

export const Delivery = Type.Object({
  id: Type.Integer(),
  channel: DeliveryChannel,
  purpose: DeliveryPurpose,
  user: Type.Object({ id: Type.Integer(), username: Type.String() }),
  notification_id: Nullable(Type.Integer()),
  notification_type: Type.Unsafe<NotificationType | null>({
    type: ['string', 'null'],
    enum: [...NOTIFICATION_TYPES, null],
  }),
  /** The notification's title, while it exists. */
  title: Nullable(Type.String()),
  status: DeliveryStatus,
  attempts: Type.Integer(),
  /** Why it was skipped, or the last error. */
  reason: Nullable(Type.String()),
  address: Nullable(Type.String()),
  /** The delivery whose digest message carried this one. */
  digest_id: Nullable(Type.Integer()),
  due_at: DateTime,
  created_at: DateTime,
  finished_at: Nullable(DateTime),
});
export type Delivery = Type.Static<typeof Delivery>;

export const DeliveryQuery = Type.Object({
  channel: Type.Optional(DeliveryChannel),
  status: Type.Optional(DeliveryStatus),
  notification_type: Type.Optional(NotificationType),
  user: Type.Optional(RowId),
  created_after: Type.Optional(DateTime),
  created_before: Type.Optional(DateTime),
  ...PageQuery.properties,
});
export type DeliveryQuery = Type.Static<typeof DeliveryQuery>;

export const DeliveryPage = Type.Object({
  count: Type.Integer(),
  page: Type.Integer(),
  page_size: Type.Integer(),
  results: Type.Array(Delivery),
});
export type DeliveryPage = Type.Static<typeof DeliveryPage>;

/** The message as it is (or was) sent: rendered again from the notification and the template. */
export const DeliveryPreview = Type.Object({
  subject: Type.String(),
  from: Type.String(),
  to: Nullable(Type.String()),
  html: Type.String(),
  text: Type.String(),
  attachments: Type.Array(Type.Object({ filename: Type.String(), content_type: Type.String() })),
  /** For a push delivery: the JSON the browsers receive (the email fields are then empty). */
  push_payload: Type.Optional(Type.Unknown()),
});
export type DeliveryPreview = Type.Static<typeof DeliveryPreview>;

/** What a browser receives in a push message, and its service worker shows (web push). */
export const PushPayload = Type.Object({
  title: Type.String(),
  body: Type.String(),
  /** The page a click opens (absolute under PUBLIC_URL). */
  url: Type.String(),
  /** A newer notification of the same tag replaces the older one on screen. */
  tag: Type.String(),
  icon: Type.String(),
  actions: Type.Array(Type.Object({ action: Type.String(), title: Type.String(), url: Type.String() })),
});
export type PushPayload = Type.Static<typeof PushPayload>;

/** The server's VAPID public key, for `pushManager.subscribe`; null when push is not configured. */
export const PushPublicKey = Type.Object({ public_key: Nullable(Type.String()) });
export type PushPublicKey = Type.Static<typeof PushPublicKey>;

/** What a browser's `PushSubscription.toJSON()` gives, posted to subscribe that browser. */
export const PushSubscriptionInput = Type.Object(
  {
    endpoint: Type.String({ minLength: 1, maxLength: 2000 }),
    expirationTime: Type.Optional(Nullable(Type.Number())),
    keys: Type.Object(
      {
        // A P-256 public key (65 bytes) and a 16-byte secret, base64url.
        p256dh: Type.String({ minLength: 80, maxLength: 100, pattern: '^[A-Za-z0-9_-]+=*$' }),
        auth: Type.String({ minLength: 16, maxLength: 32, pattern: '^[A-Za-z0-9_-]+=*$' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PushSubscriptionInput = Type.Static<typeof PushSubscriptionInput>;

/** One of the signed-in user's browsers that receives push notifications. */
export const PushSubscription = Type.Object({
  id: Type.Integer(),
  endpoint: Type.String(),
  /** E.g. "Chrome on Linux", from the browser's User-Agent when it subscribed. */
  device_label: Type.String(),
  created_at: DateTime,
  last_used_at: Nullable(DateTime),
});
export type PushSubscription = Type.Static<typeof PushSubscription>;

export const PushSubscriptionList = Type.Object({ results: Type.Array(PushSubscription) });
export type PushSubscriptionList = Type.Static<typeof PushSubscriptionList>;
