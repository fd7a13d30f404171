package dev.wxlogin.sandbox.alipay;

import java.security.KeyPair;

/**
 * The two RSA2 key pairs every sandbox Alipay starts with, its own and its demo app's, made once per
 * process. Generating a 2048-bit pair is the costliest part of a sandbox's start (up to seconds on a JVM
 * that has not compiled {@code BigInteger} yet), and a test run starts dozens of sandboxes. Sharing them
 * within a process takes nothing from what they prove: they are made at run time, secret nowhere else,
 * and every sandbox still keeps its own apps, users and content keys. Apps added later get fresh pairs.
 */
final class SandboxAlipayKeys {

    private SandboxAlipayKeys() {
    }

    /** The sandbox Alipay's own pair: it signs the gateway's answers and the phone numbers. */
    static KeyPair alipay() {
        return Alipay.PAIR;
    }

    /** The demo app's pair ({@value AlipayDemoApp#DEMO_APP_ID}). */
    static KeyPair demoApp() {
        return DemoApp.PAIR;
    }

    // Holders, so that each pair is made on first use and by one thread.
    private static final class Alipay {
        static final KeyPair PAIR = RsaKeyPairs.generate();
    }

    private static final class DemoApp {
        static final KeyPair PAIR = RsaKeyPairs.generate();
    }
}
