// The signed-in user's push subscriptions: one per browser they turned push on in.
import type {
  PushPublicKey,
  PushSubscription,
  PushSubscriptionInput,
  PushSubscriptionList,
} from '@webinar/contracts';
import type { AppDeps } from '../app-deps.ts';
import { AppError } from '../app-error.ts';
import { deviceLabel } from './device-label.ts';
import { endpointProblem } from './push-endpoint.ts';
import * as repo from './push-subscriptions.repository.ts';

type Deps = Pick<AppDeps, 'db' | 'config' | 'push'>;

function toSubscription(row: repo.PushSubscriptionRow): PushSubscription {
  return {
    id: row.id,
    endpoint: row.endpoint,
    device_label: row.device_label,
    created_at: row.created_at.toISOString(),
    last_used_at: row.last_used_at?.toISOString() ?? null,
  };
}

export function publicKey(deps: Deps): PushPublicKey {
  return { public_key: deps.push.publicKey };
}

export async function list(deps: Deps, userId: number): Promise<PushSubscriptionList> {
  return { results: (await repo.listForUser(deps.db, userId)).map(toSubscription) };
}

export async function subscribe(
  deps: Deps,
  userId: number,
  input: PushSubscriptionInput,
  userAgent: string | undefined,
): Promise<{ subscription: PushSubscription; created: boolean }> {
  if (deps.push.publicKey === null)
    throw new AppError('conflict', 'Push notifications are not configured on this server.');
  const problem = endpointProblem(input.endpoint, deps.config.pushAllowInsecureEndpoints);
  if (problem) throw new AppError('validation_error', 'The request is invalid.', { endpoint: problem });
  if (Buffer.from(input.keys.p256dh, 'base64url').length !== 65)
    throw new AppError('validation_error', 'The request is invalid.', {
      'keys.p256dh': 'must be a P-256 public key (65 bytes, base64url)',
    });
  if (Buffer.from(input.keys.auth, 'base64url').length !== 16)
    throw new AppError('validation_error', 'The request is invalid.', {
      'keys.auth': 'must be 16 bytes, base64url',
    });
  const { row, created } = await repo.upsert(deps.db, {
    user_id: userId,
    endpoint: input.endpoint,
    p256dh: input.keys.p256dh,
    auth: input.keys.auth,
    device_label: deviceLabel(userAgent).slice(0, 100),
  });
  return { subscription: toSubscription(row), created };
}

export async function unsubscribe(deps: Deps, userId: number, id: number): Promise<void> {
  if (!(await repo.deleteForUser(deps.db, userId, id))) throw AppError.notFound('Subscription not found.');
}
