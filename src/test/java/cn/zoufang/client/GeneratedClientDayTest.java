package cn.zoufang.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.security.MessageDigest;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import cn.zoufang.client.api.AuthApi;
import cn.zoufang.client.api.EvidenceApi;
import cn.zoufang.client.api.LedgerApi;
import cn.zoufang.client.api.NotifyApi;
import cn.zoufang.client.api.SyncApi;
import cn.zoufang.client.api.VisitsApi;
import cn.zoufang.client.model.CheckIn;
import cn.zoufang.client.model.CheckOut;
import cn.zoufang.client.model.Completion;
import cn.zoufang.client.model.Confirmation;
import cn.zoufang.client.model.DeviceInput;
import cn.zoufang.client.model.EnterpriseView;
import cn.zoufang.client.model.IssueConfirm;
import cn.zoufang.client.model.IssueForward;
import cn.zoufang.client.model.IssueNote;
import cn.zoufang.client.model.IssueRespond;
import cn.zoufang.client.model.IssueView;
import cn.zoufang.client.model.LocationSource;
import cn.zoufang.client.model.LoginRequest;
import cn.zoufang.client.model.NewIssue;
import cn.zoufang.client.model.NewUpload;
import cn.zoufang.client.model.NewVisit;
import cn.zoufang.client.model.PhotoView;
import cn.zoufang.client.model.SyncPage;
import cn.zoufang.client.model.TimelineEntry;
import cn.zoufang.client.model.UploadSlot;
import cn.zoufang.client.model.VisitKind;
import cn.zoufang.client.model.VisitView;
import cn.zoufang.demo.DemoData;
import cn.zoufang.evidence.TestPhotos;
import cn.zoufang.testsupport.TestClock;
import cn.zoufang.testsupport.Visits;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An official's and an enterprise contact's whole day, driven only through the Java client that the
 * build generates from api-spec/openapi.yaml: if the spec cannot express something the apps need, this
 * does not compile or does not pass.
 */
@QuarkusTest
class GeneratedClientDayTest {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @TestHTTPResource("/")
    URL base;

    /** A client logged in as {@code phone}, sending the app's version as the apps do. */
    private ApiClient as(String phone) throws ApiException {
        ApiClient anonymous = new ApiClient();
        anonymous.updateBaseUri(base.toString().replaceAll("/$", ""));
        String token = new AuthApi(anonymous).login(new LoginRequest().phone(phone).password(cn.zoufang.testsupport.ApiTest.PASSWORD))
                .getAccessToken();
        ApiClient client = new ApiClient();
        client.updateBaseUri(base.toString().replaceAll("/$", ""));
        client.setRequestInterceptor(r -> r.header("Authorization", "Bearer " + token).header("X-App-Version", "1.4.0"));
        return client;
    }

    private static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    @Test
    void anOfficialsDay() throws Exception {
        ApiClient official = as(DemoData.OFFICIAL_1);
        SyncApi sync = new SyncApi(official);
        VisitsApi visits = new VisitsApi(official);
        LedgerApi ledger = new LedgerApi(official);

        // Morning: the phone registers for pushes and takes the whole scope.
        new NotifyApi(official).registerDevice(UUID.randomUUID(), new DeviceInput().token("day-" + UUID.randomUUID())
                .platform(DeviceInput.PlatformEnum.HARMONY).appVersion("1.4.0").locale("zh-CN"));
        SyncPage snapshot = sync.sync(null, 1000);
        assertTrue(snapshot.getFull());
        EnterpriseView site = snapshot.getEnterprises().stream().filter(e -> e.getName().startsWith("欧菲光"))
                .findFirst().orElseThrow();

        // The visit: planned, checked in on site, a photo, an issue found, checked out, completed.
        UUID visitId = UUID.randomUUID();
        VisitView visit = visits.createVisit(new NewVisit().id(visitId).enterpriseId(site.getId()).kind(VisitKind.REGULAR)
                .plannedDate(TestClock.today()).purpose("了解用电扩容进展"), key());
        visit = visits.checkInVisit(visitId, etag(visit.getVersion()), new CheckIn().latitude(Visits.SITE_LAT)
                .longitude(Visits.SITE_LNG).accuracyMeters(8.0).deviceTime(TestClock.now()).source(LocationSource.GPS), key());
        assertEquals("ON_SITE", visit.getCheckInVerdict().getValue());

        EvidenceApi evidence = new EvidenceApi(official);
        byte[] photo = TestPhotos.jpegWithExif(Visits.SITE_LAT, Visits.SITE_LNG, TestClock.chinaNow());
        UploadSlot slot = evidence.requestPhotoUpload(visitId, new NewUpload().contentType(NewUpload.ContentTypeEnum.IMAGE_JPEG)
                .sizeBytes((long) photo.length), key());
        assertEquals(204, TestPhotos.post(slot.getUploadUrl(), slot.getFields(), photo).statusCode());
        PhotoView confirmed = evidence.confirmPhoto(slot.getPhoto().getId(), new Confirmation()
                .sha256(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(photo))), key());
        assertEquals("ACCEPTED", confirmed.getStatus().getValue());

