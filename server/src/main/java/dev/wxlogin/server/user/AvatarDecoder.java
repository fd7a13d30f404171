package dev.wxlogin.server.user;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

import dev.wxlogin.server.error.ApiError;
import dev.wxlogin.server.error.ApiException;

/**
 * Proves an upload is the image its first bytes claim, before anything is stored: its header's
 * dimensions are read and checked first (a header claiming 2³¹ × 2³¹ pixels is refused before any
 * pixel memory is allocated), then the whole image is decoded (subsampled, so memory stays small),
 * and any decoder error or warning (a truncated JPEG, HTML after a PNG signature) refuses it. JPEG
 * and PNG are read by the JDK, WebP by TwelveMonkeys ImageIO.
 */
final class AvatarDecoder {

    /** Far above any avatar (WeChat's are 132 × 132) and small enough to decode safely. */
    static final int MAX_DIMENSION = 2048;
    /** The largest side decoded while verifying. */
    private static final int VERIFY_SIDE = 256;

    private AvatarDecoder() {
    }

    /**
     * @return the image's type
     * @throws ApiException AVATAR_UNSUPPORTED_TYPE when it is not a whole JPEG, PNG or WebP image,
     *                      AVATAR_TOO_LARGE when it is over {@value #MAX_DIMENSION} pixels on a side
     */
    static ImageType check(byte[] bytes) {
        ImageType type = ImageType.detect(bytes).orElseThrow(AvatarDecoder::unsupported);
        ImageReader reader = reader(type);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            if (width <= 0 || height <= 0) {
                throw unsupported();
            }
            if (width > MAX_DIMENSION || height > MAX_DIMENSION) {
                throw new ApiException(ApiError.AVATAR_TOO_LARGE,
                        "The avatar must be at most " + MAX_DIMENSION + " x " + MAX_DIMENSION + " pixels.");
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = Math.max(1, Math.max(width, height) / VERIFY_SIDE);
            param.setSourceSubsampling(step, step, 0, 0);
            reader.read(0, param);
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException undecodable) {
            // Decoders report malformed input as runtime exceptions too; the message could quote the input.
            throw unsupported();
        } finally {
            reader.dispose();
        }
        if (!warnings.isEmpty()) {
            throw unsupported();
        }
        return type;
    }

    private static ImageReader reader(ImageType type) {
        if (type == ImageType.WEBP) {
            // Not through ImageIO's registry, which a packaged application's class loader may not reach.
            return new WebPImageReaderSpi().createReaderInstance(null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type == ImageType.PNG ? "png" : "jpeg");
        if (!readers.hasNext()) {
            throw new IllegalStateException("the JDK has no ImageIO reader for " + type);
        }
        return readers.next();
    }

    private static ApiException unsupported() {
        return new ApiException(ApiError.AVATAR_UNSUPPORTED_TYPE);
    }
}
