//! One conformance suite for every backend: SQLite always, PostgreSQL when
//! `LUREWATCH_TEST_POSTGRES` holds a URL (CI sets it; the suite says when it is skipped).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::sync::atomic::{AtomicUsize, Ordering};

use lurewatch_core::{ParseOptions, parse_bytes};
use lurewatch_detect::Detector;
use lurewatch_link::{LinkParams, decide, signature};
use lurewatch_store::{Backend, NewReport, SqlStore, Store};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A temporary folder for a test's SQLite stores (each with its WAL files), removed with it.
fn store_folder() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("lurewatch-store-")
        .tempdir()
        .unwrap()
}

/// A new SQLite store's path inside `folder`.
fn sqlite_path(folder: &tempfile::TempDir) -> String {
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    folder.path().join(format!("{n}.db")).display().to_string()
}

async fn fresh_postgres(url: &str) -> SqlStore {
    // Start from an empty schema: the test database is the suite's own.
    let store = SqlStore::open(url).await.unwrap();
    store.reset_for_tests().await.unwrap();
    store.close().await;
    SqlStore::open(url).await.unwrap()
}

fn report(file: &str, text: &str, reporter: &str) -> NewReport {
    let detector = Detector::with_embedded_rules("GB").unwrap();
    let conversation = parse_bytes(file, text.as_bytes(), &ParseOptions::default())
        .unwrap()
        .remove(0);
    let analysis = detector.analyze(&conversation);
    let signature = signature(&conversation, &analysis.indicators, analysis.verdict);
    NewReport {
        file_name: file.to_owned(),
        part: String::new(),
        reporter: reporter.to_owned(),
        content_hash: hex::encode(<sha2::Sha256 as sha2::Digest>::digest(text.as_bytes())),
        file_sha256: hex::encode(<sha2::Sha256 as sha2::Digest>::digest(text.as_bytes())),
        original: text.as_bytes().into(),
        conversation,
        verdict: analysis.verdict,
        score: analysis.score,
        indicators: analysis.indicators,
        analysis_json: "{}".to_owned(),
        signature,
    }
}

fn decide_default(
    s: &lurewatch_core::Signature,
    c: &[lurewatch_core::Candidate],
    counts: &dyn Fn(lurewatch_core::IndicatorKind, &str) -> usize,
) -> Vec<lurewatch_core::Edge> {
    decide(s, c, counts, &LinkParams::default())
}

const CHARLIE: &str = "12/12/2023, 21:14 - +44 7700 900123: Long time no speak! It's Charlie from the party conference x\n12/12/2023, 21:20 - Sam: who is this?\n12/12/2023, 21:30 - +44 7700 900123: Want to see something that might brighten your evening?\n";
const ABI: &str = "14/01/2024, 20:02 - +44 7700 900417: Hi! Abi here, message me on my other number 07700 900123\n14/01/2024, 21:15 - Alex: which reception?\n";
const OTHER: &str = "02/02/2024, 10:00 - +44 7700 900555: Your parcel is held, pay the fee at royalmail-redelivery.info\n";
const BRIDGE: &str = "03/02/2024, 10:00 - +44 7700 900999: Pay the fee at royalmail-redelivery.info or call 07700 900417\n";
const FRIEND: &str =
    "01/03/2024, 10:00 - Jamie Rivera: Running late, sorry!\n01/03/2024, 10:05 - Sam: no worries\n";

