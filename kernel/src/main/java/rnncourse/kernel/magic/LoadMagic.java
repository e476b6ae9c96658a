package rnncourse.kernel.magic;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import rnncourse.kernel.exec.CellEvaluator;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code %load FILE} runs a {@code .jsh} or {@code .java} file, or the code cells of another
 * notebook ({@code .ipynb}) in order, as if they were typed here.
 */
public final class LoadMagic implements Magic {

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String summary() {
        return "%load FILE.jsh|FILE.java|NOTEBOOK.ipynb: run that code here";
    }

    @Override
    public CellEvaluator.Result run(String args, String body, MagicContext ctx) throws Exception {
        if (args.isBlank()) {
            throw new MagicException("%load needs a file, e.g. '%load helpers.jsh' or '%load 01-basics.ipynb'");
        }
        List<Path> files = Globs.expand(args.strip(), ctx.workingDirectory());
        if (files.isEmpty()) {
            throw new MagicException("%load: no file '" + args.strip() + "' (relative paths start at " + ctx.workingDirectory() + ")");
        }
        CellEvaluator.Result last = CellEvaluator.Result.none();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (file.getFileName().toString().endsWith(".ipynb")) {
                for (String cell : codeCells(text, file)) {
                    last = ctx.runLoaded(cell);
                }
            } else {
                last = ctx.runLoaded(text);
            }
        }
        return last;
    }

    /**
     * @param notebookJson the .ipynb text
     * @param file         for error messages
     * @return the sources of its code cells, in order
     * @throws MagicException if it is not a notebook
     */
    static List<String> codeCells(String notebookJson, Path file) throws MagicException {
        JsonObject nb;
        try {
            nb = new JsonParser().parse(notebookJson).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new MagicException("%load: " + file + " is not a notebook (not JSON: " + e.getMessage() + ")");
        }
        JsonArray cells = nb.has("cells") ? nb.getAsJsonArray("cells") : null;
        if (cells == null) {
            throw new MagicException("%load: " + file + " has no 'cells'; expected an nbformat 4 notebook");
        }
        java.util.ArrayList<String> sources = new java.util.ArrayList<>();
        for (JsonElement element : cells) {
            JsonObject cell = element.getAsJsonObject();
            if (!"code".equals(cell.get("cell_type").getAsString())) {
                continue;
            }
            JsonElement source = cell.get("source");
            if (source == null) {
                continue;
            }
            if (source.isJsonArray()) {
                StringBuilder sb = new StringBuilder();
                source.getAsJsonArray().forEach(line -> sb.append(line.getAsString()));
                sources.add(sb.toString());
            } else {
                sources.add(source.getAsString());
            }
        }
        return sources;
    }
}
