package cn.zoufang.web;

import java.util.Map;

import jakarta.validation.ConstraintViolation;

/**
 * What is wrong with one field ({@code errors[].code} of a problem). Every constant is catalogued in
 * {@code mobile-contract/errors.md} (a test keeps the two in step); the apps switch on it.
 */
public enum FieldCode {
    /** Missing or blank. */
    REQUIRED,
    /** Too long or too short. */
    LENGTH,
    /** Wrong form or type: a phone number, a date, a number, an unknown enum value, text with U+0000. */
    FORMAT,
    /** A number or date outside its range. */
    RANGE,
    /** Any other rule. */
    INVALID,
    INVALID_CREDIT_CODE,
    /** In imports: the code repeats an earlier row, or is already registered. */
    DUPLICATE_CREDIT_CODE,
    UNKNOWN_PROPERTY,
    /** A password the policy refuses: too few kinds of characters, the phone number, a common password. */
    WEAK_PASSWORD,
    /** The phone number already has an account (in imports: or repeats an earlier row). */
    DUPLICATE_PHONE,
    /** In imports: a column header the template does not have. */
    UNKNOWN_COLUMN,
    /** In imports: a template column is missing. */
    MISSING_COLUMN;

    private static final Map<String, FieldCode> BY_CONSTRAINT = Map.ofEntries(
            Map.entry("NotNull", REQUIRED), Map.entry("NotBlank", REQUIRED),
            Map.entry("NotEmpty", REQUIRED), Map.entry("Size", LENGTH),
            Map.entry("Pattern", FORMAT), Map.entry("Email", FORMAT),
            Map.entry("Min", RANGE), Map.entry("Max", RANGE), Map.entry("DecimalMin", RANGE),
            Map.entry("DecimalMax", RANGE), Map.entry("Positive", RANGE),
            Map.entry("PositiveOrZero", RANGE), Map.entry("CreditCode", INVALID_CREDIT_CODE));

    /** The code of a Bean Validation failure, by its constraint's annotation. */
    public static FieldCode of(ConstraintViolation<?> violation) {
        return BY_CONSTRAINT.getOrDefault(
                violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(), INVALID);
    }
}
