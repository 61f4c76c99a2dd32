/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import org.wso2.is.data.sync.transform.Rows;

/** The current source rows of a batch's keys, as the target version wants them; {@code children} may be null. */
final class Changes {

    final Rows parents;
    final Rows children;

    Changes(Rows parents, Rows children) {
        this.parents = parents;
        this.children = children;
    }
}
