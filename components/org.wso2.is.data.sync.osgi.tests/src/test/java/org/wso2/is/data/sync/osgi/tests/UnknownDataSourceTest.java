/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/** A datasource name Carbon does not know: the operator is told what is bound, so the typo is easy to see. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UnknownDataSourceTest {

    @Configuration
    public Option[] configuration() throws Exception {
        CarbonHome home = CarbonHome.create("unknown-datasource");
        home.teeConsole();
        return IsRuntime.with(home, IsRuntime.prepareSync(home.syncProperties("identitySchema", "jdbc/nope,target")));
    }

    @Test
    public void namesTheBoundDatasources() throws Exception {
        SynLog.awaitMessage("identitySchema: datasource 'jdbc/nope' is not bound; "
                + "bound datasources: source (jdbc/source), target (jdbc/target)");

        String log = SynLog.text();
        assertFalse(log, log.contains("The source database"));
    }

    /** The failed job on the wso2server.sh console too, and its cause's stack trace once, at ERROR. */
    @Test
    public void theFailedJobIsOnTheConsoleWithItsCause() throws Exception {
        String failed = "Job prepare failed: identitySchema: datasource 'jdbc/nope' is not bound; "
                + "bound datasources: source (jdbc/source), target (jdbc/target)";
        String cause = "org.wso2.is.data.sync.datasource.DataSourceLookupException: identitySchema: datasource "
                + "'jdbc/nope' is not bound";
        SynLog.awaitMessage(failed);
        Path console = Paths.get(System.getProperty("carbon.home"), "repository", "logs", "console.out");
        Await.until("the failed job on the console", () -> read(console).contains(failed));

        // IS's pattern "%m%ex%n" puts the exception right after the message, its frames on the next lines
        String errorLine = " ERROR {org.wso2.is.data.sync.job.JobRunner} - " + failed + " " + cause + "; "
                + "bound datasources: source (jdbc/source), target (jdbc/target)";
        for (String text : List.of(SynLog.text(), read(console))) {
            List<String> lines = text.lines().collect(Collectors.toList());
            int at = lines.indexOf(lines.stream().filter(l -> l.endsWith(errorLine)).findFirst()
                    .orElseThrow(() -> new AssertionError("no line ending with\n" + errorLine + "\nin\n" + text)));
            assertTrue(text, lines.get(at + 1).startsWith("\tat org.wso2.is.data.sync."));
            assertEquals(text, 1, lines.stream().filter(l -> l.contains(cause)).count());
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
