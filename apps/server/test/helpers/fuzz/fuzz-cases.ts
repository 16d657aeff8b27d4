// Turns an OpenAPI operation into requests: a valid one built from its schemas (and the seeded
// fixtures' ids), then the same with one thing made hostile. Each case says what it changed
// (its cause) and, when the change makes the request one the server must refuse, which statuses
// a refusal may have.
import {
  BODY_VALUES,
  EXTRA_PROPERTIES,
  HEADER_VALUES,
  InvalidUtf8,
  PARAMETER_VALUES,
  type ParameterValue,
  RawJson,
  UNKNOWN_ID,
  WHOLE_BODIES,
  WRONG_CONTENT_TYPES,
} from './hostile-values.ts';
import { fitsBody, fitsParameters, type JsonSchema, type Operation } from './openapi-operations.ts';
import type { Prng } from './prng.ts';

export interface FixtureUser {
  id: number;
  username: string;
  refresh: string;
}

/** What exists in the database, so that a valid request names real rows. */
export interface Fixtures {
  now: Date;
  password: string;
  student: FixtureUser;
  host: FixtureUser;
  admin: FixtureUser;
  webinarIds: number[];
  registrationIds: number[];
  announcementIds: number[];
  /** Notification ids by user id. */
  notificationIds: Map<number, number[]>;
  /** Email deliveries of those notifications. */
  deliveryIds: number[];
  /** The tokens of the student's email links: a verification link and an unsubscribe link. */
  emailTokens: string[];
  /** Each user's subscribed browsers (push), by user id. */
  pushSubscriptionIds: Map<number, number[]>;
  /** A browser's real P-256 public key and auth secret, for a subscription that must be accepted. */
  pushKeys: { p256dh: string; auth: string };
}

/** Whose request it is: the fuzz sends it with that user's credentials. */
export interface Sender {
  name: string;
  user: FixtureUser | null;
}

export type Mutation =
  | { kind: 'baseline' }
  | { kind: 'parameter'; in: 'path' | 'query'; name: string; value: ParameterValue }
  | { kind: 'header'; name: string; label: string; value: string }
  | { kind: 'property'; path: string[]; label: string; value: unknown }
  | { kind: 'missing'; name: string }
  | { kind: 'extra'; label: string; value: Record<string, unknown> }
  | { kind: 'whole body'; label: string; text: string }
  | { kind: 'no body' }
  | { kind: 'content type'; type: string }
  | { kind: 'idempotency key reused' };

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

export interface FuzzCase {
  operation: Operation;
  sender: Sender;
  cause: string;
  /** Sent first, answered as it may (the idempotency case's first use of its key). */
  before?: FuzzRequest;
  request: FuzzRequest;
  /** Set when the server must refuse: the statuses a refusal may have. */
  refuse?: readonly number[];
}

/** Any refusal; an anonymous sender or one without the role is refused before validation. */
const REFUSED = [400, 401, 403, 413, 415, 422] as const;
/** A request its schemas let through but the rules refuse: after validation, its row may be gone. */
const REFUSED_LATER = [...REFUSED, 404, 409] as const;
const AUTH_REFUSED = [401, 403] as const;

/** Every mutation of an operation, each once: the sweep sends all of them. */
export function mutationsOf(operation: Operation): Mutation[] {
  const mutations: Mutation[] = [{ kind: 'baseline' }];
  for (const parameter of operation.parameters) {
    if (parameter.in === 'header') {
      for (const { label, value } of HEADER_VALUES)
        mutations.push({ kind: 'header', name: parameter.name, label, value });
      continue;
    }
    for (const value of PARAMETER_VALUES) {
      if (parameter.in === 'path' && value.repeated) continue;
      mutations.push({ kind: 'parameter', in: parameter.in, name: parameter.name, value });
    }
  }
  const body = operation.body;
  if (body) {
    for (const [name, schema] of Object.entries(body.properties ?? {})) {
      for (const { label, value } of BODY_VALUES) {
        mutations.push({ kind: 'property', path: [name], label, value });
        if (schema.type === 'array') mutations.push({ kind: 'property', path: [name, '0'], label, value });
      }
    }
    for (const name of body.required ?? []) mutations.push({ kind: 'missing', name });
    for (const { label, value } of EXTRA_PROPERTIES)
      mutations.push({ kind: 'extra', label, value: value as Record<string, unknown> });
    for (const { label, text } of WHOLE_BODIES) mutations.push({ kind: 'whole body', label, text });
    mutations.push({ kind: 'no body' });
    for (const type of WRONG_CONTENT_TYPES) mutations.push({ kind: 'content type', type });
    if (operation.parameters.some((p) => p.in === 'header' && p.name === 'idempotency-key'))
      mutations.push({ kind: 'idempotency key reused' });
  }
  return mutations;
}

