/**
 * Alipay's RSA2 signatures: the content a request's signature covers ({@link dev.wxlogin.alipay.sign.SignContent})
 * and SHA256withRSA over it ({@link dev.wxlogin.alipay.sign.Rsa2Signature}).
 */
package dev.wxlogin.alipay.sign;
