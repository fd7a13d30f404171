'use strict';

const { createClient } = require('./lib/client');
const { compatLogin } = require('./lib/login-endpoints');
const { headerValue } = require('./lib/platform');
const errors = require('./lib/errors');
const { SERVICE_ERROR_CODES, TOKEN_REFUSED_CODES } = require('./lib/error-codes');

module.exports = {
  createClient: createClient,
  compatLogin: compatLogin,
  headerValue: headerValue,
  WxLoginError: errors.WxLoginError,
  ApiError: errors.ApiError,
  NetworkError: errors.NetworkError,
  WxCallError: errors.WxCallError,
  AuthLostError: errors.AuthLostError,
  LoggedOutError: errors.LoggedOutError,
  StorageError: errors.StorageError,
  InvalidSceneError: errors.InvalidSceneError,
  SERVICE_ERROR_CODES: SERVICE_ERROR_CODES,
  TOKEN_REFUSED_CODES: TOKEN_REFUSED_CODES
};
