'use strict';

const { createClient } = require('./lib/client');
const { compatLogin } = require('./lib/login-endpoints');
const { headerValue } = require('./lib/platform');
const errors = require('./lib/errors');

module.exports = {
  createClient: createClient,
  compatLogin: compatLogin,
  headerValue: headerValue,
  WxLoginError: errors.WxLoginError,
  ApiError: errors.ApiError,
  NetworkError: errors.NetworkError,
  WxCallError: errors.WxCallError,
  AuthLostError: errors.AuthLostError,
  InvalidSceneError: errors.InvalidSceneError
};