/** The rows a path's `{id}` names, by the segment before it. */
function idsFor(operation: Operation, sender: Sender, fixtures: Fixtures): number[] {
  const segments = operation.path.split('/');
  const segment = segments[segments.indexOf('{id}') - 1];
  switch (segment) {
    case 'webinars':
    case 'live-sessions':
      return fixtures.webinarIds;
    case 'registrations':
      return fixtures.registrationIds;
    case 'announcements':
      return fixtures.announcementIds;
    case 'notifications':
      // A user's own notifications; the admin panel's any user's.
      if (operation.path.startsWith('/api/admin/')) return [...fixtures.notificationIds.values()].flat();
      return fixtures.notificationIds.get(sender.user?.id ?? fixtures.student.id) ?? [];
    case 'deliveries':
      return fixtures.deliveryIds;
    case 'subscriptions':
      return fixtures.pushSubscriptionIds.get(sender.user?.id ?? fixtures.student.id) ?? [];
    default:
      throw new Error(`which rows does ${operation.path} name? Teach idsFor.`);
  }
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
function word(rng: Prng, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += ALPHABET[rng.int(0, ALPHABET.length - 1)];
  return text;
}

/** A valid value for a schema; `name` picks real ids and sensible text where the type says little. */
function validValue(schema: JsonSchema, name: string, rng: Prng, fixtures: Fixtures): unknown {
  const later = (days: number) => new Date(fixtures.now.getTime() + days * 86_400_000).toISOString();
  if (schema.enum) return rng.pick(schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'boolean':
      return rng.chance(0.5);
    case 'integer':
    case 'number': {
      if (name === 'host_id') return fixtures.host.id;
      if (name === 'webinar_id') return rng.pick(fixtures.webinarIds);
      if (name === 'user_ids' || name === 'user') return rng.pick([fixtures.student.id, fixtures.host.id]);
      const min = schema.minimum ?? 0;
      return rng.int(min, Math.min(schema.maximum ?? min + 20, min + 20));
    }
    case 'array':
      return [validValue(schema.items ?? {}, name, rng, fixtures)];
    case 'object':
      return validObject(schema, rng, fixtures);
    default: {
      if (schema.format === 'date-time')
        return name === 'created_after' ? later(-rng.int(1, 30)) : later(rng.int(2, 60));
      if (name === 'url') return `https://video.example/${word(rng, 8)}`;
      if (name === 'last_event_id') return String(rng.int(1, 50));
      if (name === 'idempotency-key') return `fuzz-${word(rng, 16)}`;
      if (name === 'token') return rng.pick(fixtures.emailTokens);
      if (name === 'email') return `fuzz.${word(rng, 8)}@example.com`;
      if (name === 'time_zone') return rng.pick(['UTC', 'Europe/Paris', 'America/New_York']);
      if (name === 'endpoint') return `https://push.example.com/send/${word(rng, 16)}`;
      if (name === 'p256dh') return fixtures.pushKeys.p256dh;
      if (name === 'auth') return fixtures.pushKeys.auth;
      const length = Math.max(schema.minLength ?? 1, Math.min(schema.maxLength ?? 12, 12));
      return `fuzz ${word(rng, Math.max(1, length - 5))}`.slice(0, schema.maxLength ?? 100);
    }
  }
}

function validObject(schema: JsonSchema, rng: Prng, fixtures: Fixtures): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  const value: Record<string, unknown> = {};
  const optional = Object.keys(schema.properties ?? {}).filter((name) => !required.has(name));
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (required.has(name) || rng.chance(0.3)) value[name] = validValue(property, name, rng, fixtures);
  }
  if (Object.keys(value).length < (schema.minProperties ?? 0) && optional.length > 0) {
    const name = rng.pick(optional);
    value[name] = validValue(schema.properties?.[name] ?? {}, name, rng, fixtures);
  }
  return value;
}

/** Bodies the schemas alone cannot make valid: credentials, tokens, exactly one kind of recipient. */
function validBody(operation: Operation, sender: Sender, rng: Prng, fixtures: Fixtures, focus?: string) {
  const user = sender.user ?? fixtures.student;
  const key = `${operation.method} ${operation.path}`;
  if (key === 'POST /api/auth/token/' || key === 'POST /api/auth/login/')
    return { username: user.username, password: fixtures.password };
  if (key === 'POST /api/auth/token/refresh/') return { refresh: user.refresh };
  const body = validObject(operation.body ?? {}, rng, fixtures);
  if (key === 'POST /api/admin/notifications/') {
    delete body.user_ids;
    delete body.role;
    delete body.everyone;
    // The kind of recipient a mutation is about, so that the rest of the body stays valid.
    const kinds = ['user_ids', 'role', 'everyone'] as const;
    const recipients = kinds.find((kind) => kind === focus) ?? rng.pick(kinds);
    if (recipients === 'user_ids') body.user_ids = [fixtures.student.id];
    else if (recipients === 'role') body.role = rng.pick(['student', 'host', 'admin']);
    else body.everyone = true;
  }
  return body;
}

