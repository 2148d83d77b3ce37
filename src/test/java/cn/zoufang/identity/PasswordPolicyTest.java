package cn.zoufang.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import cn.zoufang.web.ApiException;

/** The password policy, rule by rule. */
class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @CsvSource({ "Short-1a, LENGTH", "abcdefghijkl, WEAK_PASSWORD", "ABCDEFGH1234, WEAK_PASSWORD",
            "Password2026!, WEAK_PASSWORD", "P@ssw0rd2026, WEAK_PASSWORD", "2026Zoufang!!, WEAK_PASSWORD",
            "Woaini1314!!, WEAK_PASSWORD", "Qwerty123456, WEAK_PASSWORD", "Zoufang@2026, WEAK_PASSWORD", "Mi13800001234!, WEAK_PASSWORD" })
    void refused(String password, String code) {
        ApiException e = assertThrows(ApiException.class, () -> policy.check("newPassword", password, "13800001234"));
        assertEquals("newPassword", e.errors().get(0).field());
        assertEquals(code, e.errors().get(0).code().name());
    }

    @ParameterizedTest
    @ValueSource(strings = { "Qiye-Zoufang-2026!", "jiangxi-Hong-Gu-7", "Tan3-Cheng-Lu-88", "ZZ9 plural z alpha" })
    void accepted(String password) {
        policy.check("newPassword", password, "13800001234");
    }
}
