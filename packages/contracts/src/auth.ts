import Type from 'typebox';
import { DateTime, Role } from './common.ts';

export const Credentials = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 150 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type Credentials = Type.Static<typeof Credentials>;

/** The shape djangorestframework-simplejwt answers with. */
export const TokenPair = Type.Object({ access: Type.String(), refresh: Type.String() });
export type TokenPair = Type.Static<typeof TokenPair>;

export const RefreshRequest = Type.Object(
  { refresh: Type.String({ minLength: 1, maxLength: 4096 }) },
  { additionalProperties: false },
);
export const AccessToken = Type.Object({ access: Type.String() });

export const User = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  email: Type.String(),
  display_name: Type.String(),
  role: Role,
  created_at: DateTime,
});
export type User = Type.Static<typeof User>;

/** What the browser gets after signing in: who it is and the CSRF token to echo in `X-CSRF-Token`. */
export const Session = Type.Object({ user: User, csrf_token: Type.String() });
export type Session = Type.Static<typeof Session>;

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_COOKIE = 'csrftoken';
export const SESSION_COOKIE = 'sessionid';
