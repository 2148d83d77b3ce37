package cn.zoufang.report;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One row of a month's figures. Each component is a metric of the dictionary
 * ({@code api-spec/metric-dictionary.json}) under the same name; a test keeps the two in step.
 * Rates and medians are null when there is nothing to divide or rank.
 */
public record Figures(
        long visitsCompleted,
        long visitsRegular,
        long visitsFollowUp,
        long visitsOnSite,
        long visitsConfirmed,
        Double confirmedShare,
        long visitRatings,
        Double meanVisitRating,
        long enterprisesAssigned,
        long enterprisesVisited,
        Double coverageRate,
        long issuesRegistered,
        long registeredFromVisits,
        long registeredAtDesk,
        long registeredByEnterprises,
        long issuesForwarded,
        long issuesAnswered,
        long closedResolved,
        long closedExplained,
        long closedDuplicate,
        long closedWithdrawn,
        long closedWithoutConfirmation,
        long issuesReopened,
        long openAtMonthEnd,
        long overdueAtMonthEnd,
        long answersDue,
        long answersOnTime,
        Double onTimeRate,
        long answersWithInterimReply,
        long deskReleases,
        long deskSendBacks,
        Double medianHoursAtDesk,
        long issuesPaused,
        long pausedWorkingDays,
        long waitingAtMonthEnd,
        Double medianDaysToAnswer,
        Double medianDaysToClose,
        long ratings,
        Double meanRating,
        Double satisfiedShare,
        long answersRated,
        Double ratedShare,
        long issuesSupervised,
        long returns) {

    static final Figures EMPTY = new Tally().figures();

    private static final Map<String, RecordComponent> BY_KEY = Arrays.stream(Figures.class.getRecordComponents())
            .collect(Collectors.toUnmodifiableMap(RecordComponent::getName, c -> c));

    /** Whether a metric of the dictionary is one of these figures. */
    public static boolean has(String metric) {
        return BY_KEY.containsKey(metric);
    }

    /** A metric by its dictionary key: a count, or a rate, mean or median (null when there is none). */
    public Number value(String metric) {
        RecordComponent c = BY_KEY.get(metric);
        if (c == null) {
            throw new IllegalArgumentException(metric);
        }
        try {
            return (Number) c.getAccessor().invoke(this);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The figures as the queries deliver them, before the rates are derived. */
    static final class Tally {
        long visitsCompleted, visitsRegular, visitsFollowUp, visitsOnSite, visitsConfirmed;
        long visitRatings, visitRatingSum;
        long enterprisesAssigned, enterprisesVisited;
        long issuesRegistered, registeredFromVisits, registeredAtDesk, registeredByEnterprises;
        long issuesForwarded, issuesAnswered;
        long closedResolved, closedExplained, closedDuplicate, closedWithdrawn, closedWithoutConfirmation;
        long issuesReopened, openAtMonthEnd, overdueAtMonthEnd;
        long answersDue, answersOnTime, answersWithInterimReply;
        long deskReleases, deskSendBacks;
        Double medianHoursAtDesk;
        long issuesPaused, pausedWorkingDays, waitingAtMonthEnd;
        Double medianDaysToAnswer, medianDaysToClose;
        long ratings, satisfiedRatings, ratingSum;
        long answers, answersRated;
        long issuesSupervised, returns;

        Figures figures() {
            return new Figures(visitsCompleted, visitsRegular, visitsFollowUp, visitsOnSite, visitsConfirmed,
                    share(visitsConfirmed, visitsCompleted), visitRatings,
                    // Fewer than three: the mean would tell the group what one enterprise said.
                    visitRatings < 3 ? null : round((double) visitRatingSum / visitRatings), enterprisesAssigned,
                    enterprisesVisited, share(enterprisesVisited, enterprisesAssigned), issuesRegistered,
                    registeredFromVisits, registeredAtDesk, registeredByEnterprises, issuesForwarded, issuesAnswered,
                    closedResolved, closedExplained, closedDuplicate, closedWithdrawn, closedWithoutConfirmation,
                    issuesReopened, openAtMonthEnd, overdueAtMonthEnd, answersDue, answersOnTime,
                    share(answersOnTime, answersDue), answersWithInterimReply, deskReleases, deskSendBacks,
                    medianHoursAtDesk, issuesPaused, pausedWorkingDays, waitingAtMonthEnd, medianDaysToAnswer, medianDaysToClose, ratings,
                    ratings == 0 ? null : round((double) ratingSum / ratings), share(satisfiedRatings, ratings),
                    answersRated, share(answersRated, answers), issuesSupervised, returns);
        }

        private static Double share(long part, long whole) {
            return whole == 0 ? null : round((double) part / whole);
        }

        private static Double round(double x) {
            return Math.round(x * 10_000) / 10_000.0;
        }
    }
}
