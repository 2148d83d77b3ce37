package cn.zoufang.kernel;

import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * Time is an input: services and jobs take this {@link Clock} instead of asking the system, so that tests
 * can run on any day (the day after the Spring Festival, the last second of a month). A test's own bean of
 * type {@code Clock} replaces this one.
 * <p>
 * What stays on the system clock on purpose: token lifetimes that a library checks against the system
 * clock (JWT {@code exp}, presigned S3 URLs), and the database's own change stamps that order sync.
 */
@Singleton
public class Clocks {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
