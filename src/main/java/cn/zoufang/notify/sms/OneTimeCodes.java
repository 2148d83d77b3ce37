package cn.zoufang.notify.sms;

import io.smallrye.mutiny.Uni;

/**
 * How the identity work sends a login, password-reset or activation code: queued in the caller's
 * transaction and sent at once, within the per-phone limits; the code is erased from the outbox once sent.
 * Generating, hashing and checking the code (tries, expiry) is the caller's.
 */
public interface OneTimeCodes {

    Uni<Void> send(String phone, SmsTemplate template, String code);

    /** Whether codes of this template can be sent at all (SMS configured, the template approved). */
    boolean available(SmsTemplate template);
}
