/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.carbon.context;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EmptyStackException;

/**
 * Test stand-in for {@code CarbonContext} of {@code org.wso2.carbon:org.wso2.carbon.utils:4.5.1}, reduced to the
 * tenant accessors. As in Carbon, each thread has a current context, and a tenant flow starts from an empty one
 * (no tenant) and gives the previous one back when it ends.
 */
public class CarbonContext {

    /** Carbon's {@code MultitenantConstants.INVALID_TENANT_ID}: what a thread has before anyone sets a tenant. */
    static final int INVALID_TENANT_ID = -1;

    private static final ThreadLocal<Deque<PrivilegedCarbonContext>> CONTEXTS = ThreadLocal.withInitial(() -> {
        Deque<PrivilegedCarbonContext> stack = new ArrayDeque<>();
        stack.push(new PrivilegedCarbonContext(0));
        return stack;
    });

    /** How many tenant flows were open when this context became current; 0 is the thread's own context. */
    private final int flowDepth;
    private int tenantId = INVALID_TENANT_ID;
    private String tenantDomain;

    CarbonContext(int flowDepth) {
        this.flowDepth = flowDepth;
    }

    public static CarbonContext getThreadLocalCarbonContext() {
        return current();
    }

    public int getTenantId() {
        return tenantId;
    }

    public String getTenantDomain() {
        return tenantDomain;
    }

    void setTenant(int id) {
        tenantId = id;
    }

    void setDomain(String domain) {
        tenantDomain = domain;
    }

    static PrivilegedCarbonContext current() {
        return CONTEXTS.get().peek();
    }

    static void pushFlow() {
        Deque<PrivilegedCarbonContext> stack = CONTEXTS.get();
        stack.push(new PrivilegedCarbonContext(stack.size()));
    }

    /** Carbon keeps the outer contexts on a {@link java.util.Stack}, so an unmatched end fails the same way. */
    static void popFlow() {
        Deque<PrivilegedCarbonContext> stack = CONTEXTS.get();
        if (stack.size() == 1) {
            throw new EmptyStackException();
        }
        stack.pop();
    }

    /** What the stub's lookup record shows, e.g. {@code tenant -1234/carbon.super (flow depth 1)}. */
    @Override
    public String toString() {
        return "tenant " + tenantId + "/" + tenantDomain + " (flow depth " + flowDepth + ")";
    }
}
