package cn.zoufang.evidence;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;

import org.apache.commons.imaging.formats.jpeg.exif.ExifRewriter;
import org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants;
import org.apache.commons.imaging.formats.tiff.write.TiffOutputSet;

import cn.zoufang.testsupport.LocalServices;
import cn.zoufang.testsupport.TestServices;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;

/** Makes real photos (with or without EXIF) and uploads them as a phone would: an HTML-form POST to the store. */
public final class TestPhotos {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private TestPhotos() {
    }

    static byte[] png(int width, int height) throws IOException {
        return encode(image(width, height), "png");
    }

    static byte[] jpeg(int width, int height) throws IOException {
        return encode(image(width, height), "jpg");
    }

    /** A JPEG whose EXIF says where and when it was taken, as a phone camera writes it. */
    public static byte[] jpegWithExif(double lat, double lng, LocalDateTime takenAt) throws Exception {
        TiffOutputSet exif = new TiffOutputSet();
        exif.setGpsInDegrees(lng, lat);
        exif.getOrCreateExifDirectory().add(ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL,
                takenAt.format(DateTimeFormatter.ofPattern("yyyy:MM:dd HH:mm:ss")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ExifRewriter().updateExifMetadataLossless(jpeg(640, 480), out, exif);
        return out.toByteArray();
    }

    /**
     * A valid PNG declaring {@code width} × {@code height} RGBA pixels of nothing: small on disk (all
     * zeros deflate about 1000:1), enormous decoded.
     */
    static byte[] hugePng(int width, int height) throws IOException {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            byte[] row = new byte[1 + 4 * width]; // filter byte, then RGBA
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 6)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        png.write(ByteBuffer.allocate(4).putInt(data.length).array());
        png.write(name);
        png.write(data);
        png.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /**
     * The smallest well-formed HEIC container (ISO/IEC 23008-12): ftyp, a meta box with the handler,
     * the primary item, its location, its info entry (hvc1) and its spatial extent (ispe), then mdat.
     * The coded image itself is filler: the service checks the container, it does not decode HEVC.
     */
    static byte[] heic(int width, int height) throws IOException {
        byte[] ftyp = box("ftyp", ascii("heic"), u32(0), ascii("mif1"), ascii("heic"));
        byte[] hdlr = box("hdlr", full(0), u32(0), ascii("pict"), u32(0), u32(0), u32(0), new byte[] { 0 });
        byte[] pitm = box("pitm", full(0), u16(1));
        byte[] iinf = box("iinf", full(0), u16(1), box("infe", full(2), u16(1), u16(0), ascii("hvc1"), new byte[] { 0 }));
        byte[] iprp = box("iprp", box("ipco", box("ispe", full(0), u32(width), u32(height))),
                box("ipma", full(0), u32(1), u16(1), new byte[] { 1, (byte) 0x81 }));
        byte[] payload = new byte[256];
        // iloc: 4-byte offsets and lengths, one item with one extent: mdat's payload, wherever it lands.
        byte[] ilocSized = box("iloc", full(0), new byte[] { 0x44, 0 }, u16(1), u16(1), u16(0), u16(1), u32(0), u32(0));
        long offset = ftyp.length + box("meta", full(0), hdlr, pitm, ilocSized, iinf, iprp).length + 8;
        byte[] iloc = box("iloc", full(0), new byte[] { 0x44, 0 }, u16(1), u16(1), u16(0), u16(1), u32(offset),
                u32(payload.length));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ftyp);
        out.write(box("meta", full(0), hdlr, pitm, iloc, iinf, iprp));
        out.write(box("mdat", payload));
        return out.toByteArray();
    }

    private static byte[] box(String type, byte[]... parts) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.write(part);
        }
        return ByteBuffer.allocate(8 + body.size()).putInt(8 + body.size()).put(ascii(type)).put(body.toByteArray()).array();
    }

    private static byte[] full(int version) {
        return new byte[] { (byte) version, 0, 0, 0 };
    }

    private static byte[] u16(int v) {
        return ByteBuffer.allocate(2).putShort((short) v).array();
    }

    private static byte[] u32(long v) {
        return ByteBuffer.allocate(4).putInt((int) v).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static BufferedImage image(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(30, 120, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.WHITE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /**
     * Uploads as a phone does, with S3's browser-based form: a multipart/form-data POST of the slot's
     * fields, then the file; returns the HTTP status (204 when the store took it).
     */
    public static int upload(io.restassured.path.json.JsonPath slot, byte[] body) throws Exception {
        return post(slot.getString("uploadUrl"), slot.getMap("fields"), body).statusCode();
    }

    /** The same POST with any fields (changed ones, to see the store refuse them). */
    public static HttpResponse<String> post(String url, Map<String, ?> fields, byte[] body) throws Exception {
        String boundary = "----zoufang" + System.nanoTime();
        ByteArrayOutputStream form = new ByteArrayOutputStream();
        for (Map.Entry<String, ?> f : fields.entrySet()) {
            form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n"
                    + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        form.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        form.write(body);
        form.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray())).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static MinioClient client() {
        return MinioClient.builder().endpoint(TestServices.current().s3Endpoint())
                .credentials(LocalServices.S3_ACCESS_KEY, LocalServices.S3_SECRET_KEY).region("us-east-1").build();
    }

    /** Replaces a stored object behind the service's back, as someone with the store's own keys could. */
    public static void overwrite(String key, byte[] bytes, String contentType) throws Exception {
        client().putObject(io.minio.PutObjectArgs.builder().bucket("zoufang-evidence").object(key)
                .data(bytes, bytes.length).contentType(contentType).build());
    }

    /** Whether the bucket holds an object under this key. */
    public static boolean exists(String key) throws Exception {
        try {
            client().statObject(io.minio.StatObjectArgs.builder().bucket("zoufang-evidence").object(key).build());
            return true;
        } catch (io.minio.errors.ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return false;
            }
            throw e;
        }
    }

    /** How many objects the bucket holds under a visit, read with the MinIO client. */
    public static int objectsOf(String visitId) throws Exception {
        int n = 0;
        for (Result<Item> item : client().listObjects(ListObjectsArgs.builder().bucket("zoufang-evidence")
                .prefix("visits/" + visitId + "/").recursive(true).build())) {
            item.get();
            n++;
        }
        return n;
    }
}
