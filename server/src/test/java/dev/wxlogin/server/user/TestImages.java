package dev.wxlogin.server.user;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Real images for upload tests, made with the JDK's encoders, and crafted headers. */
final class TestImages {

    /** A 1 × 1 lossless WebP (the JDK has no WebP encoder). */
    static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private TestImages() {
    }

    static byte[] png(int width, int height) {
        return encode("png", width, height);
    }

    static byte[] jpeg(int width, int height) {
        return encode("jpeg", width, height);
    }

    /** A PNG signature and an IHDR chunk (with its CRC) claiming these dimensions, and no pixel data. */
    static byte[] pngHeaderClaiming(long width, long height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt((int) width).putInt((int) height).put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4).put(PNG_SIGNATURE).putInt(13).put(ihdr.array()).putInt((int) crc.getValue()).array();
    }

    private static byte[] encode(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            image.setRGB(x, x % height, 0x3366CC);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
