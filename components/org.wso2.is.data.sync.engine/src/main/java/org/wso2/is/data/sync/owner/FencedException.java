/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.owner;

/**
 * This sync no longer holds the target: another one took it over. Not a passing failure: the batch in flight was
 * rolled back and the job must end, not retry (a retry would fail the same way, forever).
 */
public final class FencedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FencedException(String message) {
        super(message);
    }
}
