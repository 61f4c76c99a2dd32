/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import javax.inject.Inject;

import org.osgi.framework.BundleContext;

/**
 * The fragment the zip ships (conf/log4j2-syn.properties, read from the sources), appended to IS's lines of
 * log4j2.properties with the two list entries the README adds, under pax-logging 1.11.0's log4j2: a bad
 * sync.properties at activation gives its ERROR both in syn.log and on IS's console appender, and INFO lines
 * stay off the console.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ShippedLogFragmentTest {

    private static final String ERROR = "Invalid sync configuration: batchSize=abc: expected a whole number from 1 to 100000";

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        CarbonHome home = CarbonHome.createAsShipped("shipped-log-fragment");
        home.teeConsole();
        return IsRuntime.with(home, IsRuntime.prepareSync(home.syncProperties("batchSize", "abc")));
    }

    @Test
    public void anActivationErrorIsInSynLogAndOnTheConsole() throws Exception {
        ClientBundle.awaitActive(context);
        Await.until("the ERROR on the console", () -> consoleLines().stream().anyMatch(l -> l.message().equals(ERROR)));

        List<String> synLogErrors = SynLog.dataSyncLines().stream().filter(l -> "ERROR".equals(l.level()))
                .map(LogLine::message).collect(Collectors.toList());
        assertEquals(List.of(ERROR), synLogErrors);
        List<LogLine> console = consoleLines();
        assertEquals(List.of("ERROR {org.wso2.is.data.sync.internal.DataSyncComponent} - " + ERROR),
                console.stream().map(LogLine::toString).collect(Collectors.toList()));
    }

    @Test
    public void synLogHasNoDebugLinesAtTheShippedLevel() throws Exception {
        ClientBundle.awaitActive(context);
        List<LogLine> lines = SynLog.dataSyncLines();
        assertTrue(lines.toString(), lines.stream().allMatch(LogLine::infoOrAbove));
    }

    /** The data sync events IS's console appender wrote (the test JVM's stdout, copied to a file). */
    private static List<LogLine> consoleLines() {
        try {
            String text = new String(Files.readAllBytes(Paths.get(System.getProperty("carbon.home"),
                    "repository", "logs", "console.out")), StandardCharsets.UTF_8);
            return text.lines().map(LogLine::parse).filter(Objects::nonNull).filter(LogLine::fromDataSync)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
