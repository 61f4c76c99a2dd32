/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.List;
import java.util.TimeZone;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.wso2.is.data.sync.capture.CaptureIT;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.job.JobOutcome;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * Timestamps are copied and compared as the database holds them, whatever the JVM's time zone. Runs in a JVM of its
 * own started with {@code -Duser.timezone=Europe/Berlin} (the engine pom's {@code berlin-time-zone} execution, tag
 * {@code berlin}), so the zone is in place before any driver loads. 02:30 on 2025-03-30 does not exist in Berlin
 * (clocks jump from 02:00 to 03:00): read through {@code java.sql.Timestamp} it becomes 03:30.
 */
@Tag("berlin")
class TimestampsInBerlinIT {

    private static final String IN_THE_GAP = "2025-03-30 02:30:00";
    private static final String HOUR_LATER = "2025-03-30 03:30:00";

    @BeforeAll
    static void runsInBerlin() {
        assertEquals("Europe/Berlin", TimeZone.getDefault().getID(), "this class needs -Duser.timezone=Europe/Berlin");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = DatabaseKind.class, names = {"H2", "POSTGRESQL"})
    void aTimeInTheDaylightSavingGapIsSyncedUnchangedAndAnHourOffIsADifference(DatabaseKind kind) throws Exception {
        try (TestDatabase src = TestDatabase.create(kind); TestDatabase tgt = TestDatabase.create(kind)) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            CaptureIT.exec(src, token("gap", IN_THE_GAP, IN_THE_GAP));
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);

            List<String> expected = Arrays.asList(IN_THE_GAP, IN_THE_GAP);
            assertEquals(expected, times(src, "gap"), "the source as written");
            assertEquals(expected, times(tgt, "gap"), "the target, as text: no hour added");
            assertEquals(JobOutcome.Status.SUCCEEDED, validate(config, src, tgt).getStatus());

            CaptureIT.exec(tgt, "UPDATE IDN_OAUTH2_ACCESS_TOKEN SET TIME_CREATED = TIMESTAMP '" + HOUR_LATER
                    + "' WHERE TOKEN_ID = 'gap'");
            // Through the JVM's zone both would read 03:30 and look equal.
            assertNotEquals(JobOutcome.Status.SUCCEEDED, validate(config, src, tgt).getStatus(),
                    "validate reports the one-hour shift");
        }
    }

    @Test
    void microsecondsSurviveSyncAndAMillisecondOffIsADifferenceOnPostgreSql() throws Exception {
        try (TestDatabase src = TestDatabase.create(DatabaseKind.POSTGRESQL);
             TestDatabase tgt = TestDatabase.create(DatabaseKind.POSTGRESQL)) {
            SyncConfiguration config = SyncIT.prepared(src, tgt);
            String micros = "2024-05-06 07:08:09.123456";
            CaptureIT.exec(src, token("micro", micros, "2024-05-06 07:08:09.000001"));
            Jobs.run(JobType.SYNC, config, src.dataSource(), tgt.dataSource(), null, true);

            List<String> expected = Arrays.asList(micros, "2024-05-06 07:08:09.000001");
            assertEquals(expected, times(src, "micro"));
            assertEquals(expected, times(tgt, "micro"));
            assertEquals(JobOutcome.Status.SUCCEEDED, validate(config, src, tgt).getStatus());

            CaptureIT.exec(tgt, "UPDATE IDN_OAUTH2_ACCESS_TOKEN SET TIME_CREATED = TIMESTAMP "
                    + "'2024-05-06 07:08:09.124456' WHERE TOKEN_ID = 'micro'");
            assertNotEquals(JobOutcome.Status.SUCCEEDED, validate(config, src, tgt).getStatus(),
                    "validate reports the millisecond");
        }
    }

    private static JobOutcome validate(SyncConfiguration config, TestDatabase src, TestDatabase tgt) {
        return SyncIT.runner(JobType.VALIDATE, config, src.dataSource(), tgt.dataSource(), false).runHere();
    }

    /** Both timestamps of the token as the database writes them as text: no Java date type in between. */
    private static List<String> times(TestDatabase db, String tokenId) throws Exception {
        String both = CaptureIT.query(db, "SELECT CAST(TIME_CREATED AS VARCHAR(40)) || '|' || "
                + "CAST(REFRESH_TOKEN_TIME_CREATED AS VARCHAR(40)) FROM IDN_OAUTH2_ACCESS_TOKEN WHERE TOKEN_ID = '"
                + tokenId + "'").get(0);
        return Arrays.asList(both.split("\\|"));
    }

    private static String token(String tokenId, String created, String refreshCreated) {
        return "INSERT INTO IDN_OAUTH2_ACCESS_TOKEN (TOKEN_ID, ACCESS_TOKEN, CONSUMER_KEY_ID, AUTHZ_USER, TENANT_ID, "
                + "USER_DOMAIN, USER_TYPE, GRANT_TYPE, TIME_CREATED, REFRESH_TOKEN_TIME_CREATED, VALIDITY_PERIOD, "
                + "TOKEN_SCOPE_HASH, TOKEN_STATE, TOKEN_STATE_ID, IDP_ID) VALUES ('" + tokenId + "', 'at-" + tokenId
                + "', " + IsTraffic.APPS[0] + ", 'alice', -1234, 'PRIMARY', 'APPLICATION_USER', 'password', "
                + "TIMESTAMP '" + created + "', TIMESTAMP '" + refreshCreated + "', 3600000, 'hash', 'ACTIVE', "
                + "'NONE', 1)";
    }
}
