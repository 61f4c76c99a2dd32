/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.job;

/** What the operator asked for, in the order of a migration. */
public enum JobType {

    /** Create the change capture on the source and the sync state on the target. */
    PREPARE("prepare"),
    /** Write the DDL that {@link #PREPARE} would run, for a DBA, and run nothing. */
    GENERATE_DDL("generate-ddl"),
    /** Copy captured changes into the target. */
    SYNC("sync"),
    /** Compare source and target before the cut-over. */
    VALIDATE("validate"),
    /** Journal every key of one table on the source, so that sync copies the whole table again. */
    RESYNC("resync"),
    /** Remove everything {@link #PREPARE} created, on both sides. */
    CLEAN("clean"),
    /** Write the DDL that {@link #CLEAN} would run, for a DBA, and run nothing. */
    GENERATE_CLEAN_DDL("generate-clean-ddl");

    private final String label;

    JobType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
