package cn.zoufang.evidence;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.TimeZone;

import javax.imageio.ImageIO;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;

import cn.zoufang.kernel.Dates;

/**
 * Looks at a photo's bytes, never at what the phone claimed: the real type from the magic bytes,
 * the SHA-256, the EXIF capture time and position, and a small JPEG thumbnail. CPU work: call it
 * on a worker thread.
 */
public final class PhotoInspector {

    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final String HEIC = "image/heic";
    public static final List<String> TYPES = List.of(JPEG, PNG, HEIC);

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final List<String> HEIF_BRANDS = List.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");

    private PhotoInspector() {
    }

    public record Inspection(String type, String sha256, OffsetDateTime capturedAt, Double latitude,
            Double longitude, byte[] thumbnail) {
    }

    public static Inspection inspect(byte[] bytes, int thumbnailSize) {
        String type = detectType(bytes);
        OffsetDateTime captured = null;
        Double lat = null;
        Double lng = null;
        if (type != null) {
            try {
                Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
                ExifSubIFDDirectory exif = metadata.getFirstDirectoryOfType(ExifSubIFDDirectory.class);
                // EXIF times carry no zone; phones write local time, which here is China time.
                Date original = exif == null ? null : exif.getDateOriginal(TimeZone.getTimeZone(Dates.ZONE));
                captured = original == null ? null : original.toInstant().atZone(Dates.ZONE).toOffsetDateTime();
                GpsDirectory gps = metadata.getFirstDirectoryOfType(GpsDirectory.class);
                GeoLocation location = gps == null ? null : gps.getGeoLocation();
                if (location != null && !location.isZero()) {
                    lat = location.getLatitude();
                    lng = location.getLongitude();
                }
            } catch (ImageProcessingException | IOException e) {
                // No readable metadata: the photo is flagged for it, not refused.
            }
        }
        return new Inspection(type, sha256(bytes), captured, lat, lng, type == null ? null : thumbnail(bytes, thumbnailSize));
    }

    /** JPEG, PNG or HEIC by their magic bytes; null for anything else. */
    public static String detectType(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return JPEG;
        }
        if (b.length >= 8 && Arrays.equals(Arrays.copyOf(b, 8), PNG_SIGNATURE)) {
            return PNG;
        }
        if (b.length >= 12 && new String(b, 4, 4, StandardCharsets.US_ASCII).equals("ftyp")
                && HEIF_BRANDS.contains(new String(b, 8, 4, StandardCharsets.US_ASCII))) {
            return HEIC;
        }
        return null;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JPEG no larger than {@code size} on its longest side; null where Java cannot decode (HEIC). */
    static byte[] thumbnail(byte[] bytes, int size) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                return null;
            }
            double scale = Math.min(1.0, (double) size / Math.max(image.getWidth(), image.getHeight()));
            int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
            BufferedImage thumb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = thumb.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
            g.dispose();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(thumb, "jpg", out);
            return out.toByteArray();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
