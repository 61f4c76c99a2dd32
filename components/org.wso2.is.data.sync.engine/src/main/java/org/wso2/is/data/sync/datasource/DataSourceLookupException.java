/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.datasource;

import java.util.Collection;

/** A datasource named in the configuration cannot be found or opened. */
public class DataSourceLookupException extends Exception {

    private static final long serialVersionUID = 1L;

    public DataSourceLookupException(String message) {
        super(message);
    }

    public DataSourceLookupException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The one message for an unknown name, listing every bound datasource so a typo is easy to see. */
    public static DataSourceLookupException notBound(String name, Collection<String> bound) {
        return new DataSourceLookupException("identitySchema: datasource '" + name + "' is not bound; "
                + (bound.isEmpty() ? "no datasources are bound" : "bound datasources: " + String.join(", ", bound)));
    }
}
