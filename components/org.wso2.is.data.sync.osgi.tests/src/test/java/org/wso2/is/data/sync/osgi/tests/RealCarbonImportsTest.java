/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.namespace.ExecutionEnvironmentNamespace;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Requirement;

/**
 * The client bundle against the real jars of IS 5.9.0 that Maven Central has (Carbon kernel 4.5.1's
 * ndatasource.core, ndatasource.common and utils, pax-logging-api 1.11.0, Equinox DS 1.4.400 with its util and
 * services bundles, WSO2's orbit H2) in an Equinox 3.14.0 framework: each of the client's requirements is
 * matched, with its own filter as the resolver matches it, against the capabilities Equinox reads from those jars
 * and from its system bundle. Every mandatory import must find its real exporter at its real version.
 * The non-Carbon bundles are also resolved for real. The Carbon jars are only installed: they need axis2 and
 * axiom, which only a whole IS pack has, so their own imports cannot be satisfied here.
 */
class RealCarbonImportsTest {

    private static Framework framework;
    private static final Map<String, Bundle> BY_NAME = new HashMap<>();

    @BeforeAll
    static void startEquinoxWithTheRealJars() throws Exception {
        Path storage = Paths.get(System.getProperty("it.work", "target/it"), "real-carbon-imports").toAbsolutePath();
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        framework = ServiceLoader.load(FrameworkFactory.class).iterator().next().newFramework(config);
        framework.init();
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> listed = Files.list(Paths.get(System.getProperty("it.is590.jars", "target/is590-jars")))) {
            listed.sorted().forEach(jars::add);
        }
        jars.add(Paths.get(System.getProperty("it.bundles", "target/bundles"), IsRuntime.CLIENT + ".jar"));
        for (Path jar : jars) {
            Bundle b = framework.getBundleContext().installBundle(jar.toUri().toString());
            BY_NAME.put(b.getSymbolicName(), b);
        }
        framework.start();
    }

    @AfterAll
    static void stopEquinox() throws BundleException, InterruptedException {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(30_000);
        }
    }

    @Test
    void everyImportIsExportedByARealIs590Jar() throws InvalidSyntaxException {
        BundleRevision client = BY_NAME.get(IsRuntime.CLIENT).adapt(BundleRevision.class);
        Map<String, String> wired = new TreeMap<>();
        for (Requirement r : client.getRequirements(PackageNamespace.PACKAGE_NAMESPACE)) {
            String pkg = packageOf(r);
            List<String> exporters = providers(r, PackageNamespace.PACKAGE_NAMESPACE);
            boolean optional = PackageNamespace.RESOLUTION_OPTIONAL.equals(
                    r.getDirectives().get(PackageNamespace.REQUIREMENT_RESOLUTION_DIRECTIVE));
            wired.put(pkg + (optional ? " (optional)" : ""), String.join(" | ", exporters));
        }
        Map<String, String> expected = new TreeMap<>();
        expected.put("javax.sql", "org.eclipse.osgi 3.14.0.v20190517-1309 exports javax.sql 0.0.0");
        // the binary log library (log capture on MySQL/MariaDB): its login's ciphers and its TLS host check use
        // only the JRE, which the system bundle exports; zstd-jni, for MySQL's compressed transactions, is not
        // carried, and log mode refuses that compression in its preflight
        for (String jre : new String[] {"javax.crypto", "javax.naming", "javax.naming.directory", "javax.naming.ldap",
                "javax.net.ssl", "javax.security.auth.x500"}) {
            expected.put(jre, "org.eclipse.osgi 3.14.0.v20190517-1309 exports " + jre + " 0.0.0");
        }
        expected.put("com.github.luben.zstd (optional)", "");
        expected.put("org.apache.logging.log4j", "org.ops4j.pax.logging.pax-logging-api 1.11.0 exports org.apache.logging.log4j 2.12.0");
        expected.put("org.h2.api (optional)", "h2 1.4.200.wso2v1 exports org.h2.api 1.4.200.wso2v1");
        expected.put("org.osgi.framework", "org.eclipse.osgi 3.14.0.v20190517-1309 exports org.osgi.framework 1.9.0");
        // COPY on a PostgreSQL target: IS ships no pgjdbc, the operator's driver jar in repository/components/lib
        // exports it; without it the bundle still resolves and inserts by INSERT.
        expected.put("org.postgresql (optional)", "");
        expected.put("org.postgresql.copy (optional)", "");
        // Log capture's replication stream (captureMode = log), from the same operator's driver jar.
        expected.put("org.postgresql.replication (optional)", "");
        expected.put("org.postgresql.replication.fluent (optional)", "");
        expected.put("org.postgresql.replication.fluent.logical (optional)", "");
        expected.put("org.osgi.service.component", "org.eclipse.osgi.services 3.5.100.v20160504-1419 exports org.osgi.service.component 1.2.2");
        expected.put("org.wso2.carbon.context", "org.wso2.carbon.utils 4.5.1 exports org.wso2.carbon.context 4.5.1");
        expected.put("org.wso2.carbon.ndatasource.common", "org.wso2.carbon.ndatasource.common 4.5.1 exports org.wso2.carbon.ndatasource.common 4.5.1");
        expected.put("org.wso2.carbon.ndatasource.core", "org.wso2.carbon.ndatasource.core 4.5.1 exports org.wso2.carbon.ndatasource.core 4.5.1");
        assertEquals(expected, wired, "the client's imports and the real IS 5.9.0 jars that export each");
    }

    @Test
    void theExecutionEnvironmentIsJava8AsIsRuns() throws InvalidSyntaxException {
        BundleRevision client = BY_NAME.get(IsRuntime.CLIENT).adapt(BundleRevision.class);
        List<String> unmet = new ArrayList<>();
        for (Requirement r : client.getRequirements(null)) {
            if (PackageNamespace.PACKAGE_NAMESPACE.equals(r.getNamespace())) {
                continue;
            }
            if (providers(r, r.getNamespace()).isEmpty()) {
                unmet.add(r.toString());
            }
        }
        assertEquals(List.of(), unmet, "requirements of the client that nothing in IS 5.9.0 provides");
        List<Requirement> ee = client.getRequirements(ExecutionEnvironmentNamespace.EXECUTION_ENVIRONMENT_NAMESPACE);
        assertEquals(List.of("(&(osgi.ee=JavaSE)(version=1.8))"),
                ee.stream().map(r -> r.getDirectives().get("filter")).collect(Collectors.toList()));
    }

    @Test
    void theNonCarbonBundlesResolveForReal() {
        List<String> others = List.of("org.ops4j.pax.logging.pax-logging-api", "org.eclipse.equinox.ds",
                "org.eclipse.equinox.util", "org.eclipse.osgi.services", "h2");
        List<Bundle> bundles = others.stream().map(BY_NAME::get).collect(Collectors.toList());
        framework.adapt(FrameworkWiring.class).resolveBundles(bundles);
        Map<String, String> states = new TreeMap<>();
        // STARTING: a bundle with a lazy activation policy (equinox.util) waits there once resolved
        bundles.forEach(b -> states.put(b.getSymbolicName(),
                (b.getState() & (Bundle.RESOLVED | Bundle.STARTING)) != 0 ? "resolved" : "state " + b.getState()));
        Map<String, String> resolved = new TreeMap<>();
        others.forEach(n -> resolved.put(n, "resolved"));
        assertEquals(resolved, states);
    }

    /** "bsn version exports pkg version" for each capability of the framework that meets {@code r}. */
    private static List<String> providers(Requirement r, String namespace) throws InvalidSyntaxException {
        String filter = r.getDirectives().get(Constants.FILTER_DIRECTIVE);
        Filter f = filter == null ? null : FrameworkUtil.createFilter(filter);
        List<String> found = new ArrayList<>();
        for (Bundle b : framework.getBundleContext().getBundles()) {
            if (b.getSymbolicName().equals(IsRuntime.CLIENT)) {
                continue;
            }
            for (Capability c : b.adapt(BundleRevision.class).getCapabilities(namespace)) {
                if (f == null || f.matches(c.getAttributes())) {
                    found.add(b.getSymbolicName() + " " + b.getVersion() + " exports "
                            + c.getAttributes().get(namespace) + " " + versionOf(c));
                }
            }
        }
        return found;
    }

    private static String packageOf(Requirement r) {
        String filter = r.getDirectives().get(Constants.FILTER_DIRECTIVE);
        int at = filter.indexOf(PackageNamespace.PACKAGE_NAMESPACE + "=") + PackageNamespace.PACKAGE_NAMESPACE.length() + 1;
        return filter.substring(at, filter.indexOf(')', at));
    }

    private static Object versionOf(Capability c) {
        Object v = c.getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
        return v == null ? c.getAttributes().get("version") : v;
    }
}
