package dev.wxlogin.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class MiniProgramCodesTest {

    @Test
    void aCodeReadsBackToItsPageAndScene() {
        MiniProgramCodes.Scanned scanned = MiniProgramCodes.read(MiniProgramCodes.draw("pages/web-login/confirm", "abc_DEF-123", 280));

        assertThat(scanned.page()).isEqualTo("pages/web-login/confirm");
        assertThat(scanned.scene()).isEqualTo("abc_DEF-123");
    }

    /**
     * A CI run's screenshot of the scan page whose code ZXing's detector could not read as it was (it
     * misplaced the sampling grid): the camera reads it from another distance.
     */
    @Test
    void aScreenshotWhoseCodeIsMisreadAtItsOwnScaleIsReadFromAnotherDistance() throws IOException {
        byte[] screenshot;
        try (InputStream in = MiniProgramCodesTest.class.getResourceAsStream("/codes/scan-page-read-only-from-afar.png")) {
            screenshot = in.readAllBytes();
        }

        MiniProgramCodes.Scanned scanned = MiniProgramCodes.read(screenshot);

        assertThat(scanned.page()).isEqualTo("pages/web-login/confirm");
        assertThat(scanned.scene()).isEqualTo("MqiYcqIy78O_P6soII8IYQ");
    }

    @Test
    void anImageWithoutACodeOrNoImageAtAllIsRefused() throws IOException {
        BufferedImage white = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        white.getGraphics().fillRect(0, 0, 200, 200);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(white, "png", png);

        assertThatThrownBy(() -> MiniProgramCodes.read(png.toByteArray())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no QR code in the image");
        assertThatThrownBy(() -> MiniProgramCodes.read(new byte[] {1, 2, 3})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an image");
    }
}
