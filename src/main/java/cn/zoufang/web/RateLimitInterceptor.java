package cn.zoufang.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import cn.zoufang.identity.CurrentCaller;

/** Applies {@link RateLimited}: one bucket per calling account and action, checked before anything runs. */
@RateLimited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION - 10)
public class RateLimitInterceptor {

    private final RateLimiter limiter;
    private final CurrentCaller caller;
    private final double scale;

    public RateLimitInterceptor(RateLimiter limiter, CurrentCaller caller, WebConfig config) {
        this.limiter = limiter;
        this.caller = caller;
        this.scale = config.rateLimitScale();
    }

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        RateLimited limit = ctx.getMethod().getAnnotation(RateLimited.class);
        String action = limit.value().isEmpty() ? ctx.getMethod().getName() : limit.value();
        Optional<Duration> wait = limiter.take(caller.get().id() + " " + action,
                (int) Math.max(1, Math.round(limit.perMinute() * scale)), (int) Math.max(1, Math.round(limit.burst() * scale)));
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            throw new ApiException(ErrorCode.TOO_MANY_REQUESTS, "操作过于频繁，请 " + seconds + " 秒后再试", List.of(),
                    (int) seconds);
        }
        return ctx.proceed();
    }
}
