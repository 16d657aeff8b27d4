import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource } from '../../test/fake-event-source.ts';
import { configureApiClient } from './api-client.ts';
import { eventStream } from './event-stream.ts';

const latest = () => FakeEventSource.instances.at(-1)!;

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.useFakeTimers();
  vi.stubGlobal('EventSource', FakeEventSource);
  configureApiClient({ baseUrl: '', bearerToken: undefined });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the event stream client', () => {
  it('opens one cookie-authenticated stream for all holders and closes it with the last', () => {
    const releaseA = eventStream.start();
    const releaseB = eventStream.start();
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(latest().url).toBe('/api/communications/notifications/stream/');
    expect(latest().init).toEqual({ withCredentials: true });
    releaseA();
    expect(latest().closed).toBe(false);
    releaseB();
    expect(latest().closed).toBe(true);
  });

  it('reports open and down, and hands typed payloads to listeners', () => {
    const counts: number[] = [];
    const off = eventStream.on('unread_count', ({ unread_count }) => counts.push(unread_count));
    const release = eventStream.start();
    expect(eventStream.getState()).toBe('down');
    latest().open();
    expect(eventStream.getState()).toBe('open');
    latest().emit('unread_count', { unread_count: 4 });
    expect(counts).toEqual([4]);
    // A dropped connection: EventSource retries by itself; meanwhile the state says down.
    latest().fail(false);
    expect(eventStream.getState()).toBe('down');
    expect(FakeEventSource.instances).toHaveLength(1);
    off();
    release();
  });

  it('tells its refusal listeners when the server refuses the stream, not when the network drops', () => {
    let refusals = 0;
    const off = eventStream.onRefused(() => {
      refusals += 1;
    });
    const release = eventStream.start();
    latest().open();
    latest().fail(false);
    expect(refusals).toBe(0);
    // The server ended the stream (signed out elsewhere) and refuses the reconnection.
    latest().fail(true);
    expect(refusals).toBe(1);
    off();
    release();
  });

  it('retries a refused stream itself, resuming after the last notification it saw', () => {
    const release = eventStream.start();
    latest().open();
    latest().emit('notification', { id: 42 }, '42');
    latest().fail(true);
    expect(latest().closed).toBe(true);
    vi.advanceTimersByTime(3000);
    expect(FakeEventSource.instances).toHaveLength(2);
    expect(latest().url).toBe('/api/communications/notifications/stream/?last_event_id=42');
    release();
  });
});
