package org.medsafety.security;

import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;
import org.medsafety.admin.AdminResource;
import org.medsafety.admin.AuditPurgeResource;
import org.medsafety.admin.TuningResource;
import org.medsafety.audit.AuditResource;
import org.medsafety.cdshooks.CdsHooksResource;

import static org.assertj.core.api.Assertions.assertThat;

/** The rule for state-changing admin requests, without a server. */
class AdminWriteGuardTest {

    @Test
    void whatABrowserSendsCrossSiteWithoutAPreflightIsRefused() {
        assertThat(AdminWriteGuard.refusal("POST", "application/x-www-form-urlencoded", null, null)).isPresent();
        assertThat(AdminWriteGuard.refusal("POST", "multipart/form-data; boundary=x", null, null)).isPresent();
        assertThat(AdminWriteGuard.refusal("POST", "text/plain;charset=UTF-8", null, null)).isPresent();
        assertThat(AdminWriteGuard.refusal("POST", null, null, null)).isPresent();
        assertThat(AdminWriteGuard.refusal("DELETE", null, null, null)).isPresent();
        assertThat(AdminWriteGuard.refusal("PUT", "garbage", null, null)).isPresent();
    }

    @Test
    void aNonFormBodyOrTheHeaderIsEnough() {
        assertThat(AdminWriteGuard.refusal("POST", "application/json; charset=utf-8", null, null)).isEmpty();
        assertThat(AdminWriteGuard.refusal("POST", "Application/ZIP", null, null)).isEmpty();
        assertThat(AdminWriteGuard.refusal("POST", "application/octet-stream", null, null)).isEmpty();
        assertThat(AdminWriteGuard.refusal("POST", "application/x-www-form-urlencoded", "curl", null)).isEmpty();
        assertThat(AdminWriteGuard.refusal("DELETE", null, "", "same-origin")).isEmpty();
    }

    @Test
    void aRequestTheBrowserMarksCrossSiteIsRefusedWhateverItCarries() {
        assertThat(AdminWriteGuard.refusal("POST", "application/json", "x", "cross-site")).isPresent();
        assertThat(AdminWriteGuard.refusal("POST", "application/json", "x", "same-site")).isEmpty();
    }

    @Test
    void readsAreNeverRefused() {
        assertThat(AdminWriteGuard.refusal("GET", null, null, "cross-site")).isEmpty();
        assertThat(AdminWriteGuard.refusal("HEAD", "text/plain", null, null)).isEmpty();
    }

    @Path("admin-like")
    static class NotAdmin {
    }

    @Test
    void theRuleCoversEveryResourceUnderAdminAndNothingElse() {
        assertThat(AdminWriteGuard.isAdmin(AdminResource.class)).isTrue();
        assertThat(AdminWriteGuard.isAdmin(TuningResource.class)).isTrue();
        assertThat(AdminWriteGuard.isAdmin(AuditPurgeResource.class)).isTrue();
        assertThat(AdminWriteGuard.isAdmin(AuditResource.class)).isFalse();
        assertThat(AdminWriteGuard.isAdmin(CdsHooksResource.class)).isFalse();
        assertThat(AdminWriteGuard.isAdmin(NotAdmin.class)).isFalse();
        assertThat(AdminWriteGuard.isAdmin(String.class)).isFalse();
    }
}
