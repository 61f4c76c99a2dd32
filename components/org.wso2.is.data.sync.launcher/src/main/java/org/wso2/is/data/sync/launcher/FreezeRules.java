/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.launcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code freeze-rules}: the load balancer rules of the migration window's endpoint freeze, for pasting. Only the
 * endpoints WSO2's zero-downtime procedure keeps open (IS 5.9.0 migration guide, "Zero down time migration", step
 * 7) reach the old IS; everything else gets 503, so nothing is written to the tables the sync does not copy.
 */
@Command(name = "freeze-rules", description = {
    "Prints the load balancer rules of the endpoint freeze: from the moment of the dump until the cut-over, only "
            + "the endpoints on WSO2's allowlist (login, OAuth 2.0/OIDC, SAML2, WS-Federation, second factors, "
            + "XACML) reach the old IS; every other request gets 503. Paste them into the load balancer in front "
            + "of the old IS nodes. Connects to nothing.",
    "Also refused (503): a path with an encoded dot, slash or backslash, or a '/..' segment, which a "
            + "server behind could resolve to an endpoint that is not allowed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            DataSyncLauncher.EXIT_SUCCEEDED + ":the rules were printed",
            DataSyncLauncher.EXIT_USAGE + ":bad usage (an unknown format, an --allow path that is not a plain "
                    + "absolute path); nothing was printed"})
final class FreezeRules implements Callable<Integer> {

    /** WSO2's allowlist, in the order of its tables: login common, OAuth 2.0/OIDC, SAML2, WS-Federation, 2FA, XACML. */
    static final List<String> WSO2_ALLOWLIST = Collections.unmodifiableList(Arrays.asList(
            "/commonauth", "/authenticationendpoint", "/x509certificateauthenticationendpoint",
            "/oauth2/token", "/oauth2/userinfo", "/oauth2/introspect", "/oauth2/revoke", "/oauth2/authorize",
            "/oauth2/jwks", "/oidc/checksession", "/oidc/logout",
            "/samlsso",
            "/passivests",
            "/smsotpauthenticationendpoint", "/totpauthenticationendpoint", "/emailotpauthenticationendpoint",
            "/api/identity/entitlement"));

    /** Paths only: no regex, quote or space characters reach a configuration file. */
    private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    /** Encoded dot, slash or backslash, or a dot-dot segment (also Tomcat's "..;") in the raw path. */
    private static final String ENCODED_OR_DOTDOT = "(%2e|%2f|%5c|/\\.\\.)";

    enum Format { nginx, haproxy, apache }

    @Spec
    private CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "FORMAT",
            description = "nginx, haproxy or apache.")
    private Format format;

    @Option(names = "--allow", paramLabel = "PATH", description = {
        "Also allow this path and everything under it, e.g. /t/example.com/commonauth or /oauth2/oidcdiscovery "
                + "(repeatable). A plain absolute path: letters, digits and . _ ~ - between slashes."})
    private List<String> allow = new ArrayList<>();

    @Override
    public Integer call() {
        Set<String> paths = new LinkedHashSet<>(WSO2_ALLOWLIST);
        for (String path : allow) {
            paths.add(checked(path));
        }
        spec.commandLine().getOut().print(rules(format, paths));
        spec.commandLine().getOut().flush();
        return DataSyncLauncher.EXIT_SUCCEEDED;
    }

    private String checked(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        if (!PLAIN_PATH.matcher(p).matches() || Arrays.asList(p.split("/")).contains("..")
                || Arrays.asList(p.split("/")).contains(".")) {
            throw new ParameterException(spec.commandLine(), "--allow=" + path + ": expected a plain absolute path "
                    + "such as /t/example.com/commonauth (letters, digits and . _ ~ - between slashes, no . or .. "
                    + "segment, not / alone)");
        }
        return p;
    }

    /** The allowed paths as one regular expression: a path, then its end, a sub-path or Tomcat's ';' parameters. */
    static String allowRegex(Set<String> paths) {
        return "^(" + paths.stream().map(p -> p.replace(".", "\\.")).collect(Collectors.joining("|")) + ")(/|;|$)";
    }

    static String rules(Format format, Set<String> paths) {
        String allowed = allowRegex(paths);
        StringBuilder out = new StringBuilder();
        out.append("# is-data-sync freeze-rules --format ").append(format).append(": the endpoint freeze of the "
                + "migration window.\n");
        out.append("# Allowed: WSO2's allowlist (IS 5.9.0 migration guide, zero-downtime migration, step 7)");
        out.append(paths.size() > WSO2_ALLOWLIST.size() ? " and the --allow paths.\n" : ".\n");
        switch (format) {
            case nginx:
                out.append("# Paste into every server { } block that proxies to the old IS nodes, before its location "
                        + "blocks;\n# then: nginx -t && nginx -s reload. Remove at the cut-over.\n");
                out.append("if ($request_uri ~* \"^[^?]*").append(ENCODED_OR_DOTDOT).append("\") {\n"
                        + "    return 503;\n}\n");
                out.append("if ($uri !~ \"").append(allowed).append("\") {\n    return 503;\n}\n");
                break;
            case haproxy:
                out.append("# Paste into the frontend (or backend) section that sends traffic to the old IS nodes;\n"
                        + "# then: haproxy -c -f /etc/haproxy/haproxy.cfg && systemctl reload haproxy. Remove at "
                        + "the cut-over.\n");
                out.append("acl is_freeze_encoded path_reg -i '").append(ENCODED_OR_DOTDOT).append("'\n");
                out.append("acl is_freeze_allowed path_reg '").append(allowed).append("'\n");
                out.append("http-request deny deny_status 503 if is_freeze_encoded || !is_freeze_allowed\n");
                break;
            case apache:
                out.append("# Paste into every <VirtualHost> that proxies to the old IS nodes (needs mod_rewrite: "
                        + "a2enmod rewrite);\n# then: apachectl configtest && apachectl graceful. Remove at the "
                        + "cut-over.\n");
                out.append("RewriteEngine On\n");
                out.append("RewriteCond %{THE_REQUEST} \"^\\S+\\s+[^?\\s]*").append(ENCODED_OR_DOTDOT)
                        .append("\" [NC,OR]\n");
                out.append("RewriteCond %{REQUEST_URI} \"!").append(allowed).append("\"\n");
                out.append("RewriteRule \"^\" \"-\" [R=503,L]\n");
                break;
        }
        return out.toString();
    }
}
