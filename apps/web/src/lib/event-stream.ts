// One live connection per browser to the notification stream (server-sent events), shared by every
// component that cares. One tab holds it and passes its events and state to the user's other tabs
// (stream-leader.ts); without Web Locks or BroadcastChannel each tab opens its own. Every tab keeps
// the last event id, so the tab that takes over resumes where the stream stopped. EventSource
// reconnects by itself after a network error; when the server refuses the stream it gives up, so
// this client retries with a growing delay. While the stream is not open, `state` says so (in
// every tab) and the unread count falls back to polling. The server ends a stream when its
// sign-in ends or expires: EventSource reconnects, and if that is refused (signed out),
// `onRefused` listeners hear of it in every tab (the signed-in layout then checks the session).
import {
  STREAM_EVENT_NAMES,
  STREAM_RETRY_MS,
  type StreamEventName,
  type StreamEvents,
} from '@webinar/contracts';
import { useSyncExternalStore } from 'react';
import { apiUrl, usesBearerToken } from './api-client.ts';
import { canShareAcrossTabs, StreamLeader, type StreamState, type TabMessage } from './stream-leader.ts';

export type { StreamState };

const STREAM_PATH = '/api/communications/notifications/stream/';
const MAX_RETRY_MS = 60_000;

type Listeners = { [K in StreamEventName]: Set<(payload: StreamEvents[K]) => void> };

export class EventStreamClient {
  private state: StreamState = 'down';
  private source: EventSource | null = null;
  /** Set while the stream is shared with other tabs: this tab leads or follows. */
  private leader: StreamLeader | null = null;
  private holders = 0;
  private lastEventId: string | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = STREAM_RETRY_MS;
  private readonly stateListeners = new Set<() => void>();
  private readonly refusedListeners = new Set<() => void>();
  private readonly listeners: Listeners = {
    notification: new Set(),
    notification_updated: new Set(),
    unread_count: new Set(),
  };

  getState = (): StreamState => this.state;

  subscribeState = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  /** `listener` runs each time the server refuses the stream (signed out, too many tabs, ...). */
  onRefused(listener: () => void): () => void {
    this.refusedListeners.add(listener);
    return () => {
      this.refusedListeners.delete(listener);
    };
  }

  on<K extends StreamEventName>(name: K, listener: (payload: StreamEvents[K]) => void): () => void {
    const set = this.listeners[name] as Set<(payload: StreamEvents[K]) => void>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /**
   * Opens the stream for one holder (a signed-in screen); the returned function lets go of it.
   * Tabs that give the same `scope` (the signed-in user) share one stream.
   */
  start(scope?: string): () => void {
    this.holders += 1;
    if (this.holders === 1) this.connect(scope);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders -= 1;
      if (this.holders === 0) this.disconnect();
    };
  }

  private connect(scope: string | undefined): void {
    // Without EventSource (old browsers, jsdom) or a cookie (bearer-token tests) there is no stream;
    // the state stays "down" and polling does the work.
    if (typeof EventSource === 'undefined' || usesBearerToken()) return;
    if (scope === undefined || !canShareAcrossTabs()) {
      this.openSource();
      return;
    }
    this.leader = new StreamLeader(scope, {
      onLead: () => {
        // Until its own stream opens, the other tabs poll like this one.
        this.setState('down');
        this.openSource();
      },
      onMessage: (message) => this.onTabMessage(message),
    });
    this.leader.post({ kind: 'ask-state' });
  }

  private onTabMessage(message: TabMessage): void {
    const leading = this.leader?.isLeader ?? false;
    switch (message.kind) {
      case 'ask-state':
        if (leading) this.postState();
        break;
      case 'state':
        if (leading) break;
        // A tab that started after the last event still resumes from it if it takes over.
        this.lastEventId = message.lastEventId ?? this.lastEventId;
        this.setState(message.state);
        break;
      case 'event':
        if (!leading) this.deliver(message.name, message.data, message.lastEventId);
        break;
      case 'refused':
        if (!leading) for (const listener of this.refusedListeners) listener();
        break;
    }
  }

  private openSource(): void {
    const resume = this.lastEventId ? `?last_event_id=${encodeURIComponent(this.lastEventId)}` : '';
    const source = new EventSource(apiUrl(`${STREAM_PATH}${resume}`), { withCredentials: true });
    this.source = source;
    source.onopen = () => {
      this.retryDelay = STREAM_RETRY_MS;
      this.setState('open');
    };
    source.onerror = () => {
      this.setState('down');
      if (source.readyState !== EventSource.CLOSED) return;
      // Refused (401, 429, a proxy error): EventSource will not try again, so we do, later.
      source.close();
      this.source = null;
      this.retryTimer = setTimeout(() => this.openSource(), this.retryDelay);
      this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
      this.leader?.post({ kind: 'refused' });
      for (const listener of this.refusedListeners) listener();
    };
    for (const name of STREAM_EVENT_NAMES) {
      source.addEventListener(name, (event) => this.dispatch(name, event as MessageEvent<string>));
    }
  }

  private dispatch(name: StreamEventName, event: MessageEvent<string>): void {
    this.leader?.post({ kind: 'event', name, data: event.data, lastEventId: event.lastEventId });
    this.deliver(name, event.data, event.lastEventId);
  }

  private deliver<K extends StreamEventName>(name: K, data: string, lastEventId: string): void {
    if (lastEventId) this.lastEventId = lastEventId;
    const payload = JSON.parse(data) as StreamEvents[K];
    for (const listener of this.listeners[name] as Set<(payload: StreamEvents[K]) => void>) {
      listener(payload);
    }
  }

  private disconnect(): void {
    // The other tabs poll until one of them has opened the stream again.
    if (this.leader?.isLeader) {
      this.leader.post({ kind: 'state', state: 'down', lastEventId: this.lastEventId });
    }
    this.leader?.close();
    this.leader = null;
    clearTimeout(this.retryTimer);
    this.source?.close();
    this.source = null;
    this.lastEventId = undefined;
    this.retryDelay = STREAM_RETRY_MS;
    this.setState('down');
  }

  private postState(): void {
    this.leader?.post({ kind: 'state', state: this.state, lastEventId: this.lastEventId });
  }

  private setState(next: StreamState): void {
    if (next === this.state) return;
    this.state = next;
    if (this.leader?.isLeader) this.postState();
    for (const listener of this.stateListeners) listener();
  }
}

export const eventStream = new EventStreamClient();

export function useStreamState(): StreamState {
  return useSyncExternalStore(eventStream.subscribeState, eventStream.getState, eventStream.getState);
}
