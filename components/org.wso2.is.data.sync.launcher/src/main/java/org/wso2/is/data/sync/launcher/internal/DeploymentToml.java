/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import org.wso2.is.data.sync.config.ConfigurationException;
import org.wso2.is.data.sync.safetext.LogText;
import org.wso2.is.data.sync.datasource.JdbcUrls;

/**
 * Reads the {@code [[datasource]]} blocks of an IS {@code deployment.toml}, so the file of the IS pack can be
 * used as is; everything else in the file is left to IS. All problems are reported together, each naming the
 * file, the block and the key.
 */
final class DeploymentToml {

    static final String DATASOURCE = "datasource";
    static final int MAX_POOL_SIZE = 10_000;
    /** HikariCP's floor for the connection timeout; it silently raises anything lower. */
    static final long MIN_MAX_WAIT_MILLIS = 250;

    private static final TomlMapper MAPPER = new TomlMapper();
    private static final String POOL_OPTIONS = "pool_options";
    /** The block's switch for URL options and drivers {@link JdbcUrlPolicy} refuses. */
    static final String ALLOW_UNSAFE = "allowUnsafeJdbcOptions";
    /** A datasource id: it is copied into logs, errors and the headers of generated scripts. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    private DeploymentToml() {
    }

    /** {@link #read(Path, Path, SecureVault.Environment)} with the carbon home found from the file's place. */
    static List<DataSourceDefinition> read(Path file) throws ConfigurationException {
        return read(file, null, SecureVault.Environment.SYSTEM);
    }

