'use strict';

const { InvalidSceneError } = require('./errors');

/** A ticket id: 128 random bits as base64url without padding. The mini-program code's scene is exactly this. */
const TICKET_ID = /^[A-Za-z0-9_-]{22}$/;

/**
 * The ticket id a scanned mini-program code carries. WeChat hands the code's scene to the page
 * URL-encoded (`options.scene`); a value that is not a ticket id is refused here, before any request,
 * so a code of something else never reaches the service.
 */
function ticketOfScene(scene) {
  if (typeof scene !== 'string' || !scene) {
    throw new InvalidSceneError(scene);
  }
  let decoded;
  try {
    decoded = decodeURIComponent(scene);
  } catch (e) {
    throw new InvalidSceneError(scene);
  }
  if (!TICKET_ID.test(decoded)) {
    throw new InvalidSceneError(scene);
  }
  return decoded;
}

/** Whether `value` is a ticket id as the scan answer gives it (already decoded). */
function isTicketId(value) {
  return typeof value === 'string' && TICKET_ID.test(value);
}

module.exports = { ticketOfScene, isTicketId };
