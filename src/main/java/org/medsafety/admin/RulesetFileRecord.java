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

    @Column(nullable = false, columnDefinition = "text")
    public String content;

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
