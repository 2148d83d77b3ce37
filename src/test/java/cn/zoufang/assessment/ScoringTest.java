package cn.zoufang.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.zoufang.assessment.AssessmentDtos.Score;
import cn.zoufang.assessment.AssessmentDtos.Standing;

/** Ranking rules without a database: ties share a rank and skip the next; units without a total come last. */
class ScoringTest {

    @Test
    void tiesShareARankAndTheNextRankIsSkipped() {
        List<Standing> ranked = Scoring.ranked(List.of(unit("丁", 50.0), unit("甲", 90.0), unit("丙", 75.5),
                unit("乙", 75.5), unit("戊", null)));
        assertEquals(List.of("甲", "丙", "乙", "丁", "戊"), ranked.stream().map(Standing::name).toList());
        assertEquals(Arrays.asList(1, 2, 2, 4, null), ranked.stream().map(Standing::rank).toList());
    }

    @Test
    void eachRuleScoresOutOfItsWeight() {
        assertEquals(30.0, Scoring.points(new AssessmentDtos.Indicator("coverageRate", 40.0, ScoringRule.RATE, 1.0, null), 0.75, 1));
        // Above the target is full marks, not more.
        assertEquals(20.0, Scoring.points(new AssessmentDtos.Indicator("confirmedShare", 20.0, ScoringRule.RATE, 0.5, null), 0.8, 1));
        assertEquals(10.0, Scoring.points(new AssessmentDtos.Indicator("visitsCompleted", 20.0, ScoringRule.RELATIVE, null, null), 3, 6));
        // Nobody did any: relative to a best of zero means nothing, and is left out.
        assertNull(Scoring.points(new AssessmentDtos.Indicator("visitsCompleted", 20.0, ScoringRule.RELATIVE, null, null), 0, 0));
        assertEquals(0.0, Scoring.points(new AssessmentDtos.Indicator("returns", 20.0, ScoringRule.DEDUCT, null, 5.0), 7, 1));
        assertEquals(5.0, Scoring.points(new AssessmentDtos.Indicator("returns", 20.0, ScoringRule.DEDUCT, null, 5.0), 3, 1));
    }

    private static Standing unit(String name, Double total) {
        return new Standing(name, name, null, null, total, List.<Score>of());
    }
}
