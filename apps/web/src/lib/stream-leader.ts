// Which tab of the browser holds the live stream for all of them. The tabs of one signed-in user
// ask for the same Web Lock: the one holding it opens the stream and passes what it receives on a
// BroadcastChannel; the others wait for the lock and listen. When the holder lets go or its tab
// closes, the browser hands the lock to a waiting tab, which opens the stream in its place.
import type { StreamEventName } from '@webinar/contracts';

export type StreamState = 'open' | 'down';

/** What the tabs of one user tell each other about their shared stream. */
export type TabMessage =
  | { kind: 'event'; name: StreamEventName; data: string; lastEventId: string }
  | { kind: 'state'; state: StreamState; lastEventId: string | undefined }
  | { kind: 'refused' }
  | { kind: 'ask-state' };

/** Old browsers (and jsdom) have neither: each tab then keeps its own stream. */
export function canShareAcrossTabs(): boolean {
  return (
    typeof navigator !== 'undefined' &&
    navigator.locks !== undefined &&
    typeof navigator.locks.request === 'function' &&
    typeof BroadcastChannel !== 'undefined'
  );
}

export interface StreamLeaderCallbacks {
  /** This tab now holds the lock: it opens the stream for every tab. */
  onLead: () => void;
  /** A message from another tab of the same user. */
  onMessage: (message: TabMessage) => void;
}

export class StreamLeader {
  private readonly channel: BroadcastChannel;
  private readonly waiting = new AbortController();
  private releaseLock: (() => void) | undefined;
  private closed = false;
  private leading = false;

  /** `scope` names the lock and channel, so that two users' tabs never share. */
  constructor(scope: string, callbacks: StreamLeaderCallbacks) {
    const name = `webinar-stream:${scope}`;
    this.channel = new BroadcastChannel(name);
    this.channel.onmessage = (event: MessageEvent<TabMessage>) => {
      if (!this.closed) callbacks.onMessage(event.data);
    };
    navigator.locks
      .request(name, { signal: this.waiting.signal }, () => {
        // Granted just as this tab let go: hand it straight back.
        if (this.closed) return undefined;
        this.leading = true;
        callbacks.onLead();
        return new Promise<void>((resolve) => {
          this.releaseLock = resolve;
        });
      })
      .catch(() => {
        // Rejected when this tab stopped waiting (closed); otherwise locks failed here (a
        // sandboxed frame): the tab then keeps a stream of its own rather than none.
        if (this.closed) return;
        this.leading = true;
        callbacks.onLead();
      });
  }

  get isLeader(): boolean {
    return this.leading;
  }

  post(message: TabMessage): void {
    if (!this.closed) this.channel.postMessage(message);
  }

  /** Stops waiting for the lock, or lets go of it for the next tab. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.leading = false;
    this.waiting.abort();
    this.releaseLock?.();
    this.channel.close();
  }
}
