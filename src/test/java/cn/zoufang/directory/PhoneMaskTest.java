package cn.zoufang.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Masked phones in lists: never the whole number, never a failure on an odd one. */
class PhoneMaskTest {

    @Test
    void mobilesAndLandlinesKeepTheirEnds() {
        assertEquals("138****5678", EnterpriseService.mask("13812345678"));
        assertEquals("0791-****5678", EnterpriseService.mask("0791-12345678"));
    }

    /** A short extension once failed the whole enterprise list (a negative count of stars). */
    @Test
    void aShortNumberShowsOnlyItsLastTwoDigits() {
        assertEquals("*****11", EnterpriseService.mask("0791-11"));
        assertEquals("******23", EnterpriseService.mask("0791-123"));
        assertEquals("0791-1", EnterpriseService.mask("0791-1"));
    }
}
