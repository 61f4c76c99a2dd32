/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.carbon.context;

/**
 * Test stand-in for {@code PrivilegedCarbonContext} of {@code org.wso2.carbon:org.wso2.carbon.utils:4.5.1}: the
 * tenant-flow methods the data sync bundle calls, with Carbon's signatures, so the bundle links against this class
 * exactly as against the real one.
 */
public class PrivilegedCarbonContext extends CarbonContext {

    PrivilegedCarbonContext(int flowDepth) {
        super(flowDepth);
    }

    public static void startTenantFlow() {
        pushFlow();
    }

    public static void endTenantFlow() {
        popFlow();
    }

    public static PrivilegedCarbonContext getThreadLocalCarbonContext() {
        return current();
    }

    public void setTenantId(int tenantId) {
        setTenant(tenantId);
    }

    public void setTenantDomain(String tenantDomain) {
        setDomain(tenantDomain);
    }
}
