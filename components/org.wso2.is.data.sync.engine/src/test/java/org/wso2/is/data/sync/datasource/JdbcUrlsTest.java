/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.datasource;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:h2:./db/x;USER=sa;PASSWORD=secret;AUTO_SERVER=TRUE | jdbc:h2:./db/x;USER=sa;PASSWORD=***;AUTO_SERVER=TRUE",
        "jdbc:postgresql://db:5432/is?user=is&password=secret&ssl=true | "
            + "jdbc:postgresql://db:5432/is?user=is&password=***&ssl=true",
        "jdbc:mysql://is:secret@db:3306/is?useSSL=false | jdbc:mysql://is:***@db:3306/is?useSSL=false",
        "jdbc:mariadb://db:3306/is?pwd=secret | jdbc:mariadb://db:3306/is?pwd=***",
        "jdbc:sqlserver://db:1433;databaseName=is;password=secret;encrypt=false | "
            + "jdbc:sqlserver://db:1433;databaseName=is;password=***;encrypt=false",
        "jdbc:oracle:thin:is/secret@db:1521/ORCL | jdbc:oracle:thin:is/***@db:1521/ORCL",
        "jdbc:db2://db:50000/IS:user=is;password=secret; | jdbc:db2://db:50000/IS:user=is;password=***;",
        "jdbc:postgresql://db:5432/is | jdbc:postgresql://db:5432/is",
    })
    void passwordsAreMasked(String url, String expected) {
        assertEquals(expected, JdbcUrls.redact(url));
    }
}
