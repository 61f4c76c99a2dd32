/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;

/**
 * The drivers and the TOML reader that bin/data-sync ships (this module's runtime classpath, which the distribution
 * copies to lib/) are at or above the versions that fixed their published advisories. The build's enforcer rule
 * (parent pom.xml) refuses the vulnerable ranges; this proves what is actually loaded, whatever resolved it.
 */
class ShippedLibraryVersionsTest {

    @Test
    void mariaDbConnectorJHasTheSocketFactoryAndOtherFixesOf3510() throws Exception {
        assertAtLeast("org.mariadb.jdbc.Driver", "3.5.10");
    }

    @Test
    void pgjdbcHasTheChannelBindingFixOf42712() throws Exception {
        assertAtLeast("org.postgresql.Driver", "42.7.12");
    }

    @Test
    void jacksonDatabindHasTheFixesOf2215() throws Exception {
        assertAtLeast("com.fasterxml.jackson.databind.ObjectMapper", "2.21.5");
    }

    @Test
    void versionsCompareNumerically() {
        assertEquals(-1, compare("3.5.9", "3.5.10"));
        assertEquals(1, compare("42.7.12", "42.7.7"));
        assertEquals(0, compare("2.21.5", "2.21.5"));
        assertEquals(-1, compare("2.21", "2.21.5"));
    }

    private static void assertAtLeast(String className, String fixed)
            throws ClassNotFoundException, IOException, URISyntaxException {
        Class<?> type = Class.forName(className);
        Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        String version;
        try (JarFile file = new JarFile(jar.toFile())) {
            version = file.getManifest().getMainAttributes().getValue("Bundle-Version");
        }
        assertTrue(version != null && compare(version, fixed) >= 0,
                className + " comes from " + jar.getFileName() + ", version " + version + "; at least " + fixed
                        + " is needed");
    }

    /** Numeric comparison of the dotted release numbers; a qualifier after a '-' is ignored. */
    private static int compare(String a, String b) {
        String[] x = a.split("-", 2)[0].split("\\.");
        String[] y = b.split("-", 2)[0].split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? Integer.parseInt(x[i]) : 0;
            int q = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (p != q) {
                return p < q ? -1 : 1;
            }
        }
        return 0;
    }
}
