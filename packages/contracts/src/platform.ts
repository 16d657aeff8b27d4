import Type from 'typebox';
import { DateTime, Nullable, Role, StringEnum } from './common.ts';

/** The largest id an `integer` column holds: a larger one would make PostgreSQL fail, not miss. */
export const MAX_ROW_ID = 2_147_483_647;
/** The id of a platform row (user, webinar, registration, announcement) in a body or a query. */
export const RowId = Type.Integer({ minimum: 1, maximum: MAX_ROW_ID });
/**
 * A platform row's id in a URL path: digits only, like IdParams, and at most MAX_ROW_ID, so an id
 * past the column's range is a 400 instead of a database error.
 */
export const RowIdParams = Type.Object({
  id: Type.String({
    pattern:
      '^(?:[1-9][0-9]{0,8}|1[0-9]{9}|20[0-9]{8}|21[0-3][0-9]{7}|214[0-6][0-9]{6}|2147[0-3][0-9]{5}|21474[0-7][0-9]{4}|214748[0-2][0-9]{3}|2147483[0-5][0-9]{2}|21474836[0-3][0-9]|214748364[0-7])$',
    description: 'Numeric id, at most 2147483647',
  }),
});
export type RowIdParams = Type.Static<typeof RowIdParams>;

/**
 * `?page=` and `?page_size=` of every numbered list. Bounded, so that the offset stays a small
 * number; the server takes only plain decimal digits for them (see http/validation.ts).
 */
export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type PageQuery = Type.Static<typeof PageQuery>;

export const UserSummary = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  display_name: Type.String(),
});
export const WebinarSummary = Type.Object({ id: Type.Integer(), title: Type.String() });

export const WebinarStatus = StringEnum(['scheduled', 'live', 'ended']);
export type WebinarStatus = Type.Static<typeof WebinarStatus>;
export const RegistrationStatus = StringEnum(['pending', 'approved', 'rejected']);
export type RegistrationStatus = Type.Static<typeof RegistrationStatus>;

export const Webinar = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  description: Type.String(),
  host: UserSummary,
  starts_at: DateTime,
  duration_minutes: Type.Integer(),
  status: WebinarStatus,
  created_at: DateTime,
  /** The signed-in user's registration for this webinar, if any. */
  my_registration: Nullable(Type.Object({ id: Type.Integer(), status: RegistrationStatus })),
});
export type Webinar = Type.Static<typeof Webinar>;

const Title = Type.String({ minLength: 1, maxLength: 200 });
const Description = Type.String({ maxLength: 5000 });
const Duration = Type.Integer({ minimum: 1, maximum: 1440 });

export const WebinarCreate = Type.Object(
  {
    title: Title,
    description: Type.Optional(Description),
    starts_at: DateTime,
    duration_minutes: Type.Optional(Duration),
    /** Admins may create a webinar for a host; a host always hosts their own. */
    host_id: Type.Optional(RowId),
  },
  { additionalProperties: false },
);
export type WebinarCreate = Type.Static<typeof WebinarCreate>;

