/**
 * Alipay's OpenAPI gateway ({@code POST https://openapi.alipay.com/gateway.do}): requests signed with the
 * app's RSA2 key ({@link dev.wxlogin.alipay.gateway.AlipayGatewayClient}), answers verified with Alipay's
 * public key over their exact text ({@link dev.wxlogin.alipay.gateway.ResponseEnvelope}), and every
 * documented error code ({@link dev.wxlogin.alipay.gateway.AlipayError}).
 */
package dev.wxlogin.alipay.gateway;
