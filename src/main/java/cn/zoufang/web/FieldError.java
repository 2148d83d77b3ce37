package cn.zoufang.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with the input. {@code field} is the JSON property path (or the CSV column);
 * {@code row} is set only for bulk imports: the spreadsheet's row number (the header is row 1).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, FieldCode code, String message, Integer row) {

    public FieldError(String field, FieldCode code, String message) {
        this(field, code, message, null);
    }
}
