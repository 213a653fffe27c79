package org.medsafety.admin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.Objects;

/** One file of a stored ruleset version. */
@Entity
@Table(name = "ruleset_file")
@IdClass(RulesetFileRecord.Key.class)
public class RulesetFileRecord extends PanacheEntityBase {

    @Id
    public String version;

    @Id
    public String path;

    /** The file's UTF-8 text, or its bytes in Base64 when {@link #contentEncoding} says so. */
    @Column(nullable = false, columnDefinition = "text")
    public String content;

    /** Null for UTF-8 text; {@value #BASE64} for a file that is not text (the gzipped vocabulary). */
    @Column(name = "content_encoding")
    public String contentEncoding;

    static final String BASE64 = "base64";

    /** Composite key (version, path). */
    public static class Key implements Serializable {
        public String version;
        public String path;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(version, k.version) && Objects.equals(path, k.path);
        }

        @Override
        public int hashCode() {
            return Objects.hash(version, path);
        }
    }
}
