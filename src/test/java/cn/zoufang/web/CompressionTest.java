package cn.zoufang.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.testsupport.ApiTest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Bytes on the wire: the JDK's client does not decompress, so it sees what a phone receives. A JSON answer is
 * gzipped for a client that accepts it, and is the same answer once inflated; a client that does not ask gets
 * it plain; a small answer and a file that is compressed already go as they are.
 */
@QuarkusTest
class CompressionTest extends ApiTest {

    @TestHTTPResource("/")
    URL base;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpResponse<byte[]> get(String path, String phone, String acceptEncoding) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
                .header("Authorization", "Bearer " + token(phone));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (var in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @Test
    void aLargeJsonAnswerIsGzippedForAClientThatAcceptsIt() throws Exception {
        String path = "api/v1/enterprises?limit=100";
        HttpResponse<byte[]> plain = get(path, OFFICE, null);
        HttpResponse<byte[]> gzipped = get(path, OFFICE, "gzip, deflate");
        assertEquals(200, plain.statusCode());
        assertEquals(200, gzipped.statusCode());
        assertTrue(plain.body().length > 4096, "the list is long enough to be worth compressing: " + plain.body().length);
        assertFalse(plain.headers().firstValue("Content-Encoding").filter(e -> !e.equals("identity")).isPresent(),
                "a client that does not ask gets it plain");
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
        assertTrue(gzipped.headers().allValues("Vary").stream().anyMatch(v -> v.toLowerCase().contains("accept-encoding")),
                "caches keep the two apart: " + gzipped.headers().map());
        assertTrue(gzipped.body().length * 3 < plain.body().length,
                "gzip makes it at least three times smaller: " + gzipped.body().length + " of " + plain.body().length);
        JsonNode inflated = JSON.readTree(gunzip(gzipped.body()));
        assertEquals(JSON.readTree(plain.body()), inflated);
    }

    @Test
    void aSmallAnswerGoesAsItIs() throws Exception {
        HttpResponse<byte[]> missing = get("api/v1/enterprises/00000000-0000-0000-0000-000000000000", OFFICE, "gzip");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().length < 1024, "a problem is small: " + missing.body().length);
        assertFalse(missing.headers().firstValue("Content-Encoding").filter(e -> !e.equals("identity")).isPresent(),
                "below the threshold the answer is not compressed: " + missing.headers().map());
        assertEquals("NOT_FOUND", JSON.readTree(missing.body()).path("code").asText());
    }

    @Test
    void aWorkbookIsNotCompressedAgain() throws Exception {
        HttpResponse<byte[]> xlsx = get("api/v1/issues/export.xlsx", OFFICE, "gzip");
        assertEquals(200, xlsx.statusCode());
        assertTrue(xlsx.body().length > 1024);
        assertFalse(xlsx.headers().firstValue("Content-Encoding").filter(e -> !e.equals("identity")).isPresent(),
                "a workbook is a zip already: " + xlsx.headers().map());
        assertEquals('P', (char) xlsx.body()[0], "the bytes are the zip itself");
    }
}
