package cn.zoufang.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a write endpoint that honours {@code Idempotency-Key} (see {@link Idempotency}). The method must
 * return {@code Uni<Response>}, so that the first answer (status, body, ETag, Location) can be replayed.
 */
@InterceptorBinding
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface Idempotent {
}
