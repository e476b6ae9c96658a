package rnncourse.kernel.startup;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelSettingsTest {

    @Test
    void timeoutUnits() {
        assertEquals(-1, KernelSettings.parseTimeout(null));
        assertEquals(-1, KernelSettings.parseTimeout(" "));
        assertEquals(-1, KernelSettings.parseTimeout("-1"));
        assertEquals(-1, KernelSettings.parseTimeout("0"));
        assertEquals(1500, KernelSettings.parseTimeout("1500"));
        assertEquals(250, KernelSettings.parseTimeout("250ms"));
        assertEquals(30_000, KernelSettings.parseTimeout("30s"));
        assertEquals(120_000, KernelSettings.parseTimeout("2 MINUTES"));
        assertEquals(3_600_000, KernelSettings.parseTimeout("1h"));
        assertEquals(1_500, KernelSettings.parseTimeout("1.5 seconds"));
    }

    @Test
    void malformedTimeoutNamesTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelSettings.parseTimeout("soon"));
        assertTrue(e.getMessage().contains("IJAVA_TIMEOUT"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KernelSettings.parseTimeout("5 fortnights"));
        assertTrue(e.getMessage().contains("fortnights"), e.getMessage());
    }

    @Test
    void readsIJavaVariables() {
        KernelSettings s = KernelSettings.fromEnvironment(Map.of(
                "IJAVA_CLASSPATH", "a.jar" + File.pathSeparator + " lib/*.jar " + File.pathSeparator,
                "IJAVA_COMPILER_OPTS", "  -Xlint:all   -g ",
                "IJAVA_TIMEOUT", "10s",
                "IJAVA_STARTUP_SCRIPT", "int x = 1;"));
        assertEquals(List.of("a.jar", "lib/*.jar"), s.classpath());
        assertEquals(List.of("-Xlint:all", "-g"), s.compilerOptions());
        assertEquals(10_000, s.timeoutMs());
        assertEquals("int x = 1;", s.startupScript());
        assertEquals(List.of(), s.startupScriptPaths());
    }
}
