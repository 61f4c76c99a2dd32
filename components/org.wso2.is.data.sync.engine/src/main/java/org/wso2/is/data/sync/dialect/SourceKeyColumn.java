/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect;

import java.util.ArrayList;
import java.util.List;

/**
 * A primary-key column of a captured table as the source catalog declares it, read at prepare so that the journal
 * copies it (see {@link Dialect#copiedKeyType}). Which fields a database fills, and what {@code semantics} means
 * there, is its dialect's business; fields it does not know are null.
 */
public final class SourceKeyColumn {

    private final String name;
    private final String dataType;
    private final Integer length;
    private final Integer precision;
    private final Integer scale;
    private final String charset;
    private final String collation;
    private final String semantics;

    public SourceKeyColumn(String name, String dataType, Integer length, Integer precision, Integer scale,
                           String charset, String collation, String semantics) {
        this.name = name;
        this.dataType = dataType;
        this.length = length;
        this.precision = precision;
        this.scale = scale;
        this.charset = charset;
        this.collation = collation;
        this.semantics = semantics;
    }

    public String getName() {
        return name;
    }

    /** The type as the catalog names it, e.g. {@code NVARCHAR2} or {@code varchar(255)}. */
    public String getDataType() {
        return dataType;
    }

    /** The declared length of a text column, in its length semantics; null for other types. */
    public Integer getLength() {
        return length;
    }

    public Integer getPrecision() {
        return precision;
    }

    public Integer getScale() {
        return scale;
    }

    public String getCharset() {
        return charset;
    }

    public String getCollation() {
        return collation;
    }

    /** Dialect-specific: Oracle's CHAR_USED, DB2's string units, MySQL's DATA_TYPE, PostgreSQL's type category. */
    public String getSemantics() {
        return semantics;
    }

    /** The source's type for messages, with every detail the catalog gave. */
    @Override
    public String toString() {
        List<String> details = new ArrayList<>();
        if (length != null) {
            details.add("length " + length);
        }
        if (precision != null) {
            details.add("precision " + precision);
        }
        if (scale != null) {
            details.add("scale " + scale);
        }
        if (charset != null) {
            details.add("character set " + charset);
        }
        if (collation != null) {
            details.add("collation " + collation);
        }
        if (semantics != null) {
            details.add(semantics);
        }
        return dataType + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")");
    }
}
