/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.Assert.assertEquals;

import java.util.List;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.wso2.is.data.sync.osgi.stub.api.StubRecord;

/** A job with a bad sync.properties: one ERROR line that names the key, and no thread, no database touched. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class InvalidConfigurationTest {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        CarbonHome home = CarbonHome.create("invalid-configuration");
        return IsRuntime.with(home, IsRuntime.prepareSync(home.syncProperties("batchSize", "abc")));
    }

    @Test
    public void logsOneErrorAndStartsNothing() throws Exception {
        // the error is logged inside activate, so an active component has logged it
        ClientBundle.awaitActive(context);

        List<String> errors = SynLog.dataSyncLines().stream().filter(l -> "ERROR".equals(l.level()))
                .map(LogLine::message).collect(Collectors.toList());
        assertEquals(List.of("Invalid sync configuration: batchSize=abc: expected a whole number from 1 to 100000"),
                errors);
        assertEquals(List.of(), DataSyncThreads.alive());
        assertEquals("Carbon lookups", List.of(), StubRecord.entries());
    }
}
