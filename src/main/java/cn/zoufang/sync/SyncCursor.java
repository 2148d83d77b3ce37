package cn.zoufang.sync;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.zoufang.web.ApiException;
import cn.zoufang.web.ErrorCode;

/**
 * Where an app's sync stands: for each kind of object, the (change time, id) of the last one sent; the
 * end of the last complete round ({@code since}, on the database's clock, which stamps changes: the next
 * round looks for scope changes after it) and that round's day ({@code sinceDay}, on the service's clock,
 * which dates assignments); and whether this round has already sent them. A snapshot's pages carry the day
 * its history begins ({@code historyBefore}), so that every page of it leaves out the same history. Opaque to the app: JSON, signed with the key in the
 * database, so any replica reads it after any restart, and a forged one is refused.
 */
record SyncCursor(Position enterprises, Position visits, Position issues, Position notifications, OffsetDateTime since,
        java.time.LocalDate sinceDay, boolean scopeSent, UUID account, java.time.LocalDate historyBefore) {

    /** After (at, id) in the order of change time then id; null means from the beginning. */
    record Position(OffsetDateTime at, UUID id) {
    }

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    static SyncCursor start(UUID account) {
        return new SyncCursor(null, null, null, null, null, null, false, account, null);
    }

    String encode(byte[] key) {
        try {
            byte[] body = JSON.writeValueAsBytes(this);
            return b64(body) + "." + b64(sign(body, key));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static SyncCursor decode(String raw, byte[] key, UUID account) {
        String[] parts = raw.trim().split("\\.");
        try {
            if (parts.length == 2) {
                byte[] body = Base64.getUrlDecoder().decode(parts[0]);
                if (MessageDigest.isEqual(sign(body, key), Base64.getUrlDecoder().decode(parts[1]))) {
                    SyncCursor c = JSON.readValue(body, SyncCursor.class);
                    // A cursor is the account's own: another account's is as good as forged.
                    if (account.equals(c.account())) {
                        return c;
                    }
                }
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            // falls through: not a cursor this server made
        }
        throw new ApiException(ErrorCode.SYNC_CURSOR_EXPIRED, "同步游标无效，请不带游标重新同步");
    }

    private static byte[] sign(byte[] body, byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] key(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
