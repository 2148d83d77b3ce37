package cn.zoufang.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import cn.zoufang.identity.CurrentCaller;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * Applies {@link Idempotency} around every {@link Idempotent} endpoint: the request is identified by
 * its method, path and body (the one parameter without a JAX-RS annotation), per calling account.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IdempotentInterceptor {

    private final Idempotency idempotency;
    private final CurrentCaller caller;
    private final HttpServerRequest request;

    public IdempotentInterceptor(Idempotency idempotency, CurrentCaller caller, HttpServerRequest request) {
        this.idempotency = idempotency;
        this.caller = caller;
        this.request = request;
    }

    @AroundInvoke
    Object around(InvocationContext ctx) throws Exception {
        String key = request.getHeader(Idempotency.HEADER);
        if (key == null) {
            return ctx.proceed();
        }
        return idempotency.run(caller.get().id(), key, request.method().name(), request.path(), body(ctx),
                () -> {
                    try {
                        @SuppressWarnings("unchecked")
                        Uni<Response> answer = (Uni<Response>) ctx.proceed();
                        return answer;
                    } catch (Exception e) {
                        return Uni.createFrom().failure(e);
                    }
                });
    }

    private static Object body(InvocationContext ctx) {
        Method method = ctx.getMethod();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < annotations.length; i++) {
            boolean jaxrs = false;
            for (Annotation a : annotations[i]) {
                jaxrs |= a.annotationType().getPackageName().equals("jakarta.ws.rs");
            }
            if (!jaxrs && !(ctx.getParameters()[i] instanceof UriInfo)) {
                return ctx.getParameters()[i];
            }
        }
        return null;
    }
}
