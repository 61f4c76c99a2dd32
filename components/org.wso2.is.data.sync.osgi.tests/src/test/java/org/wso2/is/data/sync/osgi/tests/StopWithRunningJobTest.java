/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.wso2.is.data.sync.osgi.stub.api.StubDataSources;
import org.wso2.is.data.sync.osgi.stub.api.StubRecord;

/**
 * Stopping the bundle (as an IS shutdown does) while the job waits on a database that does not answer: the job
 * thread ends well within the component's 30 s stop timeout and the bundle stops cleanly.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StopWithRunningJobTest {

    /** The component's stop timeout (30 s) and a margin: a thread still there after that was never stopped. */
    private static final Duration STOP_BOUND = Duration.ofSeconds(35);

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] configuration() throws Exception {
        CarbonHome home = CarbonHome.create("stop-with-running-job");
        return IsRuntime.with(home, IsRuntime.prepareSync(home.syncProperties()),
                systemProperty(StubDataSources.SLOW).value("source"));
    }

    @Test
    public void stoppingTheBundleEndsTheJobThread() throws Exception {
        String blocked = "getConnection(source) blocked on data-sync-prepare";
        Await.until("the job to block in getConnection", () -> StubRecord.entries().contains(blocked));
        assertEquals(List.of("data-sync-prepare"), DataSyncThreads.alive());

        List<FrameworkEvent> errors = new CopyOnWriteArrayList<>();
        FrameworkListener listener = e -> {
            if (e.getType() == FrameworkEvent.ERROR) {
                errors.add(e);
            }
        };
        context.addFrameworkListener(listener);
        Bundle client = ClientBundle.find(context);
        long start = System.nanoTime();
        client.stop();
        Await.until("the job thread to end", () -> DataSyncThreads.alive().isEmpty());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        context.removeFrameworkListener(listener);

        assertTrue("the job thread took " + took.toMillis() + " ms to end", took.compareTo(STOP_BOUND) < 0);
        assertEquals(Bundle.RESOLVED, client.getState());
        assertEquals("framework errors", List.of(), errors);
        String log = SynLog.text();
        assertTrue(log, log.contains("Data sync job prepare stopped"));
        assertFalse(log, log.contains("did not stop within"));
    }
}
