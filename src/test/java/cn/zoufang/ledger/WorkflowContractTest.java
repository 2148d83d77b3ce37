package cn.zoufang.ledger;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import cn.zoufang.testsupport.LocalServices;

/**
 * The mobile contract carries the workflow's table as {@link IssueWorkflow#markdown()} renders it, and the
 * API spec has exactly one step endpoint per row: neither can drift from the code.
 */
class WorkflowContractTest {

    private static final Path ROOT = LocalServices.projectDir();

    @Test
    void theLedgerContractCarriesTheTableAsTheCodeHasIt() throws Exception {
        String contract = Files.readString(ROOT.resolve("mobile-contract/ledger.md"));
        String table = IssueWorkflow.markdown();
        if (!contract.contains(table)) {
            Path expected = ROOT.resolve("target/ledger-workflow-table.md");
            Files.createDirectories(expected.getParent());
            Files.writeString(expected, table);
            throw new AssertionError("mobile-contract/ledger.md does not carry the workflow's table; paste "
                    + expected + " between its workflow markers");
        }
    }

    @Test
    void theApiSpecHasOneStepEndpointPerRow() throws Exception {
        String spec = Files.readString(ROOT.resolve("api-spec/openapi.yaml"));
        Matcher m = Pattern.compile("(?m)^  /api/v1/issues/\\{id\\}/([a-z-]+):$").matcher(spec);
        Set<String> endpoints = new TreeSet<>();
        while (m.find()) {
            endpoints.add(m.group(1));
        }
        // Reading, photos and the office's paperwork (督办单, 催办通知书) are not steps of the workflow.
        endpoints.removeAll(Set.of("timeline", "photos", "steps", "notices"));
        Set<String> rows = new TreeSet<>();
        IssueWorkflow.rules().forEach(r -> rows.add(r.path()));
        assertTrue(endpoints.equals(rows), "spec " + endpoints + " vs table " + rows);
    }
}
