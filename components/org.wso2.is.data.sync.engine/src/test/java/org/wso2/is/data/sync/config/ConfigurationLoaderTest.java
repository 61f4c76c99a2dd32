/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationLoaderTest {

    private static final String TABLES = "IDN_IDENTITY_USER_DATA, IDN_OAUTH2_ACCESS_TOKEN, "
            + "IDN_OAUTH2_ACCESS_TOKEN_SCOPE, IDN_OAUTH2_AUTHORIZATION_CODE";

    @TempDir
    Path dir;

    private static Properties valid() {
        Properties p = new Properties();
        p.setProperty("sourceVersion", "5.8.0");
        p.setProperty("targetVersion", "5.9.0");
        p.setProperty("syncTables", "IDN_OAUTH2_ACCESS_TOKEN,IDN_OAUTH2_ACCESS_TOKEN_SCOPE");
        p.setProperty("identitySchema", "jdbc/source,jdbc/target");
        return p;
    }

    private static List<String> problems(Properties file) {
        return problems(file, new Properties());
    }

    private static List<String> problems(Properties file, Properties system) {
        return assertThrows(ConfigurationException.class, () -> ConfigurationLoader.fromProperties(file, system))
                .getProblems();
    }

    @Test
    void defaultsApplyWhenOptionalKeysAreAbsent() throws Exception {
        SyncConfiguration c = ConfigurationLoader.fromProperties(valid(), new Properties());
        assertEquals(ProductVersion.V5_8_0, c.getSourceVersion());
        assertEquals(ProductVersion.V5_9_0, c.getTargetVersion());
        assertEquals(100, c.getBatchSize());
        assertEquals(5000, c.getSyncIntervalMillis());
        assertEquals(10000, c.getProgressIntervalMillis());
        assertEquals(Arrays.asList(SyncTable.IDN_OAUTH2_ACCESS_TOKEN, SyncTable.IDN_OAUTH2_ACCESS_TOKEN_SCOPE),
                c.getSyncTables());
        assertEquals("jdbc/source", c.getSourceDataSource());
        assertEquals("jdbc/target", c.getTargetDataSource());
        assertEquals(2000, c.getDdlLockTimeoutMillis());
        assertEquals(30000, c.getDdlRetryTimeMillis());
    }

    @Test
    void ddlLockSettingsNameKeyValueAndRange() throws Exception {
        Properties p = valid();
        p.setProperty("ddlLockTimeout", "50");
        p.setProperty("ddlRetryTime", "soon");
        assertEquals(Arrays.asList(
                "ddlLockTimeout=50: expected a whole number of milliseconds from 100 to 60000",
                "ddlRetryTime=soon: expected a whole number of milliseconds from 0 to 3600000"), problems(p));
        p.setProperty("ddlLockTimeout", "500");
        p.setProperty("ddlRetryTime", "0");
        SyncConfiguration c = ConfigurationLoader.fromProperties(p, new Properties());
        assertEquals(500, c.getDdlLockTimeoutMillis());
        assertEquals(0, c.getDdlRetryTimeMillis());
    }

    @Test
    void fileWinsAndSystemPropertiesFillTheRest() throws Exception {
        Properties file = valid();
        file.remove("targetVersion");
        file.setProperty("batchSize", "500");
        Properties system = new Properties();
        system.setProperty("targetVersion", "5.10.0");
        system.setProperty("batchSize", "7");
        system.setProperty("syncInterval", "250");
        SyncConfiguration c = ConfigurationLoader.fromProperties(file, system);
        assertEquals(ProductVersion.V5_10_0, c.getTargetVersion());
        assertEquals(500, c.getBatchSize());
        assertEquals(250, c.getSyncIntervalMillis());
    }

    @Test
    void tableNamesAreCaseInsensitiveTrimmedAndDeduplicated() throws Exception {
        Properties p = valid();
        p.setProperty("syncTables", " idn_identity_user_data , IDN_IDENTITY_USER_DATA,IDN_OAUTH2_AUTHORIZATION_CODE");
        assertEquals(Arrays.asList(SyncTable.IDN_IDENTITY_USER_DATA, SyncTable.IDN_OAUTH2_AUTHORIZATION_CODE),
                ConfigurationLoader.fromProperties(p, new Properties()).getSyncTables());
    }

    @Test
    void missingKeysAreAllReportedTogether() {
        assertEquals(Arrays.asList(
                "sourceVersion is missing: expected one of 5.7.0, 5.8.0, 5.9.0",
                "targetVersion is missing: expected one of 5.9.0, 5.10.0",
                "syncTables is missing: expected a comma-separated list of " + TABLES,
                "identitySchema is missing: expected <source datasource>,<target datasource>, "
                        + "e.g. jdbc/source,jdbc/target"),
                problems(new Properties()));
    }

    @Test
    void badNumbersNameKeyValueAndRange() {
        Properties p = valid();
        p.setProperty("batchSize", "abc");
        p.setProperty("syncInterval", "-5");
        p.setProperty("progressInterval", "99999999999999999999");
        assertEquals(Arrays.asList(
                "batchSize=abc: expected a whole number from 1 to 100000",
                "syncInterval=-5: expected a whole number of milliseconds from 100 to 3600000",
                "progressInterval=99999999999999999999: expected a whole number of milliseconds from 1000 to 3600000"),
                problems(p));
    }

    @Test
    void batchSizeBounds() {
        Properties p = valid();
        p.setProperty("batchSize", "0");
        assertEquals(Collections.singletonList("batchSize=0: expected a whole number from 1 to 100000"), problems(p));
        p.setProperty("batchSize", "100001");
        assertEquals(Collections.singletonList("batchSize=100001: expected a whole number from 1 to 100000"),
                problems(p));
    }

    @Test
    void timeoutsDefaultToAMinuteAndHalfOfIt() throws Exception {
        SyncConfiguration c = ConfigurationLoader.fromProperties(valid(), new Properties());
        assertEquals(60_000, c.getNetworkTimeoutMillis());
        assertEquals(30_000, c.getQueryTimeoutMillis());
        Properties p = valid();
        p.setProperty("networkTimeout", "10000");
        assertEquals(5_000, ConfigurationLoader.fromProperties(p, new Properties()).getQueryTimeoutMillis());
        p.setProperty("queryTimeout", "2000");
        assertEquals(2_000, ConfigurationLoader.fromProperties(p, new Properties()).getQueryTimeoutMillis());
    }

    @Test
    void badTimeoutsAreReportedTogetherWithTheirRangeAndOrder() {
        Properties p = valid();
        p.setProperty("networkTimeout", "500");
        p.setProperty("queryTimeout", "soon");
        assertEquals(Arrays.asList(
                "networkTimeout=500: expected a whole number of milliseconds from 2000 to 3600000",
                "queryTimeout=soon: expected a whole number of milliseconds from 1000 to 3600000"), problems(p));
        p.setProperty("networkTimeout", "5000");
        p.setProperty("queryTimeout", "5000");
        assertEquals(Collections.singletonList("queryTimeout=5000: expected less than networkTimeout (5000 ms), so a "
                + "stuck statement is cancelled before its connection is cut"), problems(p));
    }

    @Test
    void unknownTablesListTheSupportedOnes() {
        Properties p = valid();
        p.setProperty("syncTables", "IDN_OAUTH2_ACCESS_TOKEN,IDN_OAUTH2_ACCESS_TOKEN_SCOPE,UM_USER");
        assertEquals(Collections.singletonList("syncTables=IDN_OAUTH2_ACCESS_TOKEN,IDN_OAUTH2_ACCESS_TOKEN_SCOPE,"
                + "UM_USER: unknown table 'UM_USER'; supported tables: " + TABLES), problems(p));
    }

    @Test
    void sqlInTableNamesIsRejectedBeforeAnySqlIsBuilt() {
        Properties p = valid();
        p.setProperty("syncTables", "IDN_IDENTITY_USER_DATA\";DROP TABLE X;--,IDN_X/*");
        assertEquals(Collections.singletonList("syncTables=IDN_IDENTITY_USER_DATA\";DROP TABLE X;--,IDN_X/*: "
                + "unknown tables 'IDN_IDENTITY_USER_DATA\";DROP TABLE X;--', 'IDN_X/*'; supported tables: " + TABLES),
                problems(p));
    }

    @Test
    void tokensAndScopesGoTogether() {
        Properties p = valid();
        p.setProperty("syncTables", "IDN_OAUTH2_ACCESS_TOKEN");
        assertEquals(Collections.singletonList("syncTables=IDN_OAUTH2_ACCESS_TOKEN: IDN_OAUTH2_ACCESS_TOKEN and "
                + "IDN_OAUTH2_ACCESS_TOKEN_SCOPE must be synced together"), problems(p));
    }

    @Test
    void unknownVersionsListTheSupportedOnes() {
        Properties p = valid();
        p.setProperty("sourceVersion", "5.10.0");
        p.setProperty("targetVersion", "5.8.0");
        assertEquals(Arrays.asList("sourceVersion=5.10.0: expected one of 5.7.0, 5.8.0, 5.9.0",
                "targetVersion=5.8.0: expected one of 5.9.0, 5.10.0"), problems(p));
    }

    @Test
    void identitySchemaNeedsTwoDifferentNames() {
        Properties p = valid();
        p.setProperty("identitySchema", "jdbc/source");
        assertEquals(Collections.singletonList("identitySchema=jdbc/source: expected <source datasource>,"
                + "<target datasource>, e.g. jdbc/source,jdbc/target"), problems(p));
        p.setProperty("identitySchema", "a,b,c");
        assertEquals(Collections.singletonList("identitySchema=a,b,c: expected <source datasource>,"
                + "<target datasource>, e.g. jdbc/source,jdbc/target"), problems(p));
        p.setProperty("identitySchema", "jdbc/x, jdbc/x");
        assertEquals(Collections.singletonList("identitySchema=jdbc/x, jdbc/x: source and target must be two "
                + "different datasources"), problems(p));
    }

    @Test
    void freezeTablesAndExcludedAppsAreCheckedWithOneClearLineEach() throws Exception {
        Properties p = valid();
        p.setProperty("freezeTables", "idp, UM_USERS");
        p.setProperty("excludedApps", "smoke,,other");
        List<String> problems = problems(p);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("freezeTables=idp, UM_USERS: unknown table 'UM_USERS'; expected none, "
                + "or a comma-separated list of UM_TENANT, UM_USER, "), problems.toString());
        assertEquals("excludedApps=smoke,,other: an empty consumer key; expected the consumer keys of the test "
                + "applications, comma-separated", problems.get(1));
    }

    @Test
    void aDatasourceNameThatCouldForgeALineIsRefusedAndShownOnOneLine() {
        Properties p = valid();
        p.setProperty("identitySchema", "jdbc/source\nDROP TABLE IDN_OAUTH2_ACCESS_TOKEN CASCADE;,jdbc/target");
        assertEquals(Collections.singletonList("identitySchema=jdbc/source\\nDROP TABLE IDN_OAUTH2_ACCESS_TOKEN "
                + "CASCADE;,jdbc/target: datasource name 'jdbc/source\\nDROP TABLE IDN_OAUTH2_ACCESS_TOKEN CASCADE;' "
                + "may hold only letters, digits and _ . - / : (up to 128 characters)"), problems(p));
    }

    @Test
    void captureModeIsTriggersOrLog() throws Exception {
        Properties p = valid();
        assertEquals(CaptureMode.TRIGGERS, ConfigurationLoader.fromProperties(p, new Properties()).getCaptureMode());
        p.setProperty("captureMode", "LOG");
        SyncConfiguration log = ConfigurationLoader.fromProperties(p, new Properties());
        assertEquals(CaptureMode.LOG, log.getCaptureMode());
        assertEquals(1024L * 1024 * 1024, log.getLogLagWarnBytes());
        p.setProperty("captureMode", "binlog");
        p.setProperty("logLagWarnMb", "0");
        assertEquals(Arrays.asList("captureMode=binlog: expected triggers (journals filled by triggers on the source) or "
                + "log (the source's own change log; PostgreSQL, MySQL and MariaDB)",
                "logLagWarnMb=0: expected a whole number of megabytes from 1 to 1073741824"), problems(p));
    }

    @Test
    void unknownKeysAreErrorsAndUpstreamKeysWarnings() throws Exception {
        Properties p = valid();
        p.setProperty("batchsize", "50");
        assertEquals(Collections.singletonList("batchsize=50: unknown key; known keys: sourceVersion, targetVersion, "
                + "batchSize, syncInterval, progressInterval, syncTables, identitySchema, networkTimeout, queryTimeout, "
                + "ddlLockTimeout, ddlRetryTime, freezeTables, excludedApps, captureMode, logLagWarnMb"), problems(p));
        p.remove("batchsize");
        p.setProperty("umSchema", "jdbc/um");
        assertEquals(Collections.singletonList(
                "umSchema is ignored: this tool syncs only the identity tables of identitySchema"),
                ConfigurationLoader.fromProperties(p, new Properties()).getWarnings());
    }

    @Test
    void messageOfOneProblemIsOneLine() {
        Properties p = valid();
        p.setProperty("batchSize", "abc");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigurationLoader.fromProperties(p, new Properties()));
        assertEquals("Invalid sync configuration: batchSize=abc: expected a whole number from 1 to 100000",
                e.getMessage());
    }

    @Test
    void missingFileIsOneLine() {
        Path missing = dir.resolve("nope/sync.properties");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigurationLoader.load(missing, new Properties()));
        assertEquals("Invalid sync configuration: configFile=" + missing.toAbsolutePath() + ": file not found",
                e.getMessage());
    }

    @Test
    void directoryInsteadOfFile() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigurationLoader.load(dir, new Properties()));
        assertEquals("configFile=" + dir.toAbsolutePath() + ": is a directory, expected a sync.properties file",
                e.getProblems().get(0));
    }

    @Test
    void noConfigFileAndNoKeysSaysHowToGiveIt() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> ConfigurationLoader.load(null, new Properties()));
        assertEquals("configFile is not set: give the path of sync.properties, "
                + "e.g. -DconfigFile=/opt/sync/sync.properties", e.getProblems().get(0));
    }

    @Test
    void loadsAFileWrittenLikeTheDocsSample() throws IOException, ConfigurationException {
        Path f = dir.resolve("sync.properties");
        Files.write(f, Arrays.asList("sourceVersion=5.8.0", "targetVersion=5.9.0", "batchSize=100",
                "syncInterval=5000", "syncTables=IDN_IDENTITY_USER_DATA, IDN_OAUTH2_ACCESS_TOKEN, "
                        + "IDN_OAUTH2_ACCESS_TOKEN_SCOPE, IDN_OAUTH2_AUTHORIZATION_CODE",
                "identitySchema=jdbc/source,jdbc/target"), StandardCharsets.UTF_8);
        SyncConfiguration c = ConfigurationLoader.load(f, new Properties());
        assertEquals(4, c.getSyncTables().size());
    }
}
