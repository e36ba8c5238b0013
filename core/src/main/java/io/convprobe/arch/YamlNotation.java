package io.convprobe.arch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

/** The YAML notation: {@link JsonNotation}'s tree written as YAML (no document marker, minimal quotes). */
final class YamlNotation {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private YamlNotation() {}

    static String format(ArchSpec spec) {
        try {
            return YAML.writeValueAsString(JsonNotation.toTree(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static ArchSpec parse(String text) {
        try {
            return JsonNotation.fromTree(YAML.readTree(text));
        } catch (JsonProcessingException e) {
            throw new SpecException("spec YAML is malformed: " + e.getOriginalMessage());
        }
    }
}
