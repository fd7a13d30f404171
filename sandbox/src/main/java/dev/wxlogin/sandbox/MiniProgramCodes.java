package dev.wxlogin.sandbox;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;

/**
 * The sandbox's stand-in for mini-program codes ({@code wxa/getwxacodeunlimit}): a standard QR code
 * whose text is {@code wxlogin-sandbox://wxacode?page=...&scene=...}, so that a test, a person with a
 * phone camera, or {@link #read} can see which page and scene a real code would open.
 */
public final class MiniProgramCodes {

    private static final String PREFIX = "wxlogin-sandbox://wxacode?";
    /** The distances the camera looks from, as the image's scale: as it is first. */
    private static final double[] SCALES = {1.0, 0.5, 0.75, 1.5};

    /**
     * What a scanned code opens.
     *
     * @param page  the mini-program page, e.g. {@code pages/web-login/confirm}
     * @param scene the value the page gets as {@code options.scene}
     */
    public record Scanned(String page, String scene) {
    }

    private MiniProgramCodes() {
    }

    /** Draws the code for {@code page} and {@code scene} as a PNG of about {@code width} pixels. */
    public static byte[] draw(String page, String scene, int width) {
        String text = PREFIX + "page=" + URLEncoder.encode(page, StandardCharsets.UTF_8)
                + "&scene=" + URLEncoder.encode(scene, StandardCharsets.UTF_8);
        try {
            BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, width, width,
                    Map.of(EncodeHintType.MARGIN, 2, EncodeHintType.CHARACTER_SET, "UTF-8"));
            BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < matrix.getHeight(); y++) {
                for (int x = 0; x < matrix.getWidth(); x++) {
                    image.setRGB(x, y, matrix.get(x, y) ? 0x000000 : 0xFFFFFF);
                }
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image, "png", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("page and scene do not fit in a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a code from an image (PNG, JPEG: a screenshot will do).
     *
     * @throws IllegalArgumentException the image holds no readable sandbox code
     */
    public static Scanned read(byte[] image) {
        BufferedImage picture;
        try {
            picture = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            throw new IllegalArgumentException("not an image", e);
        }
        if (picture == null) {
            throw new IllegalArgumentException("not an image");
        }
        String text = decode(picture);
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a mini-program code of the sandbox");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : URI.create(text).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String page = fields.get("page");
        String scene = fields.get("scene");
        if (page == null || scene == null) {
            throw new IllegalArgumentException("the code names no page or scene");
        }
        return new Scanned(page, scene);
    }

    /**
     * Decodes the QR code in {@code picture} as a phone's camera does: from several distances. ZXing's
     * detector misplaces the sampling grid of some codes at one scale and reads them at another, as a
     * camera that moves closer or farther does.
     */
    private static String decode(BufferedImage picture) {
        ReaderException last = null;
        for (double scale : SCALES) {
            BufferedImage frame = scale == 1.0 ? picture : scaled(picture, scale);
            int[] pixels = frame.getRGB(0, 0, frame.getWidth(), frame.getHeight(), null, 0, frame.getWidth());
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(frame.getWidth(), frame.getHeight(), pixels)));
            try {
                return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
            } catch (ReaderException e) {
                last = e;
            }
        }
        if (last instanceof NotFoundException) {
            throw new IllegalArgumentException("no QR code in the image", last);
        }
        throw new IllegalArgumentException("the QR code cannot be read", last);
    }

    private static BufferedImage scaled(BufferedImage picture, double scale) {
        int width = Math.max(1, (int) Math.round(picture.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(picture.getHeight() * scale));
        BufferedImage frame = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(picture, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return frame;
    }

    static Map<String, Object> asMap(Scanned scanned) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("page", scanned.page());
        map.put("scene", scanned.scene());
        return map;
    }
}
