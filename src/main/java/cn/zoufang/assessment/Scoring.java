package cn.zoufang.assessment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import cn.zoufang.assessment.AssessmentDtos.Indicator;
import cn.zoufang.assessment.AssessmentDtos.Score;
import cn.zoufang.assessment.AssessmentDtos.Standing;
import cn.zoufang.report.Figures;
import cn.zoufang.report.PeriodFigures.Row;

/**
 * Scores and ranks units (groups, departments or officials) on a scheme's indicators. An indicator a unit has nothing
 * to measure on (a rate with no denominator) is left out of that unit's total, which is then taken over the
 * weights it was scored on: a group without ratings is neither rewarded nor punished for them. Ties share a
 * rank and the next rank is skipped (1, 2, 2, 4).
 */
public final class Scoring {

    private Scoring() {
    }

    /** Who takes part: a group with enterprises assigned at the period's end. */
    public static final Predicate<Figures> GROUP_TAKES_PART = f -> f.enterprisesAssigned() > 0;

    /** An official: everyone listed (counted in the period, or a group member by its end). */
    public static final Predicate<Figures> OFFICIAL_TAKES_PART = f -> true;

    /** A department with an answer due, an issue forwarded to it, or a return in the period. */
    public static final Predicate<Figures> DEPARTMENT_TAKES_PART = f -> f.answersDue() > 0 || f.issuesForwarded() > 0
            || f.returns() > 0;

    static List<Standing> standings(List<Indicator> indicators, List<Row> rows, Predicate<Figures> takesPart) {
        List<Row> units = rows.stream().filter(r -> takesPart.test(r.figures())).toList();
        double[] best = new double[indicators.size()];
        for (int i = 0; i < indicators.size(); i++) {
            String metric = indicators.get(i).metric();
            best[i] = units.stream().map(r -> r.figures().value(metric)).filter(v -> v != null)
                    .mapToDouble(Number::doubleValue).max().orElse(0);
        }
        List<Standing> unranked = new ArrayList<>();
        for (Row unit : units) {
            List<Score> scores = new ArrayList<>();
            double points = 0;
            double weights = 0;
            for (int i = 0; i < indicators.size(); i++) {
                Indicator in = indicators.get(i);
                Number raw = unit.figures().value(in.metric());
                Double value = raw == null ? null : raw.doubleValue();
                Double p = value == null ? null : points(in, value, best[i]);
                if (p != null) {
                    points += p;
                    weights += in.weight();
                }
                scores.add(new Score(in.metric(), value, p == null ? null : round(p)));
            }
            unranked.add(new Standing(unit.key(), unit.name(), null, null, weights == 0 ? null : round(points / weights * 100),
                    List.copyOf(scores)));
        }
        return ranked(unranked);
    }

    static Double points(Indicator in, double value, double best) {
        return switch (in.rule()) {
            case RATE -> in.weight() * Math.min(1, value / (in.target() == null ? 1 : in.target()));
            case RELATIVE -> best <= 0 ? null : in.weight() * value / best;
            case DEDUCT -> Math.max(0, in.weight() - in.perUnit() * value);
        };
    }

    /** Highest total first; ties share a rank; units without a total come last, unranked. */
    static List<Standing> ranked(List<Standing> standings) {
        List<Standing> sorted = new ArrayList<>(standings);
        sorted.sort(Comparator.comparing(Standing::total, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Standing::name));
        List<Standing> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Standing s = sorted.get(i);
            Integer rank = null;
            if (s.total() != null) {
                rank = i > 0 && s.total().equals(sorted.get(i - 1).total()) ? out.get(i - 1).rank() : i + 1;
            }
            out.add(new Standing(s.key(), s.name(), s.groups(), rank, s.total(), s.scores()));
        }
        return List.copyOf(out);
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
