'use strict';

/**
 * At most `limit` of the SDK's requests in flight (wx.request runs 10 at once and queues the rest
 * inside the platform, where a refresh would wait behind the requests that need it). The login
 * and the refresh jump the queue, and while one of them runs no ordinary request starts, so a
 * request waiting here goes out with the renewed token instead of the refused one.
 */
function createRequestQueue(limit) {
  const first = [];
  const ordinary = [];
  let running = 0;
  let held = 0;

  function pump() {
    while (running < limit) {
      const next = first.length ? first.shift() : (held === 0 ? ordinary.shift() : undefined);
      if (!next) {
        return;
      }
      running++;
      next();
    }
  }

  /** Runs `task` (() => Promise) when a slot is free; `priority` tasks go before ordinary ones. */
  function run(task, priority) {
    return new Promise(function (resolve, reject) {
      (priority ? first : ordinary).push(function start() {
        let settled;
        try {
          settled = Promise.resolve(task());
        } catch (e) {
          settled = Promise.reject(e);
        }
        settled.then(resolve, reject).then(function () {
          running--;
          pump();
        });
      });
      pump();
    });
  }

  /** Keeps ordinary requests waiting until the returned function is called (a refresh is renewing the token). */
  function hold() {
    held++;
    let released = false;
    return function release() {
      if (!released) {
        released = true;
        held--;
        pump();
      }
    };
  }

  return {
    run: run,
    hold: hold,
    /** requests running now (for tests and diagnostics) */
    get running() {
      return running;
    }
  };
}

module.exports = { createRequestQueue };
