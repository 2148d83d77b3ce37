package cn.zoufang.evidence;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TimeZone;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.lang.GeoLocation;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.ExifSubIFDDirectory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.heif.HeifDirectory;

import cn.zoufang.kernel.Dates;

/**
 * Looks at a photo's bytes, never at what the phone claimed: the real type from the magic bytes and the
 * container, the dimensions from the header (before any decoding), the SHA-256, the EXIF capture time and
 * position, a small JPEG thumbnail and, on request, a copy to share without any metadata. Images are
 * decoded subsampled, so memory is bounded by the output size whatever the input declares. CPU work:
 * call it on a worker thread.
 */
public final class PhotoInspector {

    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";
    public static final String HEIC = "image/heic";
    public static final List<String> TYPES = List.of(JPEG, PNG, HEIC);

    /** Longest side of the copy an enterprise downloads: plenty to see a problem, no metadata. */
    static final int SHAREABLE_SIZE = 2048;

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final List<String> HEIF_BRANDS = List.of("heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1");

    private PhotoInspector() {
    }

    /** What inspection asks for: the thumbnail's size, the pixel limit, and whether to make a shareable copy. */
    public record Limits(int thumbnailSize, long maxPixels, boolean shareable) {
    }

    /**
     * The outcome; {@code refused} names why the photo cannot be evidence (then only {@code type} and
     * {@code sha256} may be set). {@code thumbnail} and {@code shareable} are null for HEIC, which Java
     * cannot decode.
     */
    public record Inspection(String type, String sha256, RejectReason refused, Integer width, Integer height,
            OffsetDateTime capturedAt, Double latitude, Double longitude, byte[] thumbnail, byte[] shareable) {

        static Inspection refused(String type, String sha256, RejectReason reason) {
            return new Inspection(type, sha256, reason, null, null, null, null, null, null, null);
        }
    }

    public static Inspection inspect(byte[] bytes, Limits limits) {
        String sha256 = sha256(bytes);
        String type = detectType(bytes);
        if (type == null) {
            return Inspection.refused(null, sha256, RejectReason.NOT_AN_IMAGE);
        }
        Metadata metadata = readMetadata(bytes);
        if (type.equals(HEIC)) {
            return inspectHeic(bytes, sha256, metadata, limits);
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            ImageReader reader = readerFor(in, type);
            try {
                reader.setInput(in, true, true);
                // The header alone: a 22000 × 22000 PNG is 470 KB on disk and 1.9 GB decoded.
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > limits.maxPixels()) {
                    return Inspection.refused(type, sha256, RejectReason.TOO_MANY_PIXELS);
                }
                int target = limits.shareable() ? Math.max(SHAREABLE_SIZE, limits.thumbnailSize()) : limits.thumbnailSize() * 2;
                BufferedImage decoded = upright(decodeSubsampled(reader, width, height, target), orientation(metadata));
                byte[] thumbnail = jpeg(scaled(decoded, limits.thumbnailSize()), 0.8f);
                byte[] shareable = limits.shareable() ? jpeg(scaled(decoded, SHAREABLE_SIZE), 0.85f) : null;
                return located(type, sha256, width, height, metadata, thumbnail, shareable);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            // Valid magic bytes, but the image cannot be read to its end: not evidence anyone can look at.
            return Inspection.refused(type, sha256, RejectReason.UNREADABLE);
        }
    }

