/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;

import com.alibaba.druid.DbType;
import com.alibaba.druid.sql.SQLUtils;
import com.alibaba.druid.sql.ast.SQLStatement;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;

/**
 * Real SQL parsers for the statements of the dialects whose databases cannot run in the build (Oracle, SQL Server,
 * DB2). Neither parser knows all of a vendor's syntax, so each dialect test says which statements a parser checks
 * and which it can only compare as text:
 * <ul>
 *   <li>JSqlParser: CREATE TABLE, DROP TABLE (without Oracle's PURGE), SELECT, INSERT, SET and search
 *       conditions;</li>
 *   <li>Druid: Oracle PL/SQL blocks (triggers and the clean script's drops), Oracle's DROP TABLE ... PURGE,
 *       DROP TRIGGER, and SQL Server's {@code IF ... DROP ...}.</li>
 * </ul>
 * Both parsers accept statements they do not understand as a generic node rather than failing, so every method
 * here asserts the kind of node it gets.
 */
public final class SqlParsers {

    private SqlParsers() {
    }

    /** {@code sql} parsed by JSqlParser, which must read it as a {@code type}. */
    public static <T extends Statement> T jsql(String sql, Class<T> type) {
        try {
            return assertInstanceOf(type, CCJSqlParserUtil.parse(sql), sql);
        } catch (JSQLParserException e) {
            throw new AssertionError("JSqlParser rejects: " + sql, e);
        }
    }

    /** A search condition, e.g. the key-change test of an update trigger. */
    public static Expression condition(String sql) {
        try {
            return CCJSqlParserUtil.parseCondExpression(sql, false);
        } catch (JSQLParserException e) {
            throw new AssertionError("JSqlParser rejects the condition: " + sql, e);
        }
    }

    /** {@code sql} parsed by Druid as exactly one statement of {@code type}: trailing garbage would be a second. */
    public static <T extends SQLStatement> T druid(String sql, DbType dbType, Class<T> type) {
        List<SQLStatement> statements = SQLUtils.parseStatements(sql, dbType);
        assertEquals(1, statements.size(), () -> "Druid reads more than one statement in: " + sql);
        return assertInstanceOf(type, statements.get(0), sql);
    }

    /** The column names of a parsed CREATE TABLE, in order. */
    public static List<String> columnNames(CreateTable table) {
        List<String> names = new ArrayList<>();
        for (ColumnDefinition c : table.getColumnDefinitions()) {
            names.add(c.getColumnName());
        }
        return names;
    }

    /** The column types of a parsed CREATE TABLE, in order, as JSqlParser prints them (e.g. {@code CHAR (1)}). */
    public static List<String> columnTypes(CreateTable table) {
        List<String> types = new ArrayList<>();
        for (ColumnDefinition c : table.getColumnDefinitions()) {
            types.add(c.getColDataType().toString());
        }
        return types;
    }
}
