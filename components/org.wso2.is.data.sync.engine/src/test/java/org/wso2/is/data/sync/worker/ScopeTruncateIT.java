/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.capture.LogJournals;
import org.wso2.is.data.sync.capture.LogMode;
import org.wso2.is.data.sync.changelog.LogCaptureIT;
import org.wso2.is.data.sync.config.ProductVersion;
import org.wso2.is.data.sync.config.SyncConfiguration;
import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.demo.IsTraffic;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.job.JobType;
import org.wso2.is.data.sync.job.StopSignal;
import org.wso2.is.data.sync.owner.PairOwner;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.Jobs;
import org.wso2.is.data.sync.support.Poll;
import org.wso2.is.data.sync.testkit.EmbeddedPostgresServer;
import org.wso2.is.data.sync.testkit.TestDatabase;

/**
 * The scope table alone is truncated on a real PostgreSQL source while token keys wait in memory, where a batch holds
 * them until it commits: such a batch copies its tokens' scopes as it read them, before the truncate. The pump, reading
 * the real slot, must queue those token keys again in the target's journal, so that their scopes are read again after
 * the truncate (and found gone). No worker runs here: the keys stay queued, as in a batch that has not committed.
 */
class ScopeTruncateIT {

    @Test
    void aTruncatedScopeTableQueuesTheTokensWaitingInMemoryAgain() throws Exception {
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.startNew(Map.of("wal_level", "logical"));
             TestDatabase src = LogCaptureIT.replicatingSource(server); TestDatabase tgt = server.createDatabase()) {
            IsSchema.create(src, "5.9.0");
            IsSchema.create(tgt, "5.9.0");
            IsTraffic.createApps(src.dataSource());
            IsTraffic.createApps(tgt.dataSource());
            SyncConfiguration config = LogCaptureIT.logConfig();
            Jobs.run(JobType.PREPARE, config, src.dataSource(), tgt.dataSource(), null);
            new IsTraffic(src.dataSource(), ProductVersion.V5_9_0, 0, 11, 0).run(40);
            TreeSet<String> tokens = tokenIds(src.dataSource(), "SELECT TOKEN_ID FROM IDN_OAUTH2_ACCESS_TOKEN");
            assertTrue(!tokens.isEmpty(), "the workload issued tokens");

            Dialect sourceDialect;
            Dialect targetDialect;
            try (Connection s = src.dataSource().getConnection(); Connection t = tgt.dataSource().getConnection()) {
                sourceDialect = Dialects.forConnection(s);
                targetDialect = Dialects.forConnection(t);
                LogJournals.ensure(t, targetDialect, config.getSyncTables(), "tgt");
            }
            StopSignal stop = new StopSignal();
            try (PairOwner owner = PairOwner.acquire(tgt.dataSource(), targetDialect, "tgt", false)) {
                LogPump pump = new LogPump(LogMode.of(sourceDialect, "src"), config, src.dataSource(),
                        tgt.dataSource(), targetDialect, owner, stop);
                pump.start();
                Thread thread = new Thread(pump, "data-sync-log");
                thread.start();
                try {
                    Poll.until("the tokens wait in memory", Duration.ofSeconds(30),
                            () -> pump.queued().count(SyncTable.IDN_OAUTH2_ACCESS_TOKEN) > 0);
                    try (Connection c = src.dataSource().getConnection(); Statement s = c.createStatement()) {
                        s.execute("TRUNCATE IDN_OAUTH2_ACCESS_TOKEN_SCOPE");
                    }
                    Poll.until("every token waiting in memory is queued again in the target's journal",
                            Duration.ofSeconds(30), () -> tokenIds(tgt.dataSource(),
                                    "SELECT TOKEN_ID FROM SYN_J_TOKEN WHERE OPERATION = 'U'").containsAll(tokens));
                } finally {
                    stop.request();
                    thread.interrupt();
                    thread.join(10_000);
                }
            }
        }
    }

    private static TreeSet<String> tokenIds(DataSource db, String sql) throws SQLException {
        TreeSet<String> ids = new TreeSet<>();
        try (Connection c = db.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
