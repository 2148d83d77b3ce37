package cn.zoufang.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.Response;

/** A file to save: an ASCII name for old clients, the Chinese one (RFC 6266 filename*) for the rest. */
public final class Downloads {

    private Downloads() {
    }

    public static Response attachment(byte[] bytes, String mediaType, String asciiName, String chineseName) {
        return Response.ok(bytes, mediaType).header("Content-Disposition", "attachment; filename=\"" + asciiName
                + "\"; filename*=UTF-8''" + URLEncoder.encode(chineseName, StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }
}
