// Where absolute links that leave the server (emails, calendar files) start. Without PUBLIC_URL the
// server cannot know its public address; the local one at least works on the machine it runs on.
import type { Config } from '../config.ts';

export function linkBase(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return config.publicUrl ?? `http://localhost:${config.port}`;
}
