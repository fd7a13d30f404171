// The scan page: follows the ticket by Server-Sent Events (polling when they fail) and continues
// the sign-in once the phone approved. Loaded as a file: the page's CSP allows no inline script.
(function () {
  'use strict';
  var ticket = document.body.getAttribute('data-ticket');
  var statusLine = document.getElementById('status');
  var code = document.getElementById('code');
  var base = '/login/scan/' + encodeURIComponent(ticket);
  var finished = false;
  var pollTimer = null;
  var texts = {
    PENDING: '等待扫码… Waiting for a scan…',
    SCANNED: '已扫码，请在手机上确认。 Scanned — confirm on your phone.',
    APPROVED: '已确认，正在登录… Confirmed — signing you in…',
    DENIED: '已在手机上拒绝登录。刷新页面可重试。 Sign-in was denied on the phone. Reload the page to try again.',
    EXPIRED: '二维码已过期，请刷新页面获取新的。 This code has expired. Reload the page for a new one.',
    CONSUMED: '二维码已使用，请刷新页面获取新的。 This code was already used. Reload the page for a new one.',
    OTHER_BROWSER: '二维码属于另一个浏览器，请刷新页面获取新的。 This code belongs to another browser. Reload the page for a new one.'
  };

  function show(status) {
    if (finished) {
      return;
    }
    statusLine.textContent = texts[status] || status;
    statusLine.setAttribute('data-status', status);
    if (status === 'SCANNED') {
      code.classList.add('scanned');
    }
    if (status === 'APPROVED') {
      finished = true;
      window.location.assign(base + '/complete');
    } else if (status !== 'PENDING' && status !== 'SCANNED') {
      finished = true;
      code.classList.add('over');
    }
    if (finished) {
      stopPolling();
    }
  }

  var events = null;

  function stopPolling() {
    if (pollTimer) {
      clearInterval(pollTimer);
      pollTimer = null;
    }
  }

  function poll() {
    if (pollTimer || finished) {
      return;
    }
    pollTimer = setInterval(function () {
      fetch(base + '/status', { credentials: 'same-origin', cache: 'no-store' })
        .then(function (r) { return r.json(); })
        .then(function (body) { show(body.status); })
        .catch(function () { /* keep polling */ });
    }, 1500);
  }

  // Events first; when they fail (none in this browser, or 429: the service has too many open) the page polls.
  function follow() {
    if (finished) {
      return;
    }
    if (!window.EventSource) {
      poll();
      return;
    }
    events = new EventSource(base + '/events');
    events.addEventListener('status', function (e) {
      show(e.data);
      if (finished) {
        events.close();
      }
    });
    events.onerror = function () {
      events.close();
      events = null;
      poll();
    };
  }

  // Nothing runs while nobody looks: hidden or left, the page stops its stream and its polling, and
  // follows again once shown (a page restored from the back-forward cache included).
  function pause() {
    stopPolling();
    if (events) {
      events.close();
      events = null;
    }
  }

  document.addEventListener('visibilitychange', function () {
    if (document.hidden) {
      pause();
    } else if (!events && !pollTimer) {
      follow();
    }
  });
  window.addEventListener('pagehide', pause);
  window.addEventListener('pageshow', function (e) {
    if (e.persisted && !events && !pollTimer) {
      follow();
    }
  });

  follow();
})();