    /**
     * HEIC cannot be decoded here; it is accepted only when its container parses: boxes that tile the
     * file, a {@code meta} box, and an image item whose size the library reads from its {@code ispe}.
     */
    private static Inspection inspectHeic(byte[] bytes, String sha256, Metadata metadata, Limits limits) {
        if (metadata == null || !HeifBoxes.wellFormed(bytes)) {
            return Inspection.refused(HEIC, sha256, RejectReason.UNREADABLE);
        }
        Integer width = null;
        Integer height = null;
        for (HeifDirectory heif : metadata.getDirectoriesOfType(HeifDirectory.class)) {
            if (heif.hasErrors()) {
                return Inspection.refused(HEIC, sha256, RejectReason.UNREADABLE);
            }
            if (heif.containsTag(HeifDirectory.TAG_IMAGE_WIDTH) && heif.containsTag(HeifDirectory.TAG_IMAGE_HEIGHT)) {
                width = heif.getInteger(HeifDirectory.TAG_IMAGE_WIDTH);
                height = heif.getInteger(HeifDirectory.TAG_IMAGE_HEIGHT);
            }
        }
        if (width == null || height == null || width <= 0 || height <= 0) {
            return Inspection.refused(HEIC, sha256, RejectReason.UNREADABLE);
        }
        if ((long) width * height > limits.maxPixels()) {
            return Inspection.refused(HEIC, sha256, RejectReason.TOO_MANY_PIXELS);
        }
        return located(HEIC, sha256, width, height, metadata, null, null);
    }

    private static Inspection located(String type, String sha256, int width, int height, Metadata metadata,
            byte[] thumbnail, byte[] shareable) {
        OffsetDateTime captured = null;
        Double lat = null;
        Double lng = null;
        if (metadata != null) {
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
        }
        return new Inspection(type, sha256, null, width, height, captured, lat, lng, thumbnail, shareable);
    }

    private static Metadata readMetadata(byte[] bytes) {
        try {
            return ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            // No readable metadata: the photo is flagged for it, not refused.
            return null;
        }
    }

    private static ImageReader readerFor(ImageInputStream in, String type) throws IOException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type);
        if (in == null || !readers.hasNext()) {
            throw new IOException("No reader for " + type);
        }
        return readers.next();
    }

    /**
     * Reads every {@code step}-th pixel of every {@code step}-th row, the step chosen so the result's
     * longest side is at most {@code target}: the decoder never holds more than target² pixels.
     */
    private static BufferedImage decodeSubsampled(ImageReader reader, int width, int height, int target) throws IOException {
        int longest = Math.max(width, height);
        int step = Math.max(1, (longest + target - 1) / target);
        ImageReadParam param = reader.getDefaultReadParam();
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage image = reader.read(0, param);
        if (image == null) {
            throw new IOException("Nothing decoded");
        }
        return image;
    }

    private static BufferedImage scaled(BufferedImage image, int size) {
        double scale = Math.min(1.0, (double) size / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    private static int orientation(Metadata metadata) {
        ExifIFD0Directory ifd0 = metadata == null ? null : metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        try {
            return ifd0 != null && ifd0.containsTag(ExifIFD0Directory.TAG_ORIENTATION)
                    ? ifd0.getInt(ExifIFD0Directory.TAG_ORIENTATION) : 1;
        } catch (MetadataException e) {
            return 1;
        }
    }

    /**
     * Turns the pixels the way the EXIF orientation says the camera was held: the copies carry no EXIF,
     * so a photo taken upright must be stored upright.
     */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation < 2 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(image, t, null);
        g.dispose();
        return out;
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
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

    /** The top level of an ISO base media file (HEIF): boxes that follow each other to the file's end. */
    static final class HeifBoxes {

        private HeifBoxes() {
        }

        static boolean wellFormed(byte[] bytes) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            boolean first = true;
            boolean meta = false;
            boolean media = false;
            while (b.remaining() > 0) {
                if (b.remaining() < 8) {
                    return false;
                }
                int start = b.position();
                long size = Integer.toUnsignedLong(b.getInt());
                String type = new String(bytes, start + 4, 4, StandardCharsets.US_ASCII);
                b.position(start + 8);
                if (size == 1) {
                    if (b.remaining() < 8) {
                        return false;
                    }
                    size = b.getLong();
                } else if (size == 0) {
                    size = bytes.length - start;
                }
                if (size < 8 || size > bytes.length - start) {
                    return false;
                }
                if (first && !type.equals("ftyp")) {
                    return false;
                }
                first = false;
                meta |= type.equals("meta");
                media |= type.equals("mdat") || type.equals("idat");
                b.position((int) (start + size));
            }
            return meta && media;
        }
    }
}
