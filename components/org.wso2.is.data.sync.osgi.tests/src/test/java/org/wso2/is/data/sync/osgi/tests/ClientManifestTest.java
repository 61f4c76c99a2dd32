/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * The built client jar, without a framework: the manifest facts that decide whether it resolves and runs in
 * IS 5.9.0 (Equinox DS 1.4.400 reads component XML up to v1.2 and provides osgi.extender osgi.component 1.2;
 * Carbon kernel 4.5.1; pax-logging 1.11.0 exports the log4j2 API 2.12 and no log4j-core).
 */
class ClientManifestTest {

    private static final List<String> DS_NAMESPACES_UP_TO_1_2 = List.of("http://www.osgi.org/xmlns/scr/v1.0.0",
            "http://www.osgi.org/xmlns/scr/v1.1.0", "http://www.osgi.org/xmlns/scr/v1.2.0");

    private JarFile jar;
    private Attributes manifest;

    @BeforeEach
    void open() throws IOException {
        Path file = Paths.get(System.getProperty("it.bundles", "target/bundles"), IsRuntime.CLIENT + ".jar");
        jar = new JarFile(file.toFile());
        manifest = jar.getManifest().getMainAttributes();
    }

    @AfterEach
    void close() throws IOException {
        jar.close();
    }

    @Test
    void symbolicName() {
        assertEquals(IsRuntime.CLIENT, ManifestHeader.parse(manifest.getValue("Bundle-SymbolicName")).get(0).name());
    }

    @Test
    void componentXmlIsDs12OrLower() throws Exception {
        List<ManifestHeader.Clause> components = ManifestHeader.parse(manifest.getValue("Service-Component"));
        assertFalse(components.isEmpty(), "no Service-Component header");
        for (ManifestHeader.Clause component : components) {
            JarEntry entry = jar.getJarEntry(component.name());
            assertNotNull(entry, component.name() + " is not in the jar");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            try (InputStream in = jar.getInputStream(entry)) {
                String namespace = factory.newDocumentBuilder().parse(in).getDocumentElement().getNamespaceURI();
                // no namespace at all means DS 1.0
                assertTrue(namespace == null || DS_NAMESPACES_UP_TO_1_2.contains(namespace),
                        component.name() + " has namespace " + namespace);
            }
        }
    }

    @Test
    void importsCarbonDatasourcesFromKernel45() {
        assertImportRange("org.wso2.carbon.ndatasource.core", "[4.5,5)");
    }

    @Test
    void importsTheLog4j2ApiThatPaxLogging111Exports() {
        assertImportRange("org.apache.logging.log4j", "[2.12,3)");
    }

    @Test
    void requiresNoExtenderThatEquinoxDs14Lacks() throws Exception {
        Map<String, Object> equinoxDs = Map.of("osgi.extender", "osgi.component", "version", new Version(1, 2, 0));
        for (ManifestHeader.Clause requirement : ManifestHeader.parse(manifest.getValue("Require-Capability"))) {
            if (requirement.name().equals("osgi.extender")) {
                Filter filter = FrameworkUtil.createFilter(requirement.get("filter:"));
                assertTrue(filter.matches(equinoxDs), "Equinox DS 1.4.400 does not satisfy " + filter);
            }
        }
    }

    @Test
    void doesNotShipLog4jCore() {
        List<String> core = jar.stream().map(JarEntry::getName)
                .filter(n -> n.startsWith("org/apache/logging/log4j/core/") || n.matches("(.*/)?log4j-core[^/]*\\.jar"))
                .collect(Collectors.toList());
        assertEquals(List.of(), core);
        List<String> imports = ManifestHeader.parse(manifest.getValue("Import-Package")).stream()
                .map(ManifestHeader.Clause::name).filter(n -> n.startsWith("org.apache.logging.log4j.core"))
                .collect(Collectors.toList());
        assertEquals(List.of(), imports, "pax-logging 1.11.0 does not export log4j-core");
    }

    private void assertImportRange(String pkg, String expected) {
        ManifestHeader.Clause clause = ManifestHeader.find(manifest.getValue("Import-Package"), pkg);
        assertNotNull(clause, pkg + " is not imported");
        assertNotNull(clause.get("version"), pkg + " is imported without a version range");
        assertEquals(new VersionRange(expected), new VersionRange(clause.get("version")), pkg);
    }
}
