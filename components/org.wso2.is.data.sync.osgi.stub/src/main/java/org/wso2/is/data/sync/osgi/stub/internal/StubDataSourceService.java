/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.osgi.stub.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.wso2.carbon.context.CarbonContext;
import org.wso2.carbon.ndatasource.core.CarbonDataSource;
import org.wso2.carbon.ndatasource.core.DataSourceService;
import org.wso2.is.data.sync.osgi.stub.api.StubRecord;

/**
 * Carbon's lookups, by datasource name only (a JNDI name finds nothing, as in Carbon), each recorded with the
 * tenant the calling thread was in: Carbon's own service answers per tenant.
 */
final class StubDataSourceService extends DataSourceService {

    private final Map<String, CarbonDataSource> byName;

    StubDataSourceService(Map<String, CarbonDataSource> byName) {
        this.byName = byName;
    }

    @Override
    public CarbonDataSource getDataSource(String name) {
        record("getDataSource(" + name + ")");
        return byName.get(name);
    }

    @Override
    public List<CarbonDataSource> getAllDataSources() {
        record("getAllDataSources()");
        return new ArrayList<>(byName.values());
    }

    private static void record(String call) {
        StubRecord.add(call + " in " + CarbonContext.getThreadLocalCarbonContext());
    }
}
