/* Copyright 2026 The is-data-sync authors. Licensed under the Apache License, Version 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). */
package org.wso2.is.data.sync.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a test method once per {@link DatabaseKind}; the method takes the kind as its first parameter:
 *
 * <pre>{@code
 * @OnEachDatabase
 * void copiesRows(DatabaseKind kind) {
 *     try (TestDatabase db = TestDatabase.create(kind)) { ... }
 * }
 * }</pre>
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@EnumSource(DatabaseKind.class)
public @interface OnEachDatabase {
}
