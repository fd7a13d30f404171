package dev.wxlogin.server.weblogin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** WeChat labels every code image/jpeg; the scan page serves what the bytes are. */
class CodeImageTypeTest {

    @Test
    void pngBytesAreServedAsPngAndAnythingElseAsJpeg() {
        assertThat(ScanPageController.imageType(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d})).isEqualTo(MediaType.IMAGE_PNG);
        assertThat(ScanPageController.imageType(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0})).isEqualTo(MediaType.IMAGE_JPEG);
    }
}
