/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.worker;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parent keys a batch touches: the keys of its parent entries, in journal order, and the parents of child
 * entries that have none of their own in the batch (only their children are copied again).
 */
final class DirtyKeys {

    final List<List<Object>> parents;
    final List<List<Object>> childOnly;

    DirtyKeys(List<List<Object>> parents, List<List<Object>> childOnly) {
        this.parents = parents;
        this.childOnly = childOnly;
    }

    List<List<Object>> all() {
        List<List<Object>> all = new ArrayList<>(parents);
        all.addAll(childOnly);
        return all;
    }

    /** These keys with {@code first} before them (and no longer among the child-only keys). */
    DirtyKeys withParentsFirst(List<List<Object>> first) {
        Set<List<Object>> ordered = new LinkedHashSet<>(first);
        ordered.addAll(parents);
        List<List<Object>> rest = new ArrayList<>(childOnly);
        rest.removeAll(ordered);
        return new DirtyKeys(new ArrayList<>(ordered), rest);
    }
}
