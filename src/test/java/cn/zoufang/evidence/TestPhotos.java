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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

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

/** Makes real photos (with or without EXIF) and uploads them as a phone would: a plain HTTP PUT. */
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

    /** PUTs the bytes to a presigned URL with the given headers; returns the HTTP status. */
    public static int put(String url, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static HttpResponse<byte[]> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** How many objects the bucket holds under a visit, read with the MinIO client. */
    public static int objectsOf(String visitId) throws Exception {
        LocalServices services = TestServices.current();
        MinioClient client = MinioClient.builder().endpoint(services.s3Endpoint())
                .credentials(LocalServices.S3_ACCESS_KEY, LocalServices.S3_SECRET_KEY).region("us-east-1").build();
        int n = 0;
        for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket("zoufang-evidence")
                .prefix("visits/" + visitId + "/").recursive(true).build())) {
            item.get();
            n++;
        }
        return n;
    }
}
