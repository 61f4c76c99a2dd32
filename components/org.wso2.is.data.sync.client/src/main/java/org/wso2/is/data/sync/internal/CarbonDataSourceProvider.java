/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.internal;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.wso2.carbon.context.PrivilegedCarbonContext;
import org.wso2.carbon.ndatasource.common.DataSourceException;
import org.wso2.carbon.ndatasource.core.CarbonDataSource;
import org.wso2.carbon.ndatasource.core.DataSourceMetaInfo;
import org.wso2.carbon.ndatasource.core.DataSourceService;
import org.wso2.is.data.sync.datasource.DataSourceLookupException;
import org.wso2.is.data.sync.datasource.DataSourceNames;
import org.wso2.is.data.sync.datasource.DataSourceProvider;

/**
 * Looks datasources up in Carbon, by datasource name or by JNDI name. Carbon's lookups are tenant-aware and
 * our job thread carries no tenant, so each lookup runs in a super-tenant flow.
 */
final class CarbonDataSourceProvider implements DataSourceProvider {

    static final int SUPER_TENANT_ID = -1234;
    static final String SUPER_TENANT_DOMAIN = "carbon.super";

    private final DataSourceService service;

    CarbonDataSourceProvider(DataSourceService service) {
        this.service = service;
    }

    @Override
    public DataSource get(String name) throws DataSourceLookupException {
        PrivilegedCarbonContext.startTenantFlow();
        try {
            PrivilegedCarbonContext context = PrivilegedCarbonContext.getThreadLocalCarbonContext();
            context.setTenantId(SUPER_TENANT_ID);
            context.setTenantDomain(SUPER_TENANT_DOMAIN);
            return lookup(name);
        } catch (DataSourceException e) {
            throw new DataSourceLookupException("identitySchema: the lookup of datasource '" + name
                    + "' failed in Carbon: " + e.getMessage(), e);
        } finally {
            PrivilegedCarbonContext.endTenantFlow();
        }
    }

    private DataSource lookup(String name) throws DataSourceException, DataSourceLookupException {
        CarbonDataSource found = null;
        for (String candidate : DataSourceNames.candidates(name)) {
            found = service.getDataSource(candidate);
            if (found != null) {
                break;
            }
        }
        List<String> bound = new ArrayList<>();
        for (CarbonDataSource cds : service.getAllDataSources()) {
            DataSourceMetaInfo info = cds.getDSMInfo();
            String jndi = info.getJndiConfig() == null ? null : info.getJndiConfig().getName();
            if (found == null && name.equals(jndi)) {
                found = cds;
            }
            bound.add(DataSourceNames.describe(info.getName(), jndi));
        }
        if (found == null) {
            throw DataSourceLookupException.notBound(name, bound);
        }
        Object ds = found.getDSObject();
        if (!(ds instanceof DataSource)) {
            throw new DataSourceLookupException("identitySchema: datasource '" + name
                    + "' is not a JDBC datasource (it is " + (ds == null ? "null" : ds.getClass().getName()) + ")");
        }
        return (DataSource) ds;
    }
}
