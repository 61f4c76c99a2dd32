/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.mavenBundle;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.file.Path;
import java.nio.file.Paths;

import org.ops4j.pax.exam.Option;
import org.wso2.is.data.sync.osgi.stub.api.StubDataSources;

/**
 * The runtime of IS 5.9.0 as far as the client bundle sees it: Equinox 3.14.0 (the framework on the class path),
 * Equinox DS 1.4.400, pax-logging 1.11.0 with log4j2, WSO2's orbit H2, and the Carbon stand-in with datasources
 * source and target.
 */
final class IsRuntime {

    static final String CLIENT = "org.wso2.is.data.sync.client";
    static final String STUB = "org.wso2.is.data.sync.osgi.stub";
    /** The symbolic name of WSO2's orbit H2 bundle. */
    static final String H2 = "h2";

    private IsRuntime() {
    }

    /** The runtime, logging into {@code home}, with the system properties of {@code extra} (e.g. a job). */
    static Option[] with(CarbonHome home, Option... extra) {
        return with(home, "source,target", extra);
    }

    /** {@link #with(CarbonHome, Option...)} with the stub's datasources named in {@code dataSources}. */
    static Option[] with(CarbonHome home, String dataSources, Option... extra) {
        return options(
                systemProperty("carbon.home").value(home.root().toString()),
                systemProperty("org.ops4j.pax.logging.property.file").value(home.paxLoggingProperties().toString()),
                systemProperty(StubDataSources.DATASOURCES).value(dataSources),
                composite(extra),
                // logging first, as Carbon starts it, so no early line of the bundle is lost
                mavenBundle("org.ops4j.pax.logging", "pax-logging-api").versionAsInProject().startLevel(1),
                mavenBundle("org.ops4j.pax.logging", "pax-logging-log4j2").versionAsInProject().startLevel(1),
                mavenBundle("org.eclipse.platform", "org.eclipse.osgi.services").versionAsInProject(),
                mavenBundle("org.eclipse.platform", "org.eclipse.equinox.util").versionAsInProject(),
                mavenBundle("org.eclipse.platform", "org.eclipse.equinox.ds").versionAsInProject().startLevel(2),
                mavenBundle("org.wso2.orbit.com.h2database", H2).versionAsInProject(),
                bundle(built(STUB)),
                bundle(built(CLIENT)),
                junitBundles(),
                cleanCaches(true));
    }

    /** {@code -DprepareSync -DconfigFile=<file>}, as an operator starts IS for the prepare job. */
    static Option prepareSync(Path configFile) {
        return composite(
                systemProperty("prepareSync").value("true"),
                systemProperty("configFile").value(configFile.toString()));
    }

    /** The synced tables of IS 5.9.0, created in both datasources before the client's job starts. */
    static Option is590Schema() {
        String script = System.getProperty("it.is590.h2.schema");
        return systemProperty(StubDataSources.SCHEMA).value("source:" + script + ",target:" + script);
    }

    /** {@code -DgenerateDDL=<dir>}: with {@code -DprepareSync}, the job writes the scripts into {@code dir}. */
    static Option generateDdl(Path dir) {
        return systemProperty("generateDDL").value(dir.toString());
    }

    /** A bundle of this build, copied to target/bundles by the dependency plugin. */
    private static String built(String artifactId) {
        return Paths.get(System.getProperty("it.bundles", "target/bundles"), artifactId + ".jar").toUri().toString();
    }
}
