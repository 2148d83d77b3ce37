package cn.zoufang.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * An expensive endpoint that each account may call at most {@code burst} times at once and
 * {@code perMinute} times a minute after that (per replica); beyond it, 429 {@code TOO_MANY_REQUESTS} with
 * {@code Retry-After}. {@code zoufang.web.rate-limit-scale} multiplies every limit (tests raise it).
 */
@InterceptorBinding
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface RateLimited {

    /** The action's name: one bucket per account and name, also named in the 429's detail. */
    @Nonbinding
    String value() default "";

    @Nonbinding
    int perMinute() default 60;

    @Nonbinding
    int burst() default 60;
}