        UUID issueId = UUID.randomUUID();
        IssueView issue = ledger.registerIssue(new NewIssue().id(issueId).enterpriseId(site.getId()).category("UTILITIES")
                .title("扩容后电压不稳").description("新线路投运后夜间电压波动").visitId(visitId), key());
        assertEquals("VISIT", issue.getSource().getValue());

        visit = visits.checkOutVisit(visitId, etag(visit.getVersion()), new CheckOut().deviceTime(TestClock.now()), key());
        visit = visits.completeVisit(visitId, etag(visit.getVersion()), new Completion().findings("企业生产正常；用电问题已登记")
                .needs("协调供电公司"), key());
        assertEquals("COMPLETED", visit.getStatus().getValue());

        // A retried create (the answer was lost) gives the same visit, not a second one.
        VisitView again = visits.createVisit(new NewVisit().id(visitId).enterpriseId(site.getId()).kind(VisitKind.REGULAR)
                .plannedDate(TestClock.today()).purpose("了解用电扩容进展"), key());
        assertEquals(visit.getVersion(), again.getVersion());
        // A stale step is refused with 412.
        ApiException stale = assertThrows(ApiException.class, () -> new VisitsApi(official).cancelVisit(visitId, etag(0),
                new cn.zoufang.client.model.Cancellation().reason("误建"), key()));
        assertEquals(412, stale.getCode());

        // Evening: the delta has the day's visit and issue with its timeline.
        SyncPage evening = sync.sync(snapshot.getCursor(), 1000);
        assertFalse(evening.getFull());
        assertTrue(evening.getVisits().stream().anyMatch(v -> v.getId().equals(visitId)));
        assertTrue(evening.getIssues().stream().anyMatch(i -> i.getIssue().getId().equals(issueId)
                && !i.getTimeline().isEmpty()));
        assertTrue(new EvidenceApi(official).listVisitPhotos(visitId).size() >= 1);
    }

    @Test
    void anEnterpriseContactsDay() throws Exception {
        ApiClient contact = as(DemoData.CONTACT_1);
        SyncPage mine = new SyncApi(contact).sync(null, 1000);
        assertEquals(1, mine.getEnterprises().size(), "the contact's own enterprise only");
        UUID enterprise = mine.getEnterprises().get(0).getId();

        UUID issueId = UUID.randomUUID();
        IssueView issue = new LedgerApi(contact).registerIssue(new NewIssue().id(issueId).enterpriseId(enterprise)
                .category("TALENT").title("招工难").description("普工缺口 80 人"), key());
        assertEquals("ENTERPRISE", issue.getSource().getValue());

        // The government side works it, each with the same generated client.
        ApiClient desk = as(DemoData.DESK);
        UUID economy = new cn.zoufang.client.api.DirectoryApi(desk).listDepartments(null, 100).getItems().stream()
                .filter(d -> d.getName().equals("区经发局")).findFirst().orElseThrow().getId();
        issue = new LedgerApi(desk).forwardIssue(issueId, etag(issue.getVersion()), new IssueForward().leadDepartmentId(economy),
                key());
        ApiClient department = as(DemoData.DEPARTMENT);
        issue = new LedgerApi(department).acceptIssue(issueId, etag(issue.getVersion()), new IssueNote().note("已签收"), key());
        issue = new LedgerApi(department).respondIssue(issueId, etag(issue.getVersion()), new IssueRespond()
                .response("已对接人社局专场招聘会").resolution(IssueRespond.ResolutionEnum.RESOLVED), key());

        // The contact hears of it, sees the answer but no internal note, rates it, and sees it closed.
        assertTrue(new NotifyApi(contact).inbox(null, 50).getItems().stream()
                .anyMatch(n -> n.getObjectId().equals(issueId) && n.getType().getValue().equals("ISSUE_ANSWERED")));
        LedgerApi ledger = new LedgerApi(contact);
        for (TimelineEntry step : ledger.issueTimeline(issueId)) {
            if (step.getAction().getValue().equals("ACCEPT")) {
                assertNull(step.getText(), "an internal note reached the enterprise");
                assertNull(step.getActor());
            }
        }
        issue = ledger.confirmIssue(issueId, etag(issue.getVersion()), new IssueConfirm().satisfied(true).rating(5)
                .comment("很及时"), key());
        issue = new LedgerApi(desk).closeOutIssue(issueId, etag(issue.getVersion()), new IssueNote().note("销号"), key());
        SyncPage later = new SyncApi(contact).sync(mine.getCursor(), 1000);
        assertTrue(later.getIssues().stream().anyMatch(i -> i.getIssue().getId().equals(issueId)
                && i.getIssue().getStatus().getValue().equals("CLOSED")));
    }
}
