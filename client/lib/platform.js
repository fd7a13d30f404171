'use strict';

const { ApiError, NetworkError } = require('./errors');

/** The value of a header, whatever case the platform delivered its name in. */
function headerValue(header, name) {
  if (!header) {
    return undefined;
  }
  const wanted = name.toLowerCase();
  for (const key of Object.keys(header)) {
    if (key.toLowerCase() === wanted) {
      return header[key];
    }
  }
  return undefined;
}

/** A copy of `header` without the names in `drop` (compared case-insensitively). */
function withoutHeaders(header, drop) {
  const out = {};
  const lower = drop.map(function (n) { return n.toLowerCase(); });
  for (const key of Object.keys(header || {})) {
    if (lower.indexOf(key.toLowerCase()) < 0) {
      out[key] = header[key];
    }
  }
  return out;
}

/** wx.uploadFile answers its body as a string; some frameworks do so for wx.request too. */
function parseBody(data) {
  if (typeof data !== 'string') {
    return data;
  }
  const text = data.trim();
  if (text.charAt(0) !== '{' && text.charAt(0) !== '[') {
    return data;
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    return data;
  }
}

/**
 * The error a non-2xx answer of the service stands for. Both of its shapes are understood: the
 * API's {code:"TOKEN_EXPIRED", status, message, messageZh} and the compatible endpoint's
 * {code:401, msg, error:"WX_CODE_USED"}.
 */
function apiError(response) {
  const body = response.data && typeof response.data === 'object' ? response.data : {};
  let code;
  if (typeof body.code === 'string') {
    code = body.code;
  } else if (typeof body.error === 'string') {
    code = body.error;
  } else {
    code = 'HTTP_' + response.statusCode;
  }
  const retryAfter = Number(headerValue(response.header, 'Retry-After'));
  return new ApiError(code, body.message || body.msg || ('HTTP ' + response.statusCode), {
    status: response.statusCode,
    messageZh: body.messageZh || (typeof body.code === 'number' ? body.msg : undefined),
    retryAfter: isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    data: response.data
  });
}

function toNetworkError(err) {
  return new NetworkError(err && err.errMsg ? err.errMsg : String(err && err.message ? err.message : err));
}

module.exports = { headerValue, withoutHeaders, parseBody, apiError, toNetworkError };
