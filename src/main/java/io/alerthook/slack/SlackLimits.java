package io.alerthook.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Slack's limits on one message (api.slack.com/reference/block-kit): at most 50 blocks, 3,000 characters in a
 * section's text (150 in a header's, 2,000 in a field or context element), and about 40,000 characters of text
 * in all. Slack rejects a message past them, so alerthook measures before sending and cuts as a last resort.
 */
final class SlackLimits {

    static final int MAX_BLOCKS = 50;
    static final int MAX_SECTION_TEXT = 3000;
    static final int MAX_HEADER_TEXT = 150;
    static final int MAX_ELEMENT_TEXT = 2000;
    static final int MAX_TOTAL_TEXT = 40_000;
    private static final String CUT = "…";

    private SlackLimits() {
    }

    /** Blocks in the message, its own and its attachments'. */
    static int blocks(JsonNode payload) {
        int count = payload.path("blocks").size();
        for (JsonNode attachment : payload.path("attachments")) {
            count += attachment.path("blocks").size();
        }
        return count;
    }

    /** Characters of text in the blocks, plus the message's own {@code text}. */
    static int totalText(JsonNode payload) {
        int[] total = {payload.path("text").asText("").length()};
        eachBlock(payload, block -> textObjects(block).forEach(text -> total[0] += text.get("text").asText().length()));
        return total[0];
    }

    static boolean fits(JsonNode payload) {
        boolean[] textsFit = {true};
        eachBlock(payload, block -> textObjects(block)
                .forEach(text -> textsFit[0] &= text.get("text").asText().length() <= maxText(block)));
        return textsFit[0] && blocks(payload) <= MAX_BLOCKS && totalText(payload) <= MAX_TOTAL_TEXT;
    }

    /** Cuts what is still too long: each block text, then blocks from the end, then the message's own text. */
    static void cut(ObjectNode payload) {
        eachBlock(payload, block -> textObjects(block)
                .forEach(text -> text.put("text", shorten(text.get("text").asText(), maxText(block)))));
        List<ArrayNode> blockLists = new ArrayList<>();
        if (payload.get("blocks") instanceof ArrayNode blocks) {
            blockLists.add(blocks);
        }
        payload.path("attachments").forEach(attachment -> {
            if (attachment.get("blocks") instanceof ArrayNode blocks) {
                blockLists.add(blocks);
            }
        });
        for (int list = blockLists.size() - 1; list >= 0; list--) {
            ArrayNode blocks = blockLists.get(list);
            while (!blocks.isEmpty() && (blocks(payload) > MAX_BLOCKS || totalText(payload) > MAX_TOTAL_TEXT)) {
                blocks.remove(blocks.size() - 1);
            }
        }
        if (payload.path("text").isTextual()) {
            payload.put("text", shorten(payload.get("text").asText(), MAX_TOTAL_TEXT));
        }
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - CUT.length()) + CUT;
    }

    private static int maxText(JsonNode block) {
        return switch (block.path("type").asText()) {
            case "header" -> MAX_HEADER_TEXT;
            case "section" -> MAX_SECTION_TEXT;
            default -> MAX_ELEMENT_TEXT;
        };
    }

    private static void eachBlock(JsonNode payload, Consumer<JsonNode> visitor) {
        payload.path("blocks").forEach(visitor);
        payload.path("attachments").forEach(attachment -> attachment.path("blocks").forEach(visitor));
    }

    /** The text objects ({@code {"type": "mrkdwn", "text": ...}}) of a block: its own, its fields', its elements'. */
    private static List<ObjectNode> textObjects(JsonNode block) {
        List<ObjectNode> texts = new ArrayList<>();
        addTextObject(block.get("text"), texts);
        block.path("fields").forEach(field -> addTextObject(field, texts));
        block.path("elements").forEach(element -> addTextObject(element, texts));
        return texts;
    }

    private static void addTextObject(JsonNode node, List<ObjectNode> texts) {
        if (node instanceof ObjectNode object && object.path("text").isTextual()) {
            texts.add(object);
        }
    }
}
