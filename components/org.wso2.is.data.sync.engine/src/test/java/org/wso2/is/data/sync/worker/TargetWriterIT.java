/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.wso2.is.data.sync.config.SyncTable;
import org.wso2.is.data.sync.dialect.Dialect;
import org.wso2.is.data.sync.dialect.Dialects;
import org.wso2.is.data.sync.support.IsSchema;
import org.wso2.is.data.sync.support.TableComparison;
import org.wso2.is.data.sync.testkit.DatabaseKind;
import org.wso2.is.data.sync.testkit.OnEachDatabase;
import org.wso2.is.data.sync.testkit.TestDatabase;
import org.wso2.is.data.sync.transform.Rows;

/**
 * Inserts take the shape each database runs fastest (multi-row VALUES as large as the driver binds, or a JDBC
 * batch where the driver sends it in bulk), write every row exactly, and report a duplicate key as a unique
 * violation in every shape: the worker's replace fallback depends on it.
 */
class TargetWriterIT {

    private static final List<String> COLUMNS = Arrays.asList("TENANT_ID", "USER_NAME", "DATA_KEY", "DATA_VALUE");
    private static final int[] TYPES = {Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};

    @OnEachDatabase
    void aThousandRowsInTheDatabasesFastestShape(DatabaseKind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind)) {
            IsSchema.create(db, "5.9.0");
            Rows rows = new Rows(COLUMNS, TYPES);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                String value = i % 7 == 0 ? null : "v" + i;
                rows.add(new Object[] {-1234, "user" + i, "k", value});
                expected.add("TENANT_ID=-1234|USER_NAME=user" + i + "|DATA_KEY=k|DATA_VALUE="
                        + TableComparison.normalize(value) + "|");
            }
            try (Connection c = db.dataSource().getConnection()) {
                Dialect dialect = Dialects.forConnection(c);
                assertEquals(kind == DatabaseKind.POSTGRESQL ? 32_767 : kind == DatabaseKind.MARIADB ? 0 : 2000,
                        dialect.insertParameterLimit(c));
                c.setAutoCommit(false);
                new TargetWriter(dialect).insert(c, "IDN_IDENTITY_USER_DATA", rows);
                c.commit();

                Rows clash = new Rows(COLUMNS, TYPES);
                clash.add(new Object[] {-1234, "new", "k", "x"});
                clash.add(new Object[] {-1234, "user5", "k", "x"});
                SQLException e = assertThrows(SQLException.class,
                        () -> new TargetWriter(dialect).insert(c, "IDN_IDENTITY_USER_DATA", clash));
                assertTrue(SqlFailures.isUniqueViolation(e), "not seen as a unique violation: " + e);
                c.rollback();
            }
            Collections.sort(expected);
            assertEquals(expected, TableComparison.rows(db.dataSource(), SyncTable.IDN_IDENTITY_USER_DATA, COLUMNS));
        }
    }
}
