/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.Assert.assertFalse;

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
        return IsRuntime.with(home, IsRuntime.prepareSync(home.syncProperties("identitySchema", "jdbc/nope,target")));
    }

    @Test
    public void namesTheBoundDatasources() throws Exception {
        SynLog.awaitMessage("identitySchema: datasource 'jdbc/nope' is not bound; "
                + "bound datasources: source (jdbc/source), target (jdbc/target)");

        String log = SynLog.text();
        assertFalse(log, log.contains("The source database"));
    }
}
