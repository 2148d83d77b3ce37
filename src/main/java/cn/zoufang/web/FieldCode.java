package cn.zoufang.web;

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
    /** In imports: a column header the template does not have. */
    UNKNOWN_COLUMN,
    /** In imports: a template column is missing. */
    MISSING_COLUMN;

    private static final java.util.Map<String, FieldCode> BY_CONSTRAINT = java.util.Map.ofEntries(
            java.util.Map.entry("NotNull", REQUIRED), java.util.Map.entry("NotBlank", REQUIRED),
            java.util.Map.entry("NotEmpty", REQUIRED), java.util.Map.entry("Size", LENGTH),
            java.util.Map.entry("Pattern", FORMAT), java.util.Map.entry("Email", FORMAT),
            java.util.Map.entry("Min", RANGE), java.util.Map.entry("Max", RANGE), java.util.Map.entry("DecimalMin", RANGE),
            java.util.Map.entry("DecimalMax", RANGE), java.util.Map.entry("Positive", RANGE),
            java.util.Map.entry("PositiveOrZero", RANGE), java.util.Map.entry("CreditCode", INVALID_CREDIT_CODE));

    /** The code of a Bean Validation failure, by its constraint's annotation. */
    public static FieldCode of(jakarta.validation.ConstraintViolation<?> violation) {
        return BY_CONSTRAINT.getOrDefault(
                violation.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName(), INVALID);
    }
}
