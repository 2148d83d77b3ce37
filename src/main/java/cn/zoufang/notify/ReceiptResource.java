package cn.zoufang.notify;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;
import io.smallrye.mutiny.Uni;

/**
 * Where the push and SMS services report delivery. Not called by the apps: each is authenticated as its
 * service does it (Huawei signs its callback; Alibaba Cloud reaches a secret URL, which the access log leaves out).
 */
@Path("/api/v1")
@PermitAll
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptResource {

    private final Receipts receipts;

    public ReceiptResource(Receipts receipts) {
        this.receipts = receipts;
    }

    /** Huawei Push Kit's receipts; answered as Huawei expects ({@code errno}/{@code errmsg}). */
    @POST
    @Path("/push-receipts/hms")
    public Uni<Map<String, String>> hms(@HeaderParam("X-HUAWEI-CALLBACK-ID") String signature, JsonNode body) {
        if (!receipts.hmsSigned(signature)) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "回执签名无效");
        }
        return receipts.hms(body).map(n -> Map.of("errno", "0", "errmsg", "ok"));
    }

    /** Alibaba Cloud SMS status reports (HTTP batch push); answered as Alibaba expects ({@code code} 0). */
    @POST
    @Path("/sms-receipts/{secret}")
    public Uni<Map<String, Object>> sms(@PathParam("secret") String secret, JsonNode body) {
        if (!receipts.smsSecret(secret)) {
            throw ApiException.notFound("回执地址");
        }
        return receipts.sms(body).map(n -> Map.of("code", 0, "msg", "接收成功"));
    }
}
