package cn.zoufang.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint as deprecated within /api/v1: its responses carry {@code Deprecation} (RFC 9745, the
 * date it was deprecated) and {@code Sunset} (RFC 8594, the day it stops working), and
 * {@code Link: <…>; rel="deprecation"} to the notes in mobile-contract/versioning.md.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface DeprecatedApi {

    /** ISO date it was deprecated. */
    String since();

    /** ISO date after which it may be removed. */
    String sunset();
}