export const WebinarUpdate = Type.Object(
  {
    title: Type.Optional(Title),
    description: Type.Optional(Description),
    starts_at: Type.Optional(DateTime),
    duration_minutes: Type.Optional(Duration),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type WebinarUpdate = Type.Static<typeof WebinarUpdate>;

export const WebinarListQuery = Type.Object({
  status: Type.Optional(StringEnum(['upcoming', 'live', 'ended', 'scheduled'])),
  /** Webinars I host (hosts) or registered for (students). */
  mine: Type.Optional(Type.Boolean()),
  ...PageQuery.properties,
});
export type WebinarListQuery = Type.Static<typeof WebinarListQuery>;

export const Page = <T extends Type.TSchema>(item: T) =>
  Type.Object({
    count: Type.Integer(),
    page: Type.Integer(),
    page_size: Type.Integer(),
    results: Type.Array(item),
  });

export const Registration = Type.Object({
  id: Type.Integer(),
  user: UserSummary,
  webinar: WebinarSummary,
  status: RegistrationStatus,
  created_at: DateTime,
  decided_at: Nullable(DateTime),
});
export type Registration = Type.Static<typeof Registration>;

/** Every action that raises notifications says how many users it notified. */
export const Notified = Type.Object({ notified: Type.Integer() });

/** A reminder sent by hand; a repeat with the same Idempotency-Key says the first one's count. */
export const Reminded = Type.Object({
  notified: Type.Integer(),
  /** True when an Idempotency-Key was seen before: this request notified no one. */
  replayed: Type.Boolean(),
});

export const RegistrationDecision = Type.Object({ registration: Registration, notified: Type.Integer() });

export const LiveSession = Type.Object({
  id: Type.Integer(),
  webinar_id: Type.Integer(),
  started_at: DateTime,
  ended_at: Nullable(DateTime),
});
export type LiveSession = Type.Static<typeof LiveSession>;

export const LiveSessionAction = Type.Object({
  session: LiveSession,
  webinar_status: WebinarStatus,
  notified: Type.Integer(),
});

export const LiveSessionJoin = Type.Object({ session: LiveSession, joined_at: DateTime });

/**
 * Where an announcement stands: `scheduled` (waits for its `send_at`), `sent` (at `sent_at`),
 * `cancelled` before it went, or `missed`: the server was down at `send_at` for longer than the
 * grace period, so it was not sent by itself; an admin sends it now or cancels it.
 */
export const AnnouncementState = StringEnum(['scheduled', 'sent', 'cancelled', 'missed']);
export type AnnouncementState = Type.Static<typeof AnnouncementState>;

export const Announcement = Type.Object({
  id: Type.Integer(),
  title: Type.String(),
  content: Type.String(),
  author: Nullable(UserSummary),
  state: AnnouncementState,
  /** When it is (or was) to go out; null for one sent when it was made. */
  send_at: Nullable(DateTime),
  sent_at: Nullable(DateTime),
  created_at: DateTime,
  updated_at: DateTime,
});
export type Announcement = Type.Static<typeof Announcement>;

const AnnouncementContent = Type.String({ minLength: 1, maxLength: 10000 });
/** A date and time with its zone (`2026-12-24T18:00:00+01:00`), in the future and at most a year ahead. */
const SendAt = Type.String({
  format: 'date-time',
  description: 'With a zone (Z or ±hh:mm); in the future, at most a year ahead',
});
/** How far ahead an announcement may be scheduled. */
export const ANNOUNCEMENT_MAX_LEAD_DAYS = 365;

export const AnnouncementCreate = Type.Object(
  {
    title: Title,
    content: AnnouncementContent,
    /** Schedule it for later; without it the announcement is sent at once. */
    send_at: Type.Optional(SendAt),
  },
  { additionalProperties: false },
);
export type AnnouncementCreate = Type.Static<typeof AnnouncementCreate>;
/** Edits a scheduled (or missed) announcement; a new `send_at` schedules it again. */
export const AnnouncementUpdate = Type.Object(
  {
    title: Type.Optional(Title),
    content: Type.Optional(AnnouncementContent),
    send_at: Type.Optional(SendAt),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AnnouncementUpdate = Type.Static<typeof AnnouncementUpdate>;
export const AnnouncementCreated = Type.Object({
  announcement: Announcement,
  notified: Type.Integer(),
  /** True when an Idempotency-Key was seen before: the first request's answer, notifying no one. */
  replayed: Type.Boolean(),
});

/** An announcement an admin sent by hand (a scheduled or missed one), and how many it notified. */
export const AnnouncementSent = Type.Object({ announcement: Announcement, notified: Type.Integer() });

export const Recording = Type.Object({
  id: Type.Integer(),
  webinar: WebinarSummary,
  title: Type.String(),
  url: Type.String(),
  created_at: DateTime,
});
export type Recording = Type.Static<typeof Recording>;

export const RecordingCreate = Type.Object(
  {
    title: Title,
    url: Type.String({
      maxLength: 2000,
      pattern: '^https?://[^\\s/$.?#][^\\s]*$',
      description: 'An http(s) URL',
    }),
  },
  { additionalProperties: false },
);
export const RecordingCreated = Type.Object({ recording: Recording, notified: Type.Integer() });

export const RoleParam = Role;
