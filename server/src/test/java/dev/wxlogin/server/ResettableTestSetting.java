package dev.wxlogin.server;

/**
 * A setting of the running service that a test changes while it runs, instead of starting a service
 * of its own with other properties; {@link TestSettingsReset} puts it back after every test, so the
 * next test finds the service as {@link ServiceTest} configures it.
 */
public interface ResettableTestSetting {

    /** Back to the value the service started with. */
    void reset();
}
