package dev.wxlogin.server;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/** After each test of a {@link ServiceTest} class: every {@link ResettableTestSetting} of its service is reset. */
public class TestSettingsReset implements AfterEachCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        SpringExtension.getApplicationContext(context).getBeansOfType(ResettableTestSetting.class).values()
                .forEach(ResettableTestSetting::reset);
    }
}
