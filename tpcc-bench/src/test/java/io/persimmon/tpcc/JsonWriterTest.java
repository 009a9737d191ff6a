package io.persimmon.tpcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void shouldWriteNestedObjectsArraysAndEscapedStrings() {
        String json = new JsonWriter().beginObject()
                .name("text").value("quote \" backslash \\ newline \n tab \t bell \u0007")
                .name("count").value(42L)
                .name("ratio").value(1.23456)
                .name("nan").value(Double.NaN)
                .name("missing").value((String) null)
                .name("flag").value(Boolean.TRUE)
                .name("list").beginArray().value(1L).value(2L).beginObject().endObject().endArray()
                .name("empty").beginArray().endArray()
                .endObject().toString();
        Map<String, Object> parsed = TinyJson.object(TinyJson.parse(json));
        assertEquals("quote \" backslash \\ newline \n tab \t bell \u0007", parsed.get("text"));
        assertEquals(42.0, parsed.get("count"));
        assertEquals(1.235, parsed.get("ratio"));
        assertNull(parsed.get("nan"));
        assertNull(parsed.get("missing"));
        assertEquals(Boolean.TRUE, parsed.get("flag"));
        assertEquals(List.of(1.0, 2.0, Map.of()), parsed.get("list"));
        assertEquals(List.of(), parsed.get("empty"));
    }

    @Test
    void shouldRefuseMalformedDocuments() {
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value(1L));
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toString());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().endObject());
        assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
    }

    @Test
    void shouldSummarizeConsistencyFailuresByCondition() {
        assertEquals("passed", new ConsistencyResult(List.of()).summary());
        ConsistencyResult failed = new ConsistencyResult(List.of("condition 2 (x) in district 1/3", "condition 4 (y)",
                "condition 4 (z)", "condition 4 (w)"));
        assertEquals("failed: condition 2 (x) in district 1/3; condition 4 (y); condition 4 (z); and 1 more",
                failed.summary());
    }
}