    /**
     * @param carbonHome the IS pack whose keystore decrypts {@code $secret{...}} values; null: the directory above
     *                   {@code repository/conf} when the file lies there
     * @return the blocks in file order, secrets decrypted; empty when the file has none
     */
    static List<DataSourceDefinition> read(Path file, Path carbonHome, SecureVault.Environment environment)
            throws ConfigurationException {
        JsonNode root = parse(file);
        JsonNode blocks = root.get(DATASOURCE);
        SecureVault vault = new SecureVault(file, root, carbonHome != null ? carbonHome : carbonHomeOf(file),
                environment);
        List<DataSourceDefinition> definitions = new ArrayList<>();
        if (blocks == null) {
            return definitions;
        }
        if (!blocks.isArray()) {
            throw new ConfigurationException(file + ": " + DATASOURCE
                    + " must be written as [[datasource]] blocks, one per database");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Integer> firstUse = new HashMap<>();
        int number = 0;
        for (JsonNode block : blocks) {
            number++;
            if (!block.isObject()) {
                problems.add(file + ": " + DATASOURCE + " #" + number
                        + " is not a table: write each datasource as a [[datasource]] block");
                continue;
            }
            Block b = new Block(file, number, block, problems, vault);
            DataSourceDefinition d = b.definition();
            if (d == null) {
                continue;
            }
            Integer earlier = firstUse.putIfAbsent(d.getId(), number);
            if (earlier != null) {
                b.problem("id '" + d.getId() + "' is already used by [[datasource]] #" + earlier);
            } else {
                definitions.add(d);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(problems);
        }
        return definitions;
    }

    /** {@code <carbon home>/repository/conf/deployment.toml}, where IS keeps it; null when the file lies elsewhere. */
    static Path carbonHomeOf(Path file) {
        Path conf = file.toAbsolutePath().normalize().getParent();
        Path repository = conf == null ? null : conf.getParent();
        if (conf != null && repository != null && "conf".equals(String.valueOf(conf.getFileName()))
                && "repository".equals(String.valueOf(repository.getFileName()))) {
            return repository.getParent();
        }
        return null;
    }

    /**
     * A warning when {@code file} holds a password in plain text and others than its owner may read it, else null
     * (also on a file system without POSIX permissions).
     */
    static String readableByOthers(Path file, List<DataSourceDefinition> definitions) {
        List<String> ids = new ArrayList<>();
        for (DataSourceDefinition d : definitions) {
            if (d.hasPlainTextPassword() && d.getPassword() != null && !d.getPassword().isEmpty()) {
                ids.add(d.getId());
            }
        }
        if (ids.isEmpty()) {
            return null;
        }
        Set<PosixFilePermission> p;
        try {
            p = Files.getPosixFilePermissions(file);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        if (!p.contains(PosixFilePermission.GROUP_READ) && !p.contains(PosixFilePermission.OTHERS_READ)) {
            return null;
        }
        return "datasources=" + file.toAbsolutePath() + " is readable by " + (p.contains(
                PosixFilePermission.OTHERS_READ) ? "every local user" : "its group") + " ("
                + PosixFilePermissions.toString(p) + ") and holds the password of " + String.join(", ", ids)
                + " in plain text: run chmod 600 " + file.toAbsolutePath();
    }

    private static JsonNode parse(Path file) throws ConfigurationException {
        String where = "datasources=" + file.toAbsolutePath() + ": ";
        if (Files.isDirectory(file)) {
            throw new ConfigurationException(where + "is a directory, expected an IS deployment.toml file");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            JsonNode root = MAPPER.readTree(r);
            return root == null ? MAPPER.createObjectNode() : root;
        } catch (NoSuchFileException e) {
            throw new ConfigurationException(where + "file not found");
        } catch (AccessDeniedException e) {
            throw new ConfigurationException(where + "cannot be read (permission denied)");
        } catch (StreamReadException e) {
            throw new ConfigurationException(file + ": not valid TOML at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (CharacterCodingException e) {
            throw new ConfigurationException(where + "cannot be read (not UTF-8 text)");
        } catch (IOException e) {
            throw new ConfigurationException(where + "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** One block being checked; its problems are prefixed with the file, block number and id. */
    private static final class Block {
        private final Path file;
        private final int number;
        private final JsonNode node;
        private final List<String> problems;
        private final SecureVault vault;
        private final List<String> ignored = new ArrayList<>();
        private String id;
        private boolean secretFailed;

        Block(Path file, int number, JsonNode node, List<String> problems, SecureVault vault) {
            this.file = file;
            this.number = number;
            this.node = node;
            this.problems = problems;
            this.vault = vault;
        }

        void problem(String text) {
            problems.add(file + ": [[datasource]] #" + number + (id == null ? "" : " (id=" + id + ")") + ": " + text);
        }

        /** @return the definition, or null when the block has problems (already recorded) */
        DataSourceDefinition definition() {
            int before = problems.size();
            id = text("id");
            if (id != null && id.trim().isEmpty()) {
                id = null;
            }
            if (isBlank("id")) {
                problem("id is missing");
            } else if (id != null && !ID.matcher(id).matches()) {
                String shown = LogText.oneLine(id);
                id = null;
                problem("id=" + shown + ": may hold only letters, digits and _ . - (up to 128 characters); the id is "
                        + "copied into logs and the headers of generated scripts");
            }
            String url = secret("url", text("url"));
            String username = secret("username", text("username"));
            String password = secret("password", text("password"));
            if (isBlank("url")) {
                problem("url is missing");
            } else if (url != null && !url.startsWith("jdbc:")) {
                String shown = JdbcUrls.redact(url);
                if (password != null && !password.isEmpty()) {
                    shown = shown.replace(password, "***");
                }
                problem("url=" + shown + ": expected a JDBC URL (jdbc:...)");
            }
            String driver = text("driver");
            Boolean allowUnsafe = node.has(ALLOW_UNSAFE) ? bool(ALLOW_UNSAFE, node.get(ALLOW_UNSAFE)) : Boolean.FALSE;
            if (url != null && url.startsWith("jdbc:") && !Boolean.TRUE.equals(allowUnsafe)) {
                List<String> unsafe = JdbcUrlPolicy.unsafeOptions(url);
                if (!unsafe.isEmpty()) {
                    problem("url option" + (unsafe.size() > 1 ? "s " : " ") + LogText.oneLine(String.join(", ", unsafe))
                            + (unsafe.size() > 1 ? " are" : " is") + " refused: such options make the driver run SQL, "
                            + "load a class, read or write a local file, or print row values; remove "
                            + (unsafe.size() > 1 ? "them" : "it") + ", or set " + ALLOW_UNSAFE + " = true in this "
                            + "block if you have checked " + (unsafe.size() > 1 ? "them" : "it"));
                }
                if (driver != null) {
                    String wrong = JdbcUrlPolicy.driverProblem(url, driver);
                    if (wrong != null) {
                        problem(LogText.oneLine(wrong));
                    }
                }
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!isKnownKey(e.getKey())) {
                    ignored.add(e.getKey());
                }
            }
            Pool pool = pool();
            if (problems.size() > before || secretFailed) {
                return null;
            }
            return new DataSourceDefinition(id, url, username, password, driver, pool.maxActive, pool.minIdle,
                    pool.maxWait, pool.validationQuery, pool.defaultAutoCommit, ignored,
                    SecureVault.alias(text("password")) == null);
        }

        /**
         * The value, or for {@code $secret{alias}} the clear value from the secure vault. A keystore that cannot be
         * used is reported once for the file, not for every value.
         */
        private String secret(String key, String value) {
            String alias = SecureVault.alias(value);
            if (alias == null) {
                if (SecureVault.looksLikeSecret(value)) {
                    problem(key + ": expected $secret{alias}, with the closing brace");
                }
                return value;
            }
            try {
                return vault.decrypt(alias);
            } catch (SecureVault.KeystoreException e) {
                String once = file + ": " + e.getMessage();
                if (!problems.contains(once)) {
                    problems.add(once);
                }
                secretFailed = true;
                return null;
            } catch (SecureVault.SecretException e) {
                problem(key + "=" + e.getMessage());
                return null;
            }
        }

        private static boolean isKnownKey(String key) {
            switch (key) {
                case "id":
                case "url":
                case "username":
                case "password":
                case "driver":
                case ALLOW_UNSAFE:
                case POOL_OPTIONS:
                    return true;
                default:
                    return false;
            }
        }

        private boolean isBlank(String key) {
            JsonNode v = node.get(key);
            return v == null || v.isNull() || !v.isContainerNode() && v.asText().trim().isEmpty();
        }

        /** A scalar value as text (IS writes numbers and strings interchangeably), or null when absent. */
        private String text(String key) {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isContainerNode()) {
                problem(key + " must be a single value, not a table or an array");
                return null;
            }
            return v.asText();
        }

        private Pool pool() {
            Pool pool = new Pool();
            JsonNode options = node.get(POOL_OPTIONS);
            if (options == null) {
                return pool;
            }
            if (!options.isObject()) {
                problem(POOL_OPTIONS + " must be a table, e.g. pool_options.maxActive = \"50\"");
                return pool;
            }
            for (Map.Entry<String, JsonNode> e : options.properties()) {
                String key = POOL_OPTIONS + "." + e.getKey();
                JsonNode v = e.getValue();
                switch (e.getKey()) {
                    case "maxActive":
                        pool.maxActive = toInt(number(key, v, 1, MAX_POOL_SIZE, "a whole number"));
                        break;
                    case "minIdle":
                        pool.minIdle = toInt(number(key, v, 0, MAX_POOL_SIZE, "a whole number"));
                        break;
                    case "maxWait":
                        pool.maxWait = number(key, v, MIN_MAX_WAIT_MILLIS, Integer.MAX_VALUE,
                                "a whole number of milliseconds");
                        break;
                    case "validationQuery":
                        pool.validationQuery = nonBlank(key, v);
                        break;
                    case "defaultAutoCommit":
                        pool.defaultAutoCommit = bool(key, v);
                        break;
                    default:
                        ignored.add(key);
                }
            }
            return pool;
        }

        private static Integer toInt(Long n) {
            return n == null ? null : Integer.valueOf(n.intValue());
        }

        /** @return the value, or null when it is not a whole number from min to max (a problem is recorded) */
        private Long number(String key, JsonNode v, long min, long max, String what) {
            String raw = v.isContainerNode() ? v.toString() : v.asText().trim();
            long n;
            try {
                n = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                n = min - 1;
            }
            if (n < min || n > max) {
                problem(key + "=" + raw + ": expected " + what + " from " + min + " to " + max);
                return null;
            }
            return n;
        }

        private String nonBlank(String key, JsonNode v) {
            if (v.isContainerNode() || v.asText().trim().isEmpty()) {
                problem(key + " must be an SQL query, e.g. SELECT 1");
                return null;
            }
            return v.asText();
        }

        private Boolean bool(String key, JsonNode v) {
            String raw = v.isContainerNode() ? v.toString() : v.asText().trim();
            if ("true".equalsIgnoreCase(raw) || "false".equalsIgnoreCase(raw)) {
                return Boolean.valueOf(raw);
            }
            problem(key + "=" + raw + ": expected true or false");
            return null;
        }
    }

    /** The pool options that have a HikariCP equivalent; null means not set. */
    private static final class Pool {
        Integer maxActive;
        Integer minIdle;
        Long maxWait;
        String validationQuery;
        Boolean defaultAutoCommit;
    }
}
