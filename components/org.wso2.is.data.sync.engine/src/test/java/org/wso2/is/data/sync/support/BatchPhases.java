/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.support;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;

import javax.sql.DataSource;

import org.wso2.is.data.sync.datasource.ForwardingDataSource;

/**
 * Where a sync process's batches are, in a small file that the process and the test both map into memory:
 * how many target transactions are open, and how many batches have committed on the target but not yet
 * deleted their journal entries on the source. The process counts through the connections it hands the job
 * ({@link #target}, {@link #source}); the test reads the counts to kill it at a chosen point of a batch, and
 * reads them again after the kill to tell where the batches were when it died.
 */
public final class BatchPhases {

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class,
            ByteOrder.nativeOrder());
    private static final int TARGET_OPEN = 0;
    private static final int ACK_PENDING = 4;

    private final MappedByteBuffer shared;

    private BatchPhases(MappedByteBuffer shared) {
        this.shared = shared;
    }

    /** Maps {@code file}, created with zero counts when missing. */
    public static BatchPhases map(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            // the mapping stays valid after the channel is closed
            return new BatchPhases(channel.map(FileChannel.MapMode.READ_WRITE, 0, 8));
        }
    }

    /** Target transactions begun and not yet committed or rolled back, as the process saw them. */
    public int targetOpen() {
        return (int) INT.getVolatile(shared, TARGET_OPEN);
    }

    /** Batches committed on the target whose journal delete is not yet committed on the source. */
    public int acknowledgementPending() {
        return (int) INT.getVolatile(shared, ACK_PENDING);
    }

    private void add(int counter, int delta) {
        INT.getAndAdd(shared, counter, delta);
    }

    /** The process's side: {@code target}, counting its transactions. */
    public DataSource target(DataSource target) {
        return new Counting(target, true);
    }

    /**
     * The process's side: {@code source}, counting the acknowledgements of target commits: a source commit of a
     * transaction that deleted journal entries (on the worker's reader thread, while the next batch is written).
     */
    public DataSource source(DataSource source) {
        return new Counting(source, false);
    }

    /** Hands out connections that report their transactions' phases; delegates everything else. */
    private final class Counting extends ForwardingDataSource {
        private final boolean target;

        Counting(DataSource delegate, boolean target) {
            super(delegate);
            this.target = target;
        }

        @Override
        protected Connection wrap(Connection real) {
            Phase phase = new Phase(real, target);
            return (Connection) Proxy.newProxyInstance(BatchPhases.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> phase.invoke(method, args));
        }
    }

    /** One connection's transaction, followed through the calls the sync job makes. */
    private final class Phase {
        private final Connection real;
        private final boolean target;
        private boolean autoCommit = true;
        private boolean open;
        /** A source transaction that deletes journal entries: its commit acknowledges one batch. */
        private boolean acknowledging;

        Phase(Connection real, boolean target) {
            this.real = real;
            this.target = target;
        }

        Object invoke(Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (target && !autoCommit && !open && (name.startsWith("prepare") || name.equals("createStatement"))) {
                open = true;
                add(TARGET_OPEN, 1);
            }
            if (!target && !autoCommit && name.equals("prepareStatement")
                    && ((String) args[0]).startsWith("DELETE FROM SYN_J_")) {
                acknowledging = true;
            }
            Object result;
            try {
                result = method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (name.equals("rollback") || name.equals("close")) {
                    ended(name.equals("close"));
                }
            }
            if (name.equals("setAutoCommit")) {
                autoCommit = (Boolean) args[0];
            } else if (name.equals("commit")) {
                committed();
            }
            return result;
        }

        /** After a commit returned: the target's rows are in, or the source's journal entries of a batch are out. */
        private void committed() {
            if (target && open) {
                open = false;
                add(ACK_PENDING, 1);
                add(TARGET_OPEN, -1);
            } else if (!target && acknowledging) {
                acknowledging = false;
                add(ACK_PENDING, -1);
            }
        }

        /**
         * A target transaction ends undone. A source delete rolled back acknowledges nothing: its batch's entries
         * are applied again, which counts one more pending acknowledgement than there are batches (only after a
         * failure, which the kill test does not cause).
         */
        private void ended(boolean closed) {
            if (target && open) {
                open = false;
                add(TARGET_OPEN, -1);
            } else if (!target) {
                acknowledging = false;
            }
        }
    }
}
