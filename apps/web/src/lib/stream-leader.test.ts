// Tabs sharing one stream, played by several stream clients in one document: they talk over real
// BroadcastChannels (Node's), and take turns on a small exclusive lock manager standing in for
// the Web Locks API, which jsdom lacks.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../../test/fake-event-source.ts';
import { configureApiClient } from './api-client.ts';
import { EventStreamClient } from './event-stream.ts';

type Granted = () => Promise<void> | undefined;

/** Exclusive locks granted in request order; an aborted wait is rejected, like the browser's. */
class FakeLockManager {
  private readonly held = new Set<string>();
  private readonly waiting = new Map<string, Array<() => void>>();

  request(name: string, options: { signal?: AbortSignal }, granted: Granted): Promise<void> {
    return new Promise((resolve, reject) => {
      const take = () => {
        this.held.add(name);
        void Promise.resolve(granted()).finally(() => {
          this.held.delete(name);
          this.waiting.get(name)?.shift()?.();
          resolve();
        });
      };
      if (!this.held.has(name)) return take();
      const queue = this.waiting.get(name) ?? [];
      this.waiting.set(name, queue);
      queue.push(take);
      options.signal?.addEventListener('abort', () => {
        const index = queue.indexOf(take);
        if (index === -1) return;
        queue.splice(index, 1);
        reject(new DOMException('The request was aborted.', 'AbortError'));
      });
    });
  }
}

const streamUrls = () => FakeEventSource.instances.filter((s) => !s.closed).map((s) => s.url);
const released: Array<() => void> = [];

function tab(scope = 'user-1') {
  const client = new EventStreamClient();
  const release = client.start(scope);
  released.push(release);
  return { client, release };
}

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('navigator', Object.assign(Object.create(navigator), { locks: new FakeLockManager() }));
  configureApiClient({ baseUrl: '', bearerToken: undefined });
});
afterEach(() => {
  for (const release of released.splice(0)) release();
  vi.unstubAllGlobals();
});

describe('tabs sharing one stream', () => {
  it('opens one stream for the tabs of one user, whose events and state reach every tab', async () => {
    const leader = tab();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const follower = tab();
    const counts: number[] = [];
    follower.client.on('unread_count', ({ unread_count }) => counts.push(unread_count));

    FakeEventSource.instances[0]!.open();
    expect(leader.client.getState()).toBe('open');
    await vi.waitFor(() => expect(follower.client.getState()).toBe('open'));
    FakeEventSource.instances[0]!.emit('unread_count', { unread_count: 3 });
    await vi.waitFor(() => expect(counts).toEqual([3]));
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('tells a tab that starts later the open stream, and where to resume it if it takes over', async () => {
    const leader = tab();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    FakeEventSource.instances[0]!.open();
    FakeEventSource.instances[0]!.emit('notification', { id: 7 }, '5.7');
    const late = tab();
    await vi.waitFor(() => expect(late.client.getState()).toBe('open'));
    leader.release();
    await vi.waitFor(() => expect(streamUrls()).toHaveLength(1));
    expect(streamUrls()[0]).toBe('/api/communications/notifications/stream/?last_event_id=5.7');
  });

  it('hands the stream to a waiting tab when the holder lets go, resuming after the last event', async () => {
    const leader = tab();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const follower = tab();
    const ids: number[] = [];
    follower.client.on('notification', (notification) => ids.push(notification.id));
    FakeEventSource.instances[0]!.open();
    FakeEventSource.instances[0]!.emit('notification', { id: 42 }, '40.42');
    await vi.waitFor(() => expect(ids).toEqual([42]));

    leader.release();
    expect(FakeEventSource.instances[0]!.closed).toBe(true);
    await vi.waitFor(() => expect(streamUrls()).toHaveLength(1));
    expect(streamUrls()[0]).toBe('/api/communications/notifications/stream/?last_event_id=40.42');
    // The waiting tab polls until its own stream is open.
    await vi.waitFor(() => expect(follower.client.getState()).toBe('down'));
    FakeEventSource.instances[1]!.open();
    expect(follower.client.getState()).toBe('open');
  });

  it('passes a refused stream on, so every tab checks its session', async () => {
    tab();
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const follower = tab();
    let refusals = 0;
    follower.client.onRefused(() => {
      refusals += 1;
    });
    FakeEventSource.instances[0]!.open();
    FakeEventSource.instances[0]!.fail(true);
    await vi.waitFor(() => expect(refusals).toBe(1));
  });

  it('never shares between two users', async () => {
    const alice = tab('user-1');
    const bob = tab('user-2');
    const seen: number[] = [];
    bob.client.on('unread_count', ({ unread_count }) => seen.push(unread_count));
    await vi.waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    FakeEventSource.instances[0]!.open();
    FakeEventSource.instances[0]!.emit('unread_count', { unread_count: 7 });
    // Bob's own stream still says down, and Alice's count never reached him.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alice.client.getState()).toBe('open');
    expect(bob.client.getState()).toBe('down');
    expect(seen).toEqual([]);
  });
});
