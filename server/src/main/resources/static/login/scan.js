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
    PENDING: 'Waiting for a scan…',
    SCANNED: 'Scanned — confirm on your phone.',
    APPROVED: 'Confirmed — signing you in…',
    DENIED: 'Sign-in was denied on the phone. Reload the page to try again.',
    EXPIRED: 'This code has expired. Reload the page for a new one.',
    CONSUMED: 'This code was already used. Reload the page for a new one.',
    OTHER_BROWSER: 'This code belongs to another browser. Reload the page for a new one.'
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
    if (finished && pollTimer) {
      clearInterval(pollTimer);
    }
  }

  function poll() {
    if (pollTimer) {
      return;
    }
    pollTimer = setInterval(function () {
      fetch(base + '/status', { credentials: 'same-origin', cache: 'no-store' })
        .then(function (r) { return r.json(); })
        .then(function (body) { show(body.status); })
        .catch(function () { /* keep polling */ });
    }, 1500);
  }

  if (window.EventSource) {
    var events = new EventSource(base + '/events');
    events.addEventListener('status', function (e) {
      show(e.data);
      if (finished) {
        events.close();
      }
    });
    events.onerror = function () {
      events.close();
      if (!finished) {
        poll();
      }
    };
  } else {
    poll();
  }
})();
