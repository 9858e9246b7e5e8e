// The page's side of the delivery protocol (docs/delivery.md): register this tab as a client,
// poll its events acknowledging each batch, and start over when the server has forgotten the
// client or dropped its inbox. The loop itself (one request at a time, backoff, banner) is
// LongPoll's; this module only knows what to ask and what the answers mean.

import { api, ApiError, SessionEndedError } from './api-client.js';
import { LongPoll } from './long-poll.js';

// The server's own maximum: a poll answers within it, well inside any proxy's idle timeout.
const POLL_TIMEOUT_SECONDS = 25;

export class ChatConnection {
  #clientId = null;
  // The batchId of the last batch received: the next poll acknowledges it. An empty answer
  // has no batchId and leaves it as it is.
  #ack = null;
  #registrations = 0;
  #onRegistered;
  #onEvents;
  #onResync;
  #poller;
  #resolveReady;

  /** Resolves once the first registration succeeded: history loaded after it misses nothing. */
  ready;

  /**
   * @param onRegistered       (registration, { again }) => void: { clientId, unread, onlineFriends };
   *                           `again` when this replaces a client the server forgot
   * @param onEvents           (events) => void, oldest first
   * @param onResync           () => void: the inbox was dropped; reload from history
   * @param onConnectionChange (connected) => void
   */
  constructor({ onRegistered, onEvents, onResync, onConnectionChange }) {
    this.#onRegistered = onRegistered;
    this.#onEvents = onEvents;
    this.#onResync = onResync;
    this.ready = new Promise((resolve) => { this.#resolveReady = resolve; });
    this.#poller = new LongPoll({
      poll: (signal) => this.#pollOnce(signal),
      onResult: (batch) => this.#handle(batch),
      onConnectionChange,
      isFatal: (error) => error instanceof SessionEndedError,
    });
  }

  get connected() {
    return this.#poller.connected;
  }

  /** This tab's client, once registered (null before, and while registering anew). */
  get clientId() {
    return this.#clientId;
  }

  start() {
    this.#poller.start();
  }

  /**
   * Stops polling and tells the server this client is gone (the tab closes, or goes into the
   * back/forward cache); start() registers a new one. Resolves when the server has answered.
   */
  close() {
    this.#poller.stop();
    const clientId = this.#clientId;
    this.#clientId = null;
    this.#ack = null;
    return clientId === null ? Promise.resolve() : api.closeClient(clientId);
  }

  /** Polls at once if the loop waits out a backoff (the network is back, the tab is visible again). */
  wake() {
    this.#poller.wake();
  }

  async #pollOnce(signal) {
    if (this.#clientId === null) {
      await this.#register();
    }
    try {
      return await this.#poll(signal);
    } catch (error) {
      // The client stopped polling for too long (a laptop asleep) and was forgotten, with its
      // inbox: a new client, and the page reloads what it shows from history.
      if (error instanceof ApiError && error.status === 404) {
        this.#clientId = null;
        this.#ack = null;
        await this.#register();
        return await this.#poll(signal);
      }
      throw error;
    }
  }

  async #register() {
    const registration = await api.registerClient();
    if (!registration?.clientId) {
      throw new ApiError(0, 'Unexpected answer', 'The server did not register this page.');
    }
    this.#clientId = registration.clientId;
    this.#ack = null;
    const again = this.#registrations > 0;
    this.#registrations++;
    try {
      this.#onRegistered(registration, { again });
    } finally {
      this.#resolveReady();
    }
  }

  async #poll(signal) {
    const batch = await api.events(this.#clientId, this.#ack, POLL_TIMEOUT_SECONDS, signal);
    if (batch?.batchId) {
      this.#ack = batch.batchId;
    }
    return batch ?? { events: [], resync: false };
  }

  #handle(batch) {
    if (batch.resync) {
      this.#onResync();
    }
    if (Array.isArray(batch.events) && batch.events.length > 0) {
      this.#onEvents(batch.events);
    }
  }
}
