/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.wso2.is.data.sync.job.EngineJobs;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Every {@code bin/data-sync} command in a code block of the operator's documents parses against the launcher's
 * own picocli model: its job exists, and it uses only options that job accepts, with every required option and a
 * value of the right type. A command an operator copies under pressure must not fail on usage.
 */
class DocsCommandsTest {

    private static final List<String> DOCS = Arrays.asList("README.md", "docs/operator-guide.md",
            "docs/troubleshooting.md");

    @Test
    void everyCommandInTheDocsParses() throws IOException {
        Path root = projectRoot();
        List<String> problems = new ArrayList<>();
        int commands = 0;
        for (String doc : DOCS) {
            List<Command> found = commands(doc, Files.readAllLines(root.resolve(doc), StandardCharsets.UTF_8));
            commands += found.size();
            for (Command c : found) {
                String problem = problem(c.args);
                if (problem != null) {
                    problems.add(c.where + ": " + problem + "\n    bin/data-sync " + String.join(" ", c.args));
                }
            }
        }
        assertTrue(commands >= 15, "only " + commands + " bin/data-sync commands found in " + DOCS);
        assertTrue(problems.isEmpty(), () -> "commands in the docs the launcher refuses:\n" + String.join("\n",
                problems));
    }

    /** The checker itself: it finds commands in code blocks only, joins continued lines, and names what is wrong. */
    @Test
    void theCheckerNamesTheFileLineAndUnknownOption() {
        List<String> doc = Arrays.asList("text with `bin/data-sync sync --bogus` inline is not a block",
                "```sh",
                "# bin/data-sync clean --nothing (a comment)",
                "JAVA_OPTS=\"-DbatchSize=1000\" bin/data-sync sync --until-drained \\",
                "    --config conf/sync.properties --datasources conf/deployment.toml --log-dir /var/log/sync",
                "bin/data-sync validate --config conf/sync.properties --datasources conf/deployment.toml --fast",
                "bin/data-sync prepare --config ... --datasources ... | tee prepare.out",
                "bin/data-sync freeze-rules --format nginx > /etc/nginx/freeze.conf",
                "```");
        List<Command> found = commands("X.md", doc);
        assertEquals(4, found.size(), found::toString);
        assertEquals("X.md:4", found.get(0).where);
        assertEquals(null, problem(found.get(0).args));
        assertEquals("X.md:6", found.get(1).where);
        assertEquals("Unknown option: '--fast'", problem(found.get(1).args));
        assertEquals("'...' in place of an argument", problem(found.get(2).args));
        assertEquals(null, problem(found.get(3).args));
    }

    /** @return null when the launcher's model accepts the arguments, else what it says is wrong */
    static String problem(List<String> args) {
        if (args.contains("...")) {
            return "'...' in place of an argument";
        }
        try {
            DataSyncLauncher.commandLine(new EngineJobs()).parseArgs(args.toArray(new String[0]));
            return null;
        } catch (ParameterException e) {
            return e.getMessage();
        }
    }

    /** The {@code bin/data-sync} commands of the fenced code blocks of one document. */
    static List<Command> commands(String doc, List<String> lines) {
        List<Command> found = new ArrayList<>();
        boolean inBlock = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock || line.startsWith("#") || !line.contains("bin/data-sync")) {
                continue;
            }
            int first = i;
            StringBuilder text = new StringBuilder(line);
            while (text.toString().endsWith("\\") && i + 1 < lines.size()) {
                text.setLength(text.length() - 1);
                text.append(' ').append(lines.get(++i).trim());
            }
            String command = text.substring(text.indexOf("bin/data-sync") + "bin/data-sync".length());
            found.add(new Command(doc + ":" + (first + 1), words(command)));
        }
        return found;
    }

    /** Shell words up to the end of the command: a comment, a pipe, a redirection, or a command separator. */
    private static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '#' && word == null || c == '|' || c == '&' || c == ';' || c == '>' || c == '<') {
                // "2>" redirects stderr: the 2 is no argument.
                if (word != null && !(c == '>' && word.toString().matches("\\d+"))) {
                    words.add(word.toString());
                }
                return words;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static Path projectRoot() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) {
                return p;
            }
        }
        throw new AssertionError("no README.md with a docs/ directory above " + Paths.get("").toAbsolutePath());
    }

    static final class Command {
        final String where;
        final List<String> args;

        Command(String where, List<String> args) {
            this.where = where;
            this.args = args;
        }

        @Override
        public String toString() {
            return where + " " + args;
        }
    }
}
