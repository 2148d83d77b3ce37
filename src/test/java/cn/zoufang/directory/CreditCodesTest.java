package cn.zoufang.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodesTest {

    /** Codes published by the enterprises themselves: the check must accept them as they are. */
    @ParameterizedTest
    @ValueSource(strings = { "91110108551385082Q", "9144030071526726XG", "91330100716105852F", "914403001922038216",
            "91350100M000100Y43" })
    void acceptsPublishedCodes(String code) {
        assertNull(CreditCodes.problem(code));
    }

    @ParameterizedTest
    @CsvSource({
            "91110108551385082R, 校验位",
            "9111010855138508, 18 位",
            "91110108551385082QQ, 18 位",
            "91110108551385O82Q, “O”",
            "9111010855138I082Q, “I”",
            "91110108551385Z82Q, “Z”",
            "91110108551385S82Q, “S”",
            "91110108551385V82Q, “V”",
            "91110108551385082q, “q”",
            "9111A108551385082Q, 行政区划码" })
    void explainsWhatIsWrong(String code, String expectedInMessage) {
        String problem = CreditCodes.problem(code);
        assertNotNull(problem, code);
        assertTrue(problem.contains(expectedInMessage), problem);
    }

    @ParameterizedTest
    @CsvSource({ "91110108551385082, Q", "9144030071526726X, G", "91360100000000001, Q" })
    void computesTheCheckCharacter(String first17, char expected) {
        assertEquals(expected, CreditCodes.checkCharacter(first17));
    }
}
