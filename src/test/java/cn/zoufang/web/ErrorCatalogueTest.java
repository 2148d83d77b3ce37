package cn.zoufang.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The apps switch on error codes: each code the service can send must be in the catalogue. */
class ErrorCatalogueTest {

    @Test
    void everyErrorCodeIsCatalogued() throws Exception {
        String catalogue = Files.readString(Path.of("mobile-contract/errors.md"));
        List<String> missing = Arrays.stream(ErrorCode.values()).map(Enum::name)
                .filter(code -> !catalogue.contains("`" + code + "`")).toList();
        assertTrue(missing.isEmpty(), "Not in mobile-contract/errors.md: " + missing);
        for (String fieldCode : List.of("REQUIRED", "LENGTH", "FORMAT", "RANGE", "INVALID", "UNKNOWN_COLUMN",
                "MISSING_COLUMN")) {
            assertTrue(catalogue.contains("`" + fieldCode + "`"), "Field error code not catalogued: " + fieldCode);
        }
    }
}
