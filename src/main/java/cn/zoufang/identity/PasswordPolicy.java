package cn.zoufang.identity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import cn.zoufang.web.ApiException;
import cn.zoufang.web.FieldCode;

/**
 * Every password a person chooses (a first one at activation, a change, a reset) passes this, as the
 * 等级保护 rules for government systems ask: 10 to 128 characters, at least three of lower-case letters,
 * upper-case letters, digits and symbols, not containing the account's phone number, and not one of the
 * common passwords (identity/common-passwords.txt), also when dressed up with capitals, {@code @} for
 * {@code a} or digits and symbols at its ends. A refusal is a field error {@code WEAK_PASSWORD} (or
 * {@code LENGTH}) on the field that carried the password.
 */
@ApplicationScoped
public class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    private final Set<String> common;

    public PasswordPolicy() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt")) {
            common = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::trim)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).flatMap(l -> cores(l).stream()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void check(String field, String password, String phone) {
        if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw ApiException.invalidField(field, FieldCode.LENGTH, "密码应为 " + MIN_LENGTH + " 到 " + MAX_LENGTH + " 个字符");
        }
        int kinds = (password.chars().anyMatch(Character::isLowerCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isUpperCase) ? 1 : 0)
                + (password.chars().anyMatch(Character::isDigit) ? 1 : 0)
                + (password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0);
        if (kinds < 3) {
            throw ApiException.invalidField(field, FieldCode.WEAK_PASSWORD, "密码须包含大写字母、小写字母、数字、符号中的至少三种");
        }
        if (phone != null && password.contains(phone)) {
            throw ApiException.invalidField(field, FieldCode.WEAK_PASSWORD, "密码不能包含手机号");
        }
        if (cores(password).stream().anyMatch(common::contains)) {
            throw ApiException.invalidField(field, FieldCode.WEAK_PASSWORD, "密码过于常见，容易被猜中，请换一个");
        }
    }

    /**
     * A password as guessers vary it: lower case; without the digits and symbols at its ends; and the same with
     * leetspeak read back ({@code @} a, {@code $} s, {@code 0} o) after the ends are off.
     */
    static Set<String> cores(String password) {
        String s = password.toLowerCase(Locale.ROOT);
        String plain = s.replaceAll("^[^a-z]+", "").replaceAll("[^a-z]+$", "");
        String leet = s.replaceAll("^[^a-z@$]+", "").replaceAll("[^a-z@$]+$", "")
                .replace('@', 'a').replace('$', 's').replace('0', 'o').replaceAll("^[^a-z]+", "").replaceAll("[^a-z]+$", "");
        Set<String> cores = new java.util.HashSet<>(Set.of(s));
        for (String c : List.of(plain, leet)) {
            if (c.length() >= 4) {
                cores.add(c);
            }
        }
        return cores;
    }
}
