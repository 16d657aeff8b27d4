// The JWT signing secret: JWT_SECRET when given (required with PostgreSQL, where every process
// must share it); in embedded mode generated on first run and kept in the data folder, so tokens
// survive restarts without any setup. An in-memory database keeps nothing, its secret included.
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import type { Config } from './config.ts';
import { isInMemory } from './db/in-memory.ts';

export function resolveJwtSecret(config: Config): string {
  if (config.jwtSecret) return config.jwtSecret;
  if (isInMemory(config.dataDir)) return randomBytes(48).toString('base64url');
  const file = path.join(config.dataDir, 'jwt-secret');
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(48).toString('base64url');
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** A secret for one purpose, derived from the main one, so a leak of one use exposes no other. */
export function deriveSecret(secret: string, purpose: string): string {
  return createHmac('sha256', secret).update(purpose).digest('base64url');
}

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/**
 * The VAPID key pair of web push: VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY when given; in embedded
 * mode generated on first run and kept in the data folder like the JWT secret (browsers' existing
 * subscriptions are bound to it). With PostgreSQL and no keys there is none: the processes could
 * not agree on one, so push stays off (see deliveryParts's log line).
 */
export function resolveVapidKeys(config: Config): VapidKeys | undefined {
  if (config.vapid) return config.vapid;
  if (config.databaseUrl) return undefined;
  if (isInMemory(config.dataDir)) return webpush.generateVAPIDKeys();
  const file = path.join(config.dataDir, 'vapid-keys.json');
  try {
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as VapidKeys;
    if (stored.publicKey && stored.privateKey) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const keys = webpush.generateVAPIDKeys();
  fs.mkdirSync(config.dataDir, { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(keys)}\n`, { mode: 0o600 });
  return keys;
}
