package cn.zoufang.ops;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import cn.zoufang.kernel.Outages;
import io.quarkus.scheduler.FailedExecution;

/**
 * How a scheduled job's failure is logged (the scheduler's own ERROR with a stack trace is turned off in
 * application.properties). While the database is down, every job that opens a session fails on every tick
 * (the push dispatcher every 2 s): one WARN line each says so, instead of a stack trace each. Anything else
 * is a real fault and keeps its stack trace.
 */
@ApplicationScoped
public class JobFailures {

    private static final Logger LOG = Logger.getLogger(JobFailures.class);

    void failed(@Observes FailedExecution failure) {
        String job = failure.getExecution().getTrigger().getId();
        Throwable e = failure.getException();
        if (Outages.isOutage(e)) {
            LOG.warnf("Scheduled job %s skipped this run: database unavailable (%s)", job, e.getMessage());
        } else {
            LOG.errorf(e, "Scheduled job %s failed", job);
        }
    }
}
