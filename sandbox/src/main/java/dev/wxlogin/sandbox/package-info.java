/**
 * Sandbox WeChat: a stand-in for WeChat's server API, plus a simulated phone that plays the mini
 * program for test users, so the service can be demonstrated, tested and benchmarked with no WeChat
 * account. Framework-free (the JDK's HTTP server); start it with {@link dev.wxlogin.sandbox.SandboxWeChat#start}
 * or from the command line with {@link dev.wxlogin.sandbox.SandboxMain}.
 */
package dev.wxlogin.sandbox;
