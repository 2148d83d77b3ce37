package cn.zoufang.ledger;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "zoufang.ledger")
public interface LedgerConfig {

    /** An open issue is due soon within this many working days of its due date (预警). */
    @WithDefault("2")
    int dueSoonWorkingDays();

    /** Overdue by this many working days, an issue needs the office's supervision (督办). */
    @WithDefault("5")
    int supervisionAfterWorkingDays();

    /** Working days the enterprise has to rate an answer before the office may close it out without. */
    @WithDefault("5")
    int confirmationWaitWorkingDays();

    /** Working days an assisting department has for its opinion (协办意见), from forwarding. */
    @WithDefault("3")
    int opinionWorkingDays();

    /** How often the ladder's notices are checked ("off" disables it, as the tests do). */
    @WithDefault("15m")
    String escalationEvery();

    /** How long after start the first check waits. */
    @WithDefault("1m")
    String escalationDelay();

    /** Issues per transaction of the ladder and follow-up runs: keeps each transaction short in a large zone. */
    @WithDefault("200")
    int escalationBatch();

    /** Working days after a close-out (resolved or explained) before the group is reminded to follow up. */
    @WithDefault("10")
    int followUpAfterWorkingDays();
}
