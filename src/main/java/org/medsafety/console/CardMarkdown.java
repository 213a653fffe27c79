package org.medsafety.console;

import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import java.util.List;

/**
 * A card's {@code detail} is GitHub-flavoured Markdown (CDS Hooks 2.0); the console renders it as an EHR does. Raw
 * HTML in it is escaped, never passed through, and links other than http(s) and mailto are dropped: the text is
 * data from the rules and knowledge tables, and from a pasted request on "Try it".
 */
final class CardMarkdown {

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().extensions(EXTENSIONS)
            .escapeHtml(true).sanitizeUrls(true).build();

    private CardMarkdown() {
    }

    static String html(String markdown) {
        return markdown == null ? null : RENDERER.render(PARSER.parse(markdown));
    }
}
