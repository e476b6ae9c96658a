package rnncourse.kernel.magic;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CellParserTest {

    @Test
    void plainCodeIsOnePart() {
        assertEquals(List.of(new CellPart.Code("int a = 1;\na\n", 1)), CellParser.parse("int a = 1;\na"));
    }

    @Test
    void leadingBlankLinesMoveTheStartLine() {
        assertEquals(List.of(new CellPart.Code("x\n", 3)), CellParser.parse("\n  \nx"));
    }

    @Test
    void lineMagicsSplitCode() {
        List<CellPart> parts = CellParser.parse("int a = 1;\n%maven g:a:1  \n  %time a + 1\nb");
        assertEquals(List.of(
                new CellPart.Code("int a = 1;\n", 1),
                new CellPart.LineMagic("maven", "g:a:1", 2),
                new CellPart.LineMagic("time", "a + 1", 3),
                new CellPart.Code("b\n", 4)), parts);
    }

    @Test
    void cellMagicTakesTheRest() {
        List<CellPart> parts = CellParser.parse("\n%%time  quick\nint a = 1;\n%jars x.jar");
        assertEquals(List.of(new CellPart.CellMagic("time", "quick", "int a = 1;\n%jars x.jar", 3)), parts);
    }

    @Test
    void percentLinesInsideTextBlocksAreText() {
        String cell = "String s = \"\"\"\n%d items\n\"\"\";\n%time 1";
        List<CellPart> parts = CellParser.parse(cell);
        assertEquals(2, parts.size());
        assertEquals(new CellPart.Code("String s = \"\"\"\n%d items\n\"\"\";\n", 1), parts.get(0));
        assertEquals(new CellPart.LineMagic("time", "1", 4), parts.get(1));
    }

    @Test
    void moduloIsNotAMagic() {
        assertEquals(1, CellParser.parse("int r = 7\n% 3;").size());
    }
}
