use super::*;
use crate::app::Effect;
use crate::app::draft::Draft;
use crate::app::vocab::SkipWhy;
use crate::drafts::test_draft as draft;

fn write(dir: &Path, d: &Draft) {
    let effect = Effect::WriteDraft {
        key: d.key(),
        draft: Box::new(d.clone()),
    };
    crate::drafts::apply(dir, &effect).expect("written");
}

fn clients(found: &Found) -> Vec<String> {
    let mut ids: Vec<String> = found
        .drafts
        .iter()
        .filter_map(|o| o.draft.client_id.clone())
        .collect();
    ids.sort();
    ids
}

#[test]
fn a_crm_is_never_offered_another_crms_drafts() {
    let root = tempfile::tempdir().expect("tempdir");
    let (a, _) = DraftStore::open(root.path(), "crm-a", "a 1", 2_000).expect("a");
    write(a.dir(), &draft("42", "a 1"));
    drop(a);
    let (b, found) = DraftStore::open(root.path(), "crm-b", "b 1", 2_000).expect("b");
    assert!(found.drafts.is_empty(), "{found:?}");
    drop(b);
    let (_a, found) = DraftStore::open(root.path(), "crm-a", "a 1", 2_000).expect("a again");
    assert_eq!(clients(&found), ["42"]);
}

#[test]
fn a_live_windows_drafts_stay_its_own_and_a_dead_ones_are_taken_over() {
    let root = tempfile::tempdir().expect("tempdir");
    let (first, found) = DraftStore::open(root.path(), "crm", "c", 2_000).expect("first");
    assert!(found.drafts.is_empty());
    write(first.dir(), &draft("1", "c"));
    let (second, found) = DraftStore::open(root.path(), "crm", "c", 2_000).expect("second");
    assert!(found.drafts.is_empty(), "the first window is alive");
    write(second.dir(), &draft("2", "c"));
    // Both windows type the same client's form: two files, none lost.
    write(first.dir(), &draft("3", "c"));
    write(second.dir(), &draft("3", "c"));

    // A window that died between locking and naming its lock file.
    let crm_dir = root.path().join("crm");
    let stale = crm_dir.join(".w-1-1.starting");
    fs::write(&stale, "").expect("stale");
    let first_dir = first.dir().to_owned();
    drop(first); // the first window dies: its lock is free
    let (third, found) = DraftStore::open(root.path(), "crm", "c", 2_000).expect("third");
    assert_eq!(
        clients(&found),
        ["1", "3"],
        "the dead window's, not the live one's"
    );
    assert!(!first_dir.exists(), "the taken folder is gone");
    assert!(
        !stale.exists(),
        "a window that never started leaves nothing"
    );
    let locks = entries(&crm_dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|x| x == "lock"))
        .count();
    assert_eq!(locks, 2, "the live windows' locks only");
    assert_eq!(scan(second.dir(), 2_000).drafts.len(), 2, "untouched");

    drop(third);
    drop(second);
    let (fourth, found) = DraftStore::open(root.path(), "crm", "c", 2_000).expect("fourth");
    // Two windows' drafts of one form: one is taken now, the other waits
    // in its folder for the next start (never overwritten).
    assert_eq!(clients(&found), ["1", "2", "3"]);
    drop(fourth);
    let (_fifth, found) = DraftStore::open(root.path(), "crm", "c", 2_000).expect("fifth");
    assert_eq!(clients(&found), ["1", "2", "3"]);
    let (_sixth, found) = DraftStore::open(root.path(), "crm", "c", 2_000).expect("sixth");
    assert_eq!(clients(&found), ["3"], "the one left waiting");
}

#[test]
fn drafts_from_before_the_folders_go_to_their_crm() {
    let root = tempfile::tempdir().expect("tempdir");
    write(root.path(), &draft("1", "a 1"));
    write(root.path(), &draft("2", ""));
    let other = draft("3", "b 1");
    write(root.path(), &other);
    let (_a, found) = DraftStore::open(root.path(), "crm-a", "a 1", 2_000).expect("a");
    assert_eq!(clients(&found), ["1", "2"]);
    assert!(
        found.drafts.iter().all(|o| o.draft.crm == "a 1"),
        "{found:?}"
    );
    assert!(root.path().join(format!("{}.json", other.key())).exists());
    let (_b, found) = DraftStore::open(root.path(), "crm-b", "b 1", 2_000).expect("b");
    assert_eq!(clients(&found), ["3"]);
}

#[cfg(unix)]
#[test]
fn links_fifos_and_big_files_are_skipped_and_said() {
    let root = tempfile::tempdir().expect("tempdir");
    std::os::unix::fs::symlink("/dev/zero", root.path().join("zero.json")).expect("link");
    fs::write(root.path().join("big.json"), vec![b' '; 300_000]).expect("big");
    let (first, _) = DraftStore::open(root.path(), "crm", "c", 2_000).expect("first");
    let made = std::process::Command::new("mkfifo")
        .arg(first.dir().join("fifo.json"))
        .status()
        .expect("mkfifo");
    assert!(made.success());
    drop(first);
    let (_second, found) = DraftStore::open(root.path(), "crm", "c", 2_000).expect("second");
    let mut skipped: Vec<(String, SkipWhy)> =
        found.skipped.into_iter().map(|s| (s.file, s.why)).collect();
    skipped.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        skipped,
        [
            ("big.json".to_owned(), SkipWhy::TooBig { bytes: 300_000 }),
            ("fifo.json".to_owned(), SkipWhy::NotAFile),
            ("zero.json".to_owned(), SkipWhy::NotAFile),
        ]
    );
}
