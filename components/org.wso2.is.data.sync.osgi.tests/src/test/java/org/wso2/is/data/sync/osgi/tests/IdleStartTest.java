/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
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
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.wso2.is.data.sync.osgi.stub.api.StubRecord;

/**
 * A normal IS start, no job flag: the bundle resolves and activates on the IS 5.9.0 runtime, and then does
 * nothing at all.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IdleStartTest {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        return IsRuntime.with(CarbonHome.create("idle-start"));
    }

    /** Guards the other tests: they prove nothing about IS 5.9.0 if another framework or DS runtime was used. */
    @Test
    public void runsOnEquinoxAndEquinoxDsOfIs590() {
        Bundle framework = context.getBundle(0);
        assertEquals("org.eclipse.osgi", framework.getSymbolicName());
        assertTrue(framework.getVersion().toString(), framework.getVersion().toString().startsWith("3.14.0."));
        Bundle ds = Arrays.stream(context.getBundles())
                .filter(b -> "org.eclipse.equinox.ds".equals(b.getSymbolicName())).findFirst().orElseThrow();
        assertTrue(ds.getVersion().toString(), ds.getVersion().toString().startsWith("1.4.400."));
        assertEquals(Bundle.ACTIVE, ds.getState());
    }

    @Test
    public void activatesAndStaysIdle() throws Exception {
        ClientBundle.awaitActive(context);

        assertEquals(Bundle.ACTIVE, ClientBundle.find(context).getState());
        assertEquals(List.of(), DataSyncThreads.alive());
        assertEquals("Carbon lookups", List.of(), StubRecord.entries());
        List<LogLine> lines = SynLog.dataSyncLines();
        assertTrue("more than one line: " + lines, lines.size() <= 1);
        List<LogLine> loud = lines.stream().filter(LogLine::infoOrAbove).collect(Collectors.toList());
        assertEquals("lines at INFO or above", List.of(), loud);
    }
}
