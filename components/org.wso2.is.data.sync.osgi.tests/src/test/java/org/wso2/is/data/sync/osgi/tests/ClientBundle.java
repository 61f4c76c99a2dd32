/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.tests;

import java.util.Arrays;

import org.apache.felix.scr.Component;
import org.apache.felix.scr.ScrService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** The client bundle and its one DS component, as Equinox DS 1.4.400 reports it through its ScrService. */
final class ClientBundle {

    /** The component name in the bundle's OSGI-INF XML. */
    static final String COMPONENT = "org.wso2.is.data.sync.client";

    private ClientBundle() {
    }

    static Bundle find(BundleContext context) {
        return Arrays.stream(context.getBundles()).filter(b -> IsRuntime.CLIENT.equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError(IsRuntime.CLIENT + " is not installed"));
    }

    /** Waits until DS has activated the component: its {@code activate} has returned. */
    static void awaitActive(BundleContext context) throws InterruptedException {
        Await.until("component " + COMPONENT + " to be active", () -> state(context) == Component.STATE_ACTIVE);
    }

    /** @return the component's {@code Component.STATE_*}, or 0 while DS does not know it yet */
    static int state(BundleContext context) {
        ServiceReference<ScrService> ref = context.getServiceReference(ScrService.class);
        if (ref == null) {
            return 0;
        }
        ScrService scr = context.getService(ref);
        try {
            Component[] components = scr == null ? null : scr.getComponents(COMPONENT);
            return components == null || components.length == 0 ? 0 : components[0].getState();
        } finally {
            context.ungetService(ref);
        }
    }
}