interface Parts {
  path: Record<string, ParameterValue>;
  query: Array<[string, ParameterValue]>;
  headers: Record<string, string>;
  body: Record<string, unknown> | undefined;
}

function plain(decoded: string): ParameterValue {
  return { label: 'valid', raw: encodeURIComponent(decoded), decoded };
}

function validParts(
  operation: Operation,
  sender: Sender,
  rng: Prng,
  fixtures: Fixtures,
  focus?: string,
): Parts {
  const parts: Parts = { path: {}, query: [], headers: {}, body: undefined };
  for (const parameter of operation.parameters) {
    if (parameter.in === 'path' && parameter.name === 'id') {
      // Now and then an id no row has: a valid request all the same.
      const id = rng.chance(0.1) ? UNKNOWN_ID : rng.pick(idsFor(operation, sender, fixtures));
      parts.path[parameter.name] = plain(String(id));
    } else if (parameter.in === 'path') {
      parts.path[parameter.name] = plain(String(validValue(parameter.schema, parameter.name, rng, fixtures)));
    } else if (parameter.required || rng.chance(0.3)) {
      const value = String(validValue(parameter.schema, parameter.name, rng, fixtures));
      if (parameter.in === 'query') parts.query.push([parameter.name, plain(value)]);
      else parts.headers[parameter.name] = value;
    }
  }
  if (operation.body) parts.body = validBody(operation, sender, rng, fixtures, focus);
  return parts;
}

/** The body as bytes, with raw JSON and invalid UTF-8 spliced in where the values ask for it. */
function encodeBody(body: unknown): { payload: string | Buffer; parsed: unknown; known: boolean } {
  const raw: Array<RawJson | InvalidUtf8> = [];
  const text = JSON.stringify(body, (_key, value) => {
    if (value instanceof RawJson || value instanceof InvalidUtf8) {
      raw.push(value);
      return `\u0001${raw.length - 1}\u0001`;
    }
    return value;
  });
  if (raw.length === 0) return { payload: text, parsed: JSON.parse(text), known: true };
  const pieces = text.split(/"\\u0001(\d+)\\u0001"/);
  const buffers: Buffer[] = [];
  let known = true;
  for (const [i, piece] of pieces.entries()) {
    const value = i % 2 === 0 ? piece : raw[Number(piece)];
    if (typeof value === 'string') buffers.push(Buffer.from(value));
    else if (value instanceof RawJson) buffers.push(Buffer.from(value.text));
    else if (value) {
      known = false;
      buffers.push(Buffer.from('"'), value.bytes, Buffer.from('"'));
    }
  }
  const payload = Buffer.concat(buffers);
  return { payload, parsed: known ? JSON.parse(payload.toString()) : undefined, known };
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  const inner = target[head];
  const container = (
    Array.isArray(inner) ? inner : typeof inner === 'object' && inner ? inner : []
  ) as Record<string, unknown>;
  target[head] = container;
  setAt(container, rest, value);
}

function causeOf(mutation: Mutation): string {
  switch (mutation.kind) {
    case 'baseline':
    case 'no body':
    case 'idempotency key reused':
      return mutation.kind;
    case 'parameter':
      return `${mutation.in}.${mutation.name}=${mutation.value.label}`;
    case 'header':
      return `header.${mutation.name}=${mutation.label}`;
    case 'property':
      return `body.${mutation.path.join('.')}=${mutation.label}`;
    case 'missing':
      return `body.${mutation.name} missing`;
    case 'extra':
    case 'whole body':
      return mutation.label;
    case 'content type':
      return `content-type ${mutation.type}`;
  }
}

const SEMANTIC_REFUSALS: Array<(mutation: Mutation) => boolean> = [
  // Text with NUL cannot be stored, and no field means it.
  (m) =>
    (m.kind === 'parameter' && m.value.label.startsWith('NUL')) ||
    (m.kind === 'property' && m.label.startsWith('NUL')),
  // JSON must be valid Unicode: a lone surrogate or bytes that are not UTF-8 are not text.
  (m) => m.kind === 'property' && /surrogate|UTF-8/.test(m.label),
  (m) => m.kind === 'extra',
  // An id a body refers to must exist.
  (m) => m.kind === 'property' && m.label === 'unknown id' && /_ids?$/.test(m.path[0] ?? ''),
  (m) => m.kind === 'property' && m.label === 'past date' && m.path[0] === 'starts_at',
];

