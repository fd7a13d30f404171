/**
 * A stand-in for Alipay: its OpenAPI gateway ({@code POST /gateway.do}, {@link dev.wxlogin.sandbox.alipay.AlipayGateway})
 * answering {@code alipay.system.oauth.token} as Alipay does (signed requests checked, answers signed with a
 * sandbox "Alipay" key pair, single-use expiring auth codes), and the phone side
 * ({@link dev.wxlogin.sandbox.alipay.SimulatedAlipayPhone}): what {@code my.getAuthCode} and
 * {@code my.getPhoneNumber} give the page. {@link dev.wxlogin.sandbox.alipay.SandboxAlipay} holds it all,
 * with one demo app; {@link dev.wxlogin.sandbox.alipay.AlipayRoutes} are its HTTP paths, which
 * {@link dev.wxlogin.sandbox.alipay.SandboxAlipayServer} serves on a port of its own.
 */
package dev.wxlogin.sandbox.alipay;
