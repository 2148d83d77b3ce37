package cn.zoufang.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The apps switch on error codes: the catalogue's two tables list exactly the codes the service can send,
 * each error code with its status, each field error code (the service can only send what the enums hold).
 */
class ErrorCatalogueTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\|(?: (\\d{3}) \\|)?", Pattern.MULTILINE);

    private static String section(String text, String heading) {
        int start = text.indexOf(heading);
        int end = text.indexOf("\n## ", start + heading.length());
        return text.substring(start, end < 0 ? text.length() : end);
    }

    @Test
    void everyErrorCodeIsCataloguedWithItsStatusAndNothingElse() throws Exception {
        String codes = section(Files.readString(Path.of("mobile-contract/errors.md")), "## Codes");
        Set<String> catalogued = new LinkedHashSet<>();
        Matcher m = ROW.matcher(codes);
        while (m.find()) {
            catalogued.add(m.group(1) + " " + m.group(2));
        }
        Set<String> sent = new LinkedHashSet<>();
        Arrays.stream(ErrorCode.values()).forEach(c -> sent.add(c.name() + " " + c.status()));
        assertEquals(sent, catalogued, "mobile-contract/errors.md, table 'Codes', against web/ErrorCode");
    }

    @Test
    void everyFieldErrorCodeIsCataloguedAndNothingElse() throws Exception {
        String fields = section(Files.readString(Path.of("mobile-contract/errors.md")), "## Field error codes");
        Set<String> catalogued = new LinkedHashSet<>();
        Matcher m = ROW.matcher(fields);
        while (m.find()) {
            catalogued.add(m.group(1));
        }
        Set<String> sent = new LinkedHashSet<>();
        Arrays.stream(FieldCode.values()).forEach(c -> sent.add(c.name()));
        assertEquals(sent, catalogued, "mobile-contract/errors.md, table 'Field error codes', against web/FieldCode");
    }
}
