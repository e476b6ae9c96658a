package rnncourse.kernel.magic;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadMagicTest {
    @Test
    void codeCellsOfANotebook() throws Exception {
        String nb = "{\"cells\": [{\"cell_type\": \"markdown\", \"source\": \"# x\"},"
                + "{\"cell_type\": \"code\", \"source\": [\"int a = 1;\\n\", \"a\"]},"
                + "{\"cell_type\": \"code\", \"source\": \"int b = 2;\"}]}";
        assertEquals(List.of("int a = 1;\na", "int b = 2;"), LoadMagic.codeCells(nb, Path.of("x.ipynb")));
    }

    @Test
    void notANotebook() {
        MagicException e = assertThrows(MagicException.class, () -> LoadMagic.codeCells("{\"a\": 1}", Path.of("y.ipynb")));
        assertTrue(e.getMessage().contains("has no 'cells'"), e.getMessage());
    }
}
