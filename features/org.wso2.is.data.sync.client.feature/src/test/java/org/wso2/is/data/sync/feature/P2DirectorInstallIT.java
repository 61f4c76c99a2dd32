/*
 * Copyright 2026 The is-data-sync authors.
 * Licensed under the Apache License, Version 2.0; see the LICENSE file at the root of this project.
 */
package org.wso2.is.data.sync.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Installs the feature from the p2 repository the build published, with the Equinox p2 director, the way IS's
 * feature manager and carbon-p2-plugin's p2-profile-gen do: into the profile {@code default} of a Carbon
 * layout ({@code repository/components}: {@code plugins/} shared by the profiles, the profile's
 * {@code configuration/} under {@code default/}, p2's data under {@code p2/}).
 *
 * <p>An IS pack's profile already holds the kernel feature the data sync feature requires and the packages its
 * bundle imports. Maven Central has no IS pack, so each profile first gets a stand-in for that part
 * ({@code src/test/resources/kernel-stand-in}), published and installed by the same p2. The director then
 * installs {@code org.wso2.is.data.sync.client.feature.group} from the built repository alone.
 */
class P2DirectorInstallIT {

    private static final String FEATURE_IU = "org.wso2.is.data.sync.client.feature.group";
    private static final String BUNDLE = "org.wso2.is.data.sync.client";
    private static final String KERNEL_IU = "org.wso2.carbon.core.server.feature.group";
    /** Every p2 run here takes 1-3 s; the bound only ends a hung one. */
    private static final long RUN_BOUND_SECONDS = 120;

    private static final Path RUNTIME = Path.of(System.getProperty("p2.runtime"));
    private static final Path REPOSITORY = Path.of(System.getProperty("p2.repository"));
    /** The bundle and feature versions in their OSGi form, as p2 writes them: 1.0.0-SNAPSHOT is 1.0.0.SNAPSHOT. */
    private static final String VERSION = System.getProperty("project.version").replace('-', '.');

    @TempDir
    static Path shared;
    private static Path kernelRepository;

    @BeforeAll
    static void publishTheKernelStandIn() throws Exception {
        Path source = shared.resolve("kernel-source");
        Path feature = Files.createDirectories(source.resolve("features/org.wso2.carbon.core.server_4.5.1"));
        Path plugins = Files.createDirectories(source.resolve("plugins"));
        copyResource("feature.xml", feature.resolve("feature.xml"));
        copyResource("p2.inf", feature.resolve("p2.inf"));
        try (InputStream in = resource("MANIFEST.MF");
             OutputStream out = Files.newOutputStream(plugins.resolve("kernel.stand.in_4.5.1.jar"));
             JarOutputStream jar = new JarOutputStream(out, new Manifest(in))) {
            jar.flush();
        }
        // the real framework and simpleconfigurator bundles, from the p2 runtime: they make p2 write bundles.info
        for (String bundle : List.of("org.eclipse.osgi_", "org.eclipse.equinox.simpleconfigurator_")) {
            Path jar = onlyJar(RUNTIME.resolve("plugins"), bundle);
            Files.copy(jar, plugins.resolve(jar.getFileName()));
        }
        kernelRepository = shared.resolve("kernel-repository");
        Run published = p2(shared.resolve("configuration"),
                "-application", "org.eclipse.equinox.p2.publisher.FeaturesAndBundlesPublisher",
                "-source", source.toString(),
                "-metadataRepository", kernelRepository.toUri().toString(),
                "-artifactRepository", kernelRepository.toUri().toString(),
                "-publishArtifacts");
        assertEquals(0, published.exit, "publishing the kernel stand-in failed:\n" + published.output);
    }

    @Test
    void theDirectorInstallsTheFeatureAndItsBundleIntoAnIsProfileAndRemovesThem(@TempDir Path is) throws Exception {
        Path components = is.resolve("repository/components");
        installTheKernel(is, components);

        Run run = director(is, components, REPOSITORY.toUri().toString(), FEATURE_IU);

        assertEquals(0, run.exit, "the director did not install " + FEATURE_IU + ":\n" + run.output);
        assertTrue(run.output.contains("Installing " + FEATURE_IU + " " + VERSION + "."), run.output);
        Path installed = components.resolve("plugins/" + BUNDLE + "_" + VERSION + ".jar");
        assertTrue(Files.isRegularFile(installed), "no " + installed + " after the install");
        Path published = REPOSITORY.resolve("plugins/" + BUNDLE + "_" + VERSION + ".jar");
        assertEquals(-1L, Files.mismatch(published, installed), "the installed jar is not the published bundle");
        try (JarFile jar = new JarFile(installed.toFile())) {
            assertEquals(BUNDLE, jar.getManifest().getMainAttributes().getValue("Bundle-SymbolicName"));
        }
        assertTrue(Files.isRegularFile(components.resolve("features/" + BUNDLE + "_" + VERSION + "/feature.xml")));
        // what IS's Equinox reads at start: the bundle at start level 4, started, beside the kernel's
        assertTrue(bundlesInfo(components).contains(
                        BUNDLE + "," + VERSION + ",../plugins/" + BUNDLE + "_" + VERSION + ".jar,4,true"),
                "bundles.info does not list the bundle:\n" + String.join("\n", bundlesInfo(components)));
        assertTrue(bundlesInfo(components).contains("kernel.stand.in,4.5.1,../plugins/kernel.stand.in_4.5.1.jar,4,true"));

        Run roots = p2(is.resolve("configuration"), "-application", "org.eclipse.equinox.p2.director",
                "-listInstalledRoots", "-destination", components.resolve("default").toString(), "-profile", "default",
                "-shared", components.resolve("p2").toString());
        assertEquals(0, roots.exit, roots.output);
        assertTrue(roots.output.contains(FEATURE_IU + "/" + VERSION), "the profile's roots:\n" + roots.output);

        // the rollback the operator guide gives: the profile is as the pack had it, the kernel untouched
        Run removed = p2(is.resolve("configuration"), "-application", "org.eclipse.equinox.p2.director",
                "-uninstallIU", FEATURE_IU, "-destination", components.resolve("default").toString(),
                "-profile", "default", "-bundlepool", components.toString(),
                "-shared", components.resolve("p2").toString(),
                "-profileProperties", "org.eclipse.update.install.features=true", "-roaming");
        assertEquals(0, removed.exit, removed.output);
        assertFalse(Files.exists(installed), installed + " is still there after -uninstallIU");
        assertTrue(bundlesInfo(components).stream().noneMatch(line -> line.startsWith(BUNDLE + ",")),
                String.join("\n", bundlesInfo(components)));
        assertTrue(bundlesInfo(components).contains("kernel.stand.in,4.5.1,../plugins/kernel.stand.in_4.5.1.jar,4,true"));
    }

    @Test
    void anUnknownUnitFailsClearlyAndChangesNothing(@TempDir Path is) throws Exception {
        Path components = is.resolve("repository/components");
        installTheKernel(is, components);
        List<String> before = bundlesInfo(components);

        Run run = director(is, components, REPOSITORY.toUri().toString(), FEATURE_IU + "/9.9.9");

        assertEquals(13, run.exit, run.output);
        assertTrue(run.output.contains("The installable unit " + FEATURE_IU + "/9.9.9 has not been found."), run.output);
        assertEquals(before, bundlesInfo(components));
        assertFalse(Files.exists(components.resolve("plugins/" + BUNDLE + "_" + VERSION + ".jar")));
    }

    @Test
    void aProfileWithoutTheKernelIsRefusedAndGetsNothing(@TempDir Path fresh) throws Exception {
        Path components = fresh.resolve("repository/components");

        Run run = director(fresh, components, REPOSITORY.toUri().toString(), FEATURE_IU);

        assertEquals(13, run.exit, run.output);
        assertTrue(run.output.contains(
                "Cannot complete the install because one or more required items could not be found."), run.output);
        assertTrue(run.output.contains("Software being installed: IS data sync - Carbon feature " + VERSION
                + " (" + FEATURE_IU + " " + VERSION + ")"), run.output);
        assertTrue(run.output.contains("Missing requirement: "), run.output);
        assertFalse(Files.exists(components.resolve("plugins/" + BUNDLE + "_" + VERSION + ".jar")));
    }

    /** IS's feature manager lists the features it finds grouped by category, by default. */
    @Test
    void theRepositoryListsTheFeatureInItsCategory() throws Exception {
        Document content;
        try (JarFile jar = new JarFile(REPOSITORY.resolve("content.jar").toFile());
             InputStream xml = jar.getInputStream(jar.getEntry("content.xml"))) {
            content = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml);
        }
        NodeList units = content.getElementsByTagName("unit");
        List<String> categories = new ArrayList<>();
        for (int i = 0; i < units.getLength(); i++) {
            Element unit = (Element) units.item(i);
            if (hasProperty(unit, "org.eclipse.equinox.p2.type.category", "true")
                    && requires(unit, FEATURE_IU)) {
                categories.add(unit.getAttribute("id"));
            }
        }
        assertEquals(List.of("org.wso2.is.data.sync"), categories);
    }

    private static void installTheKernel(Path is, Path components) throws Exception {
        Run run = director(is, components, kernelRepository.toUri().toString(), KERNEL_IU);
        assertEquals(0, run.exit, "installing the kernel stand-in failed:\n" + run.output);
    }

    /** The director's arguments as carbon-p2-plugin's p2-profile-gen gives them for IS's profile "default". */
    private static Run director(Path work, Path components, String repository, String iu) throws Exception {
        return p2(work.resolve("configuration"),
                "-application", "org.eclipse.equinox.p2.director",
                "-repository", repository,
                "-installIU", iu,
                "-destination", components.resolve("default").toString(),
                "-profile", "default",
                "-bundlepool", components.toString(),
                "-shared", components.resolve("p2").toString(),
                "-profileProperties", "org.eclipse.update.install.features=true",
                "-roaming");
    }

    /** One p2 application in a JVM of its own, from the runtime the build published with. */
    private static Run p2(Path configuration, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Equinox 3.11 opens URLClassLoader.addURL at start, which Java 16+ refuses unless java.net is open
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "-jar", onlyJar(RUNTIME.resolve("plugins"), "org.eclipse.equinox.launcher_").toString(),
                "-nosplash", "-configuration", configuration.toString()));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile(shared, "p2-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(RUN_BOUND_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail("p2 did not end within " + RUN_BOUND_SECONDS + " s: " + command + "\n" + Files.readString(log));
        }
        return new Run(process.exitValue(), Files.readString(log));
    }

    private static List<String> bundlesInfo(Path components) throws IOException {
        return Files.readAllLines(components.resolve(
                "default/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"), StandardCharsets.UTF_8);
    }

    private static Path onlyJar(Path directory, String prefix) throws IOException {
        try (Stream<Path> jars = Files.list(directory)) {
            List<Path> found = jars.filter(p -> p.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, found.size(), "expected one " + prefix + "*.jar in " + directory + ": " + found);
            return found.get(0);
        }
    }

    private static boolean hasProperty(Element unit, String name, String value) {
        NodeList properties = unit.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (name.equals(property.getAttribute("name")) && value.equals(property.getAttribute("value"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean requires(Element unit, String iu) {
        NodeList required = unit.getElementsByTagName("required");
        for (int i = 0; i < required.getLength(); i++) {
            if (iu.equals(((Element) required.item(i)).getAttribute("name"))) {
                return true;
            }
        }
        return false;
    }

    private static InputStream resource(String name) {
        InputStream in = P2DirectorInstallIT.class.getResourceAsStream("/kernel-stand-in/" + name);
        if (in == null) {
            throw new IllegalStateException("no kernel-stand-in/" + name + " on the test class path");
        }
        return in;
    }

    private static void copyResource(String name, Path target) throws IOException {
        try (InputStream in = resource(name)) {
            Files.copy(in, target);
        }
    }

    private record Run(int exit, String output) {
    }
}
