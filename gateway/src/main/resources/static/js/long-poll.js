// The receive loop, independent of what is polled. The server holds each request until something
// waits or its timeout passes, so one outstanding request per tab is the whole "connection": the
// loop re-polls as soon as an answer arrives, and after a failure waits a growing, randomised
// delay so that a restarted server is not hit by every client in the same second.

/**
 * Full-jitter backoff: a uniformly random delay in [0, min(max, base * 2^(attempt-1))).
 * `attempt` counts consecutive failures from 1.
 */
export function backoffDelay(attempt, { baseDelayMs = 1000, maxDelayMs = 30000, random = Math.random } = {}) {
  const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * cap);
}

export class LongPoll {
  #poll;
  #onResult;
  #onConnectionChange;
  #isFatal;
  #options;
  #win;
  #doc;

  // Bumped by stop(): a loop that sees another generation than its own ends, so a quick
  // stop()+start() can never leave two loops (and two requests) running.
  #generation = 0;
  #running = false;
  #pollController = null;
  #wakeFromBackoff = null;
  #failures = 0;
  #connected = true;

  #onOnline = () => this.wake();
  #onOffline = () => this.#setConnected(false);
  #onVisibility = () => {
    if (this.#doc.visibilityState === 'visible') {
      this.wake();
    }
  };

  /**
   * @param poll               (signal) => Promise<result>: one request
   * @param onResult           (result) => void, called for every answer
   * @param onConnectionChange (connected: boolean) => void, called on changes only
   * @param isFatal            (error) => boolean: errors that end the loop (the session ended)
   */
  constructor({
    poll,
    onResult,
    onConnectionChange = () => {},
    isFatal = () => false,
    baseDelayMs = 1000,
    maxDelayMs = 30000,
    // The server answers within its 25 s timeout; a request silent for much longer went
    // through a dead connection that the browser has not noticed yet.
    watchdogMs = 40000,
    // A request the server is still holding proves the link is up again, long before the
    // held request answers; without this the banner would stay up to 25 s after recovery.
    // Above the gateway's 2 s connect timeout, so a request to a dead instance is not "held".
    heldMs = 3000,
    random = Math.random,
    win = window,
    doc = document,
  }) {
    this.#poll = poll;
    this.#onResult = onResult;
    this.#onConnectionChange = onConnectionChange;
    this.#isFatal = isFatal;
    this.#options = { baseDelayMs, maxDelayMs, watchdogMs, heldMs, random };
    this.#win = win;
    this.#doc = doc;
  }

  get running() {
    return this.#running;
  }

  get connected() {
    return this.#connected;
  }

  start() {
    if (this.#running) {
      return;
    }
    this.#running = true;
    this.#win.addEventListener('online', this.#onOnline);
    this.#win.addEventListener('offline', this.#onOffline);
    this.#doc.addEventListener('visibilitychange', this.#onVisibility);
    this.#run(this.#generation);
  }

  stop() {
    if (!this.#running) {
      return;
    }
    this.#running = false;
    this.#generation++;
    this.#win.removeEventListener('online', this.#onOnline);
    this.#win.removeEventListener('offline', this.#onOffline);
    this.#doc.removeEventListener('visibilitychange', this.#onVisibility);
    this.#pollController?.abort();
    this.#wakeFromBackoff?.();
  }

  /**
   * Polls at once if the loop is waiting out a backoff. A request already in flight is left
   * alone: it is the one poll this tab may have.
   */
  wake() {
    this.#wakeFromBackoff?.();
  }

  async #run(generation) {
    while (generation === this.#generation) {
      let result;
      try {
        result = await this.#pollOnce();
      } catch (error) {
        if (generation !== this.#generation) {
          return;
        }
        if (this.#isFatal(error)) {
          this.stop();
          return;
        }
        this.#failures++;
        this.#setConnected(false);
        await this.#sleep(backoffDelay(this.#failures, this.#options));
        continue;
      }
      if (generation !== this.#generation) {
        return;
      }
      this.#failures = 0;
      this.#setConnected(true);
      try {
        this.#onResult(result);
      } catch (error) {
        // A bug in showing one batch must not stop the delivery of the next ones.
        console.error('Could not handle what the server sent', error);
      }
    }
  }

  async #pollOnce() {
    const controller = new AbortController();
    this.#pollController = controller;
    let timedOut = false;
    const watchdog = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.#options.watchdogMs);
    const held = setTimeout(() => this.#setConnected(true), this.#options.heldMs);
    try {
      return await this.#poll(controller.signal);
    } catch (error) {
      throw timedOut ? new Error('The poll got no answer in time') : error;
    } finally {
      clearTimeout(watchdog);
      clearTimeout(held);
      // After a quick stop()+start() the next loop's request may already be the current one.
      if (this.#pollController === controller) {
        this.#pollController = null;
      }
    }
  }

  #sleep(ms) {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        if (this.#wakeFromBackoff === done) {
          this.#wakeFromBackoff = null;
        }
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wakeFromBackoff = done;
    });
  }

  #setConnected(connected) {
    if (connected !== this.#connected) {
      this.#connected = connected;
      this.#onConnectionChange(connected);
    }
  }
}
