package cn.zoufang.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;

import org.junit.jupiter.api.Test;

/**
 * {@code X-App-Version} follows mobile-contract/versioning.md whether or not the operators set a minimum
 * (production sets none at first): a malformed version is a 400 naming the header, a well-formed one is served.
 */
class AppVersionHeaderTest {

    private static WebConfig config(String minimum) {
        return new WebConfig() {
            @Override
            public long maxJsonBytes() {
                return 262144;
            }

            @Override
            public long maxImportBytes() {
                return 5242880;
            }

            @Override
            public long maxPhotoBytes() {
                return 10485760;
            }

            @Override
            public Optional<String> minAppVersion() {
                return Optional.ofNullable(minimum);
            }

            @Override
            public double rateLimitScale() {
                return 1;
            }

            @Override
            public long compressAbove() {
                return 1024;
            }
        };
    }

    private static ContainerRequestContext sending(String version) {
        return (ContainerRequestContext) Proxy.newProxyInstance(AppVersionHeaderTest.class.getClassLoader(),
                new Class<?>[] { ContainerRequestContext.class },
                (proxy, method, args) -> method.getName().equals("getHeaderString")
                        && ApiVersioning.APP_VERSION.equals(args[0]) ? version : null);
    }

    @Test
    void aMalformedVersionIsRefusedEvenWithoutAMinimum() {
        ApiVersioning versioning = new ApiVersioning(config(null));
        for (String bad : new String[] { "abc", "1..2", "2.x", "1.2.3.4.5" }) {
            ApiException e = assertThrows(ApiException.class, () -> versioning.checkAppVersion(sending(bad)), bad);
            assertEquals(ErrorCode.VALIDATION_FAILED, e.code());
            assertEquals("X-App-Version", e.errors().get(0).field());
            assertEquals(FieldCode.FORMAT, e.errors().get(0).code());
        }
        versioning.checkAppVersion(sending("2.3.1"));
        versioning.checkAppVersion(sending("2.3.1-beta"));
        versioning.checkAppVersion(sending(null));
    }

    @Test
    void anOldVersionIsToldToUpdateOnlyWhenAMinimumIsSet() {
        new ApiVersioning(config(null)).checkAppVersion(sending("0.0.1"));
        ApiException e = assertThrows(ApiException.class,
                () -> new ApiVersioning(config("1.2.0")).checkAppVersion(sending("1.1.9")));
        assertEquals(ErrorCode.APP_UPDATE_REQUIRED, e.code());
    }
}
