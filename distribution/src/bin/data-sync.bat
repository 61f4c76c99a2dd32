@echo off
rem Copyright 2026 The is-data-sync authors.
rem Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
rem
rem Runs the data sync launcher: data-sync <prepare|sync|validate|clean> --config FILE --datasources FILE
rem Environment: JAVA_HOME picks the Java runtime (11 or later; else java on PATH), JAVA_OPTS adds JVM options
rem (an -Xms or -Xmx there overrides the default heap below).
rem JDBC drivers other than H2, PostgreSQL and MariaDB: copy their jars into lib\.

setlocal
set "DATA_SYNC_HOME=%~dp0.."
set "JAVA=java"
if defined JAVA_HOME set "JAVA=%JAVA_HOME%\bin\java"

rem A small initial heap lets the collector size the heap to the sync's need (about 20 MB at batchSize 1,000).
set "DEFAULT_HEAP=-Xms64m -Xmx512m"

"%JAVA%" %DEFAULT_HEAP% %JAVA_OPTS% -cp "%DATA_SYNC_HOME%\lib\*" org.wso2.is.data.sync.launcher.DataSyncLauncher %*
exit /b %ERRORLEVEL%
