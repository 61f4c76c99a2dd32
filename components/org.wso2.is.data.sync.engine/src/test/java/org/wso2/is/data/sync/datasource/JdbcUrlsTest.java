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
        // MySQL multi-factor passwords
        "jdbc:mysql://db/is?user=is&password1=secret&password2=secret&password3=secret | "
            + "jdbc:mysql://db/is?user=is&password1=***&password2=***&password3=***",
        // key store passwords in URL options
        "jdbc:mysql://db/is?clientCertificateKeyStorePassword=secret&trustCertificateKeyStorePassword=secret | "
            + "jdbc:mysql://db/is?clientCertificateKeyStorePassword=***&trustCertificateKeyStorePassword=***",
        "jdbc:postgresql://db/is?sslpassword=secret&sslmode=verify-full | "
            + "jdbc:postgresql://db/is?sslpassword=***&sslmode=verify-full",
        "jdbc:sqlserver://db;trustStorePassword=secret;keyStoreSecret=secret;encrypt=true | "
            + "jdbc:sqlserver://db;trustStorePassword=***;keyStoreSecret=***;encrypt=true",
        "jdbc:db2://db:50000/IS:sslTrustStorePassword=secret;sslKeyStorePassword=secret; | "
            + "jdbc:db2://db:50000/IS:sslTrustStorePassword=***;sslKeyStorePassword=***;",
        // Oracle wallet password
        "jdbc:oracle:thin:@db:1521/ORCL?oracle.net.wallet_password=secret&oracle.net.wallet_location=/w | "
            + "jdbc:oracle:thin:@db:1521/ORCL?oracle.net.wallet_password=***&oracle.net.wallet_location=/w",
        // SQL Server braces may hold ; and }}
        "jdbc:sqlserver://db:1433;user=is;password={se;cr}}et};encrypt=true | "
            + "jdbc:sqlserver://db:1433;user=is;password=***;encrypt=true",
        // MySQL's key-value host form
        "jdbc:mysql://(host=db,port=3306,user=is,password=secret)/is | "
            + "jdbc:mysql://(host=db,port=3306,user=is,password=***)/is",
    })
    void passwordsAreMasked(String url, String expected) {
        assertEquals(expected, JdbcUrls.redact(url));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jdbc:postgresql://db:5432/is?user=is&password=secret | jdbc:postgresql://db:5432/is",
        "jdbc:mysql://is:secret@db:3306/is?useSSL=false | jdbc:mysql://db:3306/is",
        "jdbc:mariadb://db/is | jdbc:mariadb://db/is",
        "jdbc:sqlserver://db:1433;databaseName=is;password={se;cr}}et} | jdbc:sqlserver://db:1433;databaseName=is",
        "jdbc:oracle:thin:is/secret@db:1521/ORCL | jdbc:oracle:thin:@db:1521/ORCL",
        "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=db)(PORT=2484))(CONNECT_DATA=(SERVICE_NAME=is)))"
            + " | jdbc:oracle:thin:@((HOST=db)(PORT=2484)(SERVICE_NAME=is))",
        "jdbc:db2://db:50000/IS:user=is;password=secret; | jdbc:db2://db:50000/IS",
        "jdbc:h2:file:/srv/is/db;USER=sa;PASSWORD=secret | jdbc:h2:file:/srv/is/db",
        "jdbc:h2:tcp://db:9092/~/is;PASSWORD=secret | jdbc:h2:tcp://db:9092/~/is",
    })
    void describeNamesSchemeHostPortAndDatabaseOnly(String url, String expected) {
        assertEquals(expected, JdbcUrls.describe(url));
    }
}
