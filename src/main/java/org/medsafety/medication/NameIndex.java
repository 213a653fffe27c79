package org.medsafety.medication;

import org.medsafety.knowledge.Ingredient;

import java.util.HashMap;
import java.util.Map;

/**
 * Ingredient and brand names as a tree of words, so that finding the longest name starting at a word of an order's
 * text is one hash read per word, with nothing allocated: thousands of names cost no more than ten. Filled once
 * while a ruleset loads, then only read (safely shared by every request).
 */
final class NameIndex {

    /** What a name stands for: an ingredient, or a brand (its ingredients, read from its products' names). */
    record Named(Ingredient ingredient, ResolvedMedication brand) {

        boolean isBrand() {
            return brand != null;
        }
    }

    private static final class Node {
        Map<String, Node> next;
        Named named;
    }

    private final Node root = new Node();

    /** Adds a name unless it is already there: the first source to name something wins. */
    void putIfAbsent(String name, Named named) {
        String[] words = MedicationWords.words(name);
        if (words.length == 0) {
            return;
        }
        Node node = root;
        for (String word : words) {
            if (node.next == null) {
                node.next = new HashMap<>(4);
            }
            node = node.next.computeIfAbsent(word, w -> new Node());
        }
        if (node.named == null) {
            node.named = named;
        }
    }

    /** The end (exclusive) of the longest name starting at {@code from}, or -1; {@link #named} then reads it. */
    int longest(String[] words, int from, int to) {
        Node node = root;
        int end = -1;
        for (int i = from; i < to && node.next != null; i++) {
            node = node.next.get(words[i]);
            if (node == null) {
                break;
            }
            if (node.named != null) {
                end = i + 1;
            }
        }
        return end;
    }

    /** What the words {@code from}..{@code end} name (a range {@link #longest} returned). */
    Named named(String[] words, int from, int end) {
        Node node = root;
        for (int i = from; i < end; i++) {
            node = node.next.get(words[i]);
        }
        return node.named;
    }
}