/// The suite: every check against one freshly created store.
async fn conformance(store: &SqlStore, reopen: impl AsyncFn() -> SqlStore) {
    // Storing, and recognising the same export again.
    let first = store
        .ingest(report("charlie.txt", CHARLIE, "sam"), &decide_default)
        .await
        .unwrap();
    assert!(!first.duplicate);
    let first_campaign = first.campaign.expect("a stranger's report is linkable");
    let again = store
        .ingest(report("charlie-copy.txt", CHARLIE, "sam"), &decide_default)
        .await
        .unwrap();
    assert!(again.duplicate);
    assert_eq!(again.id, first.id);
    assert_eq!(store.report_count().await.unwrap(), 1);

    // A number announced in one chat that sends another links them, with the reason.
    let abi = store
        .ingest(report("abi.txt", ABI, "alex"), &decide_default)
        .await
        .unwrap();
    assert_eq!(abi.campaign, Some(first_campaign));
    assert!(
        abi.edges
            .iter()
            .flat_map(|e| &e.reasons)
            .any(|r| r == "same number +447700900123"),
        "{:?}",
        abi.edges
    );

    // An unrelated actor starts a campaign of its own; a report that bridges the two merges
    // them into the older campaign, whose id survives.
    let other = store
        .ingest(report("parcel.txt", OTHER, "kim"), &decide_default)
        .await
        .unwrap();
    assert_ne!(other.campaign, Some(first_campaign));
    let bridge = store
        .ingest(report("bridge.txt", BRIDGE, "lee"), &decide_default)
        .await
        .unwrap();
    assert_eq!(bridge.campaign, Some(first_campaign));

    // A saved contact's ordinary chat is stored but never joins a campaign.
    let friend = store
        .ingest(report("friend.txt", FRIEND, "sam"), &decide_default)
        .await
        .unwrap();
    assert_eq!(friend.campaign, None);

    let campaigns = store.campaigns(2).await.unwrap();
    assert_eq!(campaigns.len(), 1, "{campaigns:#?}");
    let c = &campaigns[0];
    assert_eq!(c.id, first_campaign);
    let files: Vec<&str> = c.reports.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(
        files,
        vec!["charlie.txt", "abi.txt", "parcel.txt", "bridge.txt"]
    );
    assert!(
        c.indicators
            .contains(&("phone".to_owned(), "+447700900123".to_owned())),
        "{:?}",
        c.indicators
    );
    assert!(
        c.indicators
            .contains(&("persona".to_owned(), "Charlie".to_owned())),
        "{:?}",
        c.indicators
    );
    assert!(
        c.reasons
            .iter()
            .any(|r| r == "same domain royalmail-redelivery.info"),
        "{:?}",
        c.reasons
    );
    assert!(
        c.reasons.iter().any(|r| r == "same number +447700900417"),
        "{:?}",
        c.reasons
    );
    assert_eq!(c.first_seen.as_deref(), Some("2023-12-12T21:14:00"));
    assert_eq!(c.last_seen.as_deref(), Some("2024-02-03T10:00:00"));
    assert!(c.score > 0.7 && c.score <= 1.0, "{}", c.score);

    // What was committed is there for the next process.
    store.close().await;
    let reopened = reopen().await;
    assert_eq!(reopened.report_count().await.unwrap(), 5);
    assert_eq!(reopened.campaigns(2).await.unwrap(), campaigns);
    reopened.close().await;
}

/// The suite's reports, in arrival order.
fn arrivals() -> Vec<NewReport> {
    vec![
        report("charlie.txt", CHARLIE, "sam"),
        report("charlie-copy.txt", CHARLIE, "sam"),
        report("abi.txt", ABI, "alex"),
        report("parcel.txt", OTHER, "kim"),
        report("bridge.txt", BRIDGE, "lee"),
        report("friend.txt", FRIEND, "sam"),
    ]
}

/// A batch ends exactly where the same reports one by one end: same campaigns, ids, links
/// and reasons; a copy inside the batch is a duplicate; a file with several conversations is
/// stored once and each of its reports gives it back.
async fn batch_matches_one_by_one(fresh: impl AsyncFn() -> SqlStore) {
    let store = fresh().await;
    for r in arrivals() {
        store.ingest(r, &decide_default).await.unwrap();
    }
    let one_by_one = store.campaigns(1).await.unwrap();
    store.close().await;

    let store = fresh().await;
    let batch = store
        .ingest_batch(&arrivals(), &decide_default)
        .await
        .unwrap();
    let duplicates: Vec<bool> = batch.iter().map(|i| i.duplicate).collect();
    assert_eq!(duplicates, vec![false, true, false, false, false, false]);
    assert_eq!(batch[1].id, batch[0].id);
    assert_eq!(
        batch[0].campaign, batch[4].campaign,
        "the bridge merged them"
    );
    assert_eq!(batch[3].campaign, batch[0].campaign);
    assert_eq!(batch[5].campaign, None);
    assert_eq!(store.campaigns(1).await.unwrap(), one_by_one);

    // One mailbox, two conversations: two reports, one stored file.
    let mailbox = b"the whole mailbox".to_vec();
    let parts: Vec<NewReport> = ["thread-1", "thread-2"]
        .iter()
        .map(|part| {
            let mut r = report(&format!("{part}.txt"), &format!("{CHARLIE}{part}\n"), "sam");
            r.part = (*part).to_owned();
            r.file_sha256 = "ab".repeat(32);
            r.original = mailbox.as_slice().into();
            r
        })
        .collect();
    let stored = store.ingest_batch(&parts, &decide_default).await.unwrap();
    for ingested in &stored {
        assert_eq!(
            store.original(ingested.id).await.unwrap(),
            Some(mailbox.clone())
        );
    }
    assert_eq!(
        store.original(batch[0].id).await.unwrap().as_deref(),
        Some(CHARLIE.as_bytes())
    );
    assert_eq!(
        store
            .original(lurewatch_store::ReportId(999_999))
            .await
            .unwrap(),
        None
    );
    store.close().await;
}