function encodeUrl(operation: Operation, parts: Parts): string {
  const path = operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => parts.path[name]?.raw ?? '');
  const query = parts.query.flatMap(([name, value]) =>
    value.repeated ? [`${name}=${value.raw}`, `${name}=${value.raw}`] : [`${name}=${value.raw}`],
  );
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}

/** Whether the mutated parts still fit the operation's schemas (undefined: cannot tell). */
function fitsSchemas(operation: Operation, parts: Parts, parsedBody: unknown, bodyKnown: boolean) {
  const path: Record<string, string> = {};
  for (const [name, value] of Object.entries(parts.path)) {
    if (value.decoded === undefined) return undefined;
    path[name] = value.decoded;
  }
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of parts.query) {
    if (value.decoded === undefined) return undefined;
    query[name] = value.repeated ? [value.decoded, value.decoded] : value.decoded;
  }
  if (!bodyKnown) return undefined;
  return (
    fitsParameters(operation.parameters, 'path', path) &&
    fitsParameters(operation.parameters, 'query', query) &&
    fitsParameters(operation.parameters, 'header', parts.headers) &&
    (!operation.body || fitsBody(operation.body, parsedBody).ok)
  );
}

export function buildCase(
  operation: Operation,
  sender: Sender,
  mutation: Mutation,
  rng: Prng,
  fixtures: Fixtures,
): FuzzCase {
  const parts = validParts(
    operation,
    sender,
    rng,
    fixtures,
    mutation.kind === 'property' ? mutation.path[0] : undefined,
  );
  let contentType: string | undefined = operation.body ? 'application/json' : undefined;
  let wholeBody: string | undefined;
  let refuse: readonly number[] | undefined;
  switch (mutation.kind) {
    case 'parameter':
      if (mutation.in === 'path') parts.path[mutation.name] = mutation.value;
      else
        parts.query = [
          ...parts.query.filter(([name]) => name !== mutation.name),
          [mutation.name, mutation.value],
        ];
      break;
    case 'header':
      parts.headers[mutation.name] = mutation.value;
      break;
    case 'property':
      setAt(parts.body ?? {}, mutation.path, structuredCloneValue(mutation.value));
      break;
    case 'missing':
      if (parts.body) delete parts.body[mutation.name];
      break;
    case 'extra':
      Object.assign(parts.body ?? {}, mutation.value);
      break;
    case 'whole body':
      wholeBody = mutation.text;
      break;
    case 'no body':
      contentType = undefined;
      wholeBody = '';
      break;
    case 'content type':
      contentType = mutation.type;
      refuse = [...AUTH_REFUSED, 415];
      break;
    case 'idempotency key reused':
      refuse = [...AUTH_REFUSED, 422];
      break;
  }

  const encoded =
    wholeBody !== undefined
      ? { payload: wholeBody, parsed: parseOrUndefined(wholeBody), known: wholeBody !== '' }
      : parts.body
        ? encodeBody(parts.body)
        : undefined;
  const headers: Record<string, string> = { ...parts.headers };
  if (contentType && encoded) headers['content-type'] = contentType;
  const request: FuzzRequest = {
    method: operation.method,
    url: encodeUrl(operation, parts),
    headers,
    ...(encoded ? { payload: encoded.payload } : {}),
  };

  if (!refuse) {
    const semantic = SEMANTIC_REFUSALS.some((rule) => rule(mutation));
    const noBody = wholeBody === '' && Boolean(operation.body);
    const fits = noBody ? false : fitsSchemas(operation, parts, encoded?.parsed, encoded?.known ?? true);
    const invalidBody = wholeBody !== undefined && wholeBody !== '' && encoded?.parsed === undefined;
    if (fits === false || invalidBody) refuse = REFUSED;
    else if (semantic) refuse = REFUSED_LATER;
  }

  let before: FuzzRequest | undefined;
  if (mutation.kind === 'idempotency key reused') {
    // The same key first with another valid body; the second use must be refused.
    const key = `fuzz-reuse-${word(rng, 16)}`;
    const first = validBody(operation, sender, rng, fixtures);
    if ('title' in first) first.title = `first ${word(rng, 8)}`;
    before = { ...request, headers: { ...headers, 'idempotency-key': key }, payload: JSON.stringify(first) };
    request.headers['idempotency-key'] = key;
  }
  return {
    operation,
    sender,
    cause: causeOf(mutation),
    request,
    ...(before ? { before } : {}),
    ...(refuse ? { refuse } : {}),
  };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A fresh copy, so one case's mutation never reaches another's value. */
function structuredCloneValue(value: unknown): unknown {
  if (value instanceof RawJson || value instanceof InvalidUtf8) return value;
  return value === undefined ? value : structuredClone(value);
}
