/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.dialect;

import java.util.Collections;
import java.util.List;

/**
 * How a vendor's own command-line client expects a script: what opens and closes it, and what ends each
 * statement (a semicolon, {@code DELIMITER //} for mysql, {@code /} for sqlplus, {@code GO} for sqlcmd,
 * {@code @} for {@code db2 -td@}).
 */
public final class ScriptFormat {

    private final String client;
    private final List<String> opening;
    private final String terminator;
    private final List<String> closing;

    public ScriptFormat(String client, List<String> opening, String terminator, List<String> closing) {
        this.client = client;
        this.opening = opening;
        this.terminator = terminator;
        this.closing = closing;
    }

    /** Statements end with {@code terminator} right after the statement text. */
    public static ScriptFormat simple(String client, String terminator) {
        return new ScriptFormat(client, Collections.<String>emptyList(), terminator,
                Collections.<String>emptyList());
    }

    /** The client and how to run the script, for the script's header. */
    public String getClient() {
        return client;
    }

    public List<String> getOpening() {
        return opening;
    }

    /** A statement as the client wants it. */
    public String terminate(String statement) {
        return statement + terminator;
    }

    public List<String> getClosing() {
        return closing;
    }
}