/// Analysts merge and split; a split stays split when a later report links to both parts;
/// bad requests are refused with a reason and change nothing.
async fn analyst_decisions(store: SqlStore) {
    let ingest = async |file: &str, text: &str| {
        store
            .ingest(report(file, text, "sam"), &decide_default)
            .await
            .unwrap()
    };
    let charlie = ingest("charlie.txt", CHARLIE).await;
    let abi = ingest("abi.txt", ABI).await;
    let parcel = ingest("parcel.txt", OTHER).await;
    let (a, b) = (charlie.campaign.unwrap(), parcel.campaign.unwrap());
    assert_eq!(abi.campaign, Some(a));
    assert_ne!(a, b);

    let kept = store
        .merge_campaigns(b, a, "kim", "same actor per OSINT")
        .await
        .unwrap();
    assert_eq!(kept, a.min(b), "the older id survives");
    assert_eq!(store.campaigns(1).await.unwrap().len(), 1);
    let gone = a.max(b);
    let error = store
        .merge_campaigns(gone, kept, "kim", "")
        .await
        .unwrap_err();
    assert!(error.to_string().contains("was merged into"), "{error}");

    let error = store
        .split_campaign(kept, &[charlie.id, abi.id, parcel.id], "kim", "")
        .await
        .unwrap_err();
    assert!(error.to_string().contains("leave at least one"), "{error}");
    let error = store
        .split_campaign(kept, &[lurewatch_store::ReportId(999)], "kim", "")
        .await
        .unwrap_err();
    assert!(error.to_string().contains("not in campaign"), "{error}");

    let split = store
        .split_campaign(kept, &[parcel.id], "kim", "different kit")
        .await
        .unwrap();
    assert_eq!(store.campaigns(1).await.unwrap().len(), 2);

    // Links to the parcel report (domain) and to Abi's (number): joins the older part only.
    let bridge = ingest("bridge.txt", BRIDGE).await;
    assert_eq!(bridge.campaign, Some(kept));
    let campaigns = store.campaigns(1).await.unwrap();
    assert_eq!(campaigns.len(), 2, "{campaigns:#?}");
    assert!(
        campaigns
            .iter()
            .any(|c| c.id == split && c.reports.len() == 1)
    );
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_analyst_decisions() {
    let folder = store_folder();
    analyst_decisions(SqlStore::open(&sqlite_path(&folder)).await.unwrap()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_batch_matches_one_by_one() {
    let folder = store_folder();
    batch_matches_one_by_one(async || SqlStore::open(&sqlite_path(&folder)).await.unwrap()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_conformance() {
    let folder = store_folder();
    let path = sqlite_path(&folder);
    let store = SqlStore::open(&path).await.unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    conformance(&store, async || SqlStore::open(&path).await.unwrap()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_conformance_and_concurrent_importers() {
    let Ok(url) = std::env::var("LUREWATCH_TEST_POSTGRES") else {
        eprintln!(
            "SKIPPED: LUREWATCH_TEST_POSTGRES is not set; the PostgreSQL conformance suite did not run"
        );
        return;
    };
    let store = fresh_postgres(&url).await;
    assert_eq!(store.backend(), Backend::Postgres);
    conformance(&store, async || SqlStore::open(&url).await.unwrap()).await;
    batch_matches_one_by_one(async || fresh_postgres(&url).await).await;
    analyst_decisions(fresh_postgres(&url).await).await;
    concurrent_importers(
        fresh_postgres(&url).await,
        SqlStore::open(&url).await.unwrap(),
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_concurrent_importers() {
    let folder = store_folder();
    let path = sqlite_path(&folder);
    concurrent_importers(
        SqlStore::open(&path).await.unwrap(),
        SqlStore::open(&path).await.unwrap(),
    )
    .await;
}

/// Two importers (two pools, as two processes would have) write reports of one actor at the
/// same time: linking must still put them all in one campaign.
async fn concurrent_importers(a: SqlStore, b: SqlStore) {
    let chat = |i: usize| {
        format!(
            "12/12/2023, 21:{:02} - +44 7700 9{:05}: Long time no speak! It's Charlie, message me on 07700 900417 x\n12/12/2023, 22:00 - Sam: who?\n",
            i % 60,
            i
        )
    };
    let reports_a: Vec<NewReport> = (0..10)
        .map(|i| report(&format!("a{i}.txt"), &chat(i), "a"))
        .collect();
    let reports_b: Vec<NewReport> = (10..20)
        .map(|i| report(&format!("b{i}.txt"), &chat(i), "b"))
        .collect();
    let (ra, rb) = tokio::join!(
        async {
            for r in reports_a {
                a.ingest(r, &decide_default).await.unwrap();
            }
        },
        async {
            for r in reports_b {
                b.ingest(r, &decide_default).await.unwrap();
            }
        }
    );
    let _ = (ra, rb);
    let campaigns = a.campaigns(2).await.unwrap();
    assert_eq!(
        campaigns.len(),
        1,
        "{:?}",
        campaigns
            .iter()
            .map(|c| c.reports.len())
            .collect::<Vec<_>>()
    );
    assert_eq!(campaigns[0].reports.len(), 20);
    a.close().await;
    b.close().await;
}
