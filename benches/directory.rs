//! The client directory at 100,000 clients: one keystroke's search in the
//! lookup field, and a CSV import of the whole base.
//!
//! The clients are synthetic but shaped like a delivery service's base:
//! Russian surnames (with the feminine form), first names and patronymics,
//! one or two mobile numbers (some with a Moscow landline), an e-mail for
//! one client in three, built deterministically so no data file is needed.
//! The directory is a real file (WAL), as the TUI uses it.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crmcard::directory::{Directory, csv};

const CLIENTS: usize = 100_000;
/// The lookup list shows this many: the search of a keystroke in the
/// lookup field is exactly this one.
const LIMIT: usize = crmcard::executor::directory::SEARCH_LIMIT;

const SURNAMES: &[(&str, &str)] = &[
    ("Иванов", "ivanov"),
    ("Смирнов", "smirnov"),
    ("Кузнецов", "kuznetsov"),
    ("Попов", "popov"),
    ("Васильев", "vasiliev"),
    ("Петров", "petrov"),
    ("Соколов", "sokolov"),
    ("Михайлов", "mikhailov"),
    ("Новиков", "novikov"),
    ("Фёдоров", "fedorov"),
    ("Морозов", "morozov"),
    ("Волков", "volkov"),
    ("Алексеев", "alekseev"),
    ("Лебедев", "lebedev"),
    ("Семёнов", "semenov"),
    ("Егоров", "egorov"),
    ("Павлов", "pavlov"),
    ("Козлов", "kozlov"),
    ("Степанов", "stepanov"),
    ("Николаев", "nikolaev"),
    ("Орлов", "orlov"),
    ("Андреев", "andreev"),
    ("Макаров", "makarov"),
    ("Никитин", "nikitin"),
    ("Захаров", "zakharov"),
    ("Зайцев", "zaitsev"),
    ("Соловьёв", "soloviev"),
    ("Борисов", "borisov"),
    ("Яковлев", "yakovlev"),
    ("Григорьев", "grigoriev"),
    ("Романов", "romanov"),
    ("Воробьёв", "vorobiev"),
    ("Сергеев", "sergeev"),
    ("Кузьмин", "kuzmin"),
    ("Фролов", "frolov"),
    ("Александров", "aleksandrov"),
    ("Дмитриев", "dmitriev"),
    ("Королёв", "korolev"),
    ("Гусев", "gusev"),
    ("Киселёв", "kiselev"),
    ("Ильин", "ilin"),
    ("Максимов", "maksimov"),
    ("Поляков", "polyakov"),
    ("Сорокин", "sorokin"),
    ("Виноградов", "vinogradov"),
    ("Ковалёв", "kovalev"),
    ("Белов", "belov"),
    ("Медведев", "medvedev"),
    ("Антонов", "antonov"),
    ("Тарасов", "tarasov"),
    ("Жуков", "zhukov"),
    ("Баранов", "baranov"),
    ("Филиппов", "filippov"),
    ("Комаров", "komarov"),
    ("Давыдов", "davydov"),
    ("Беляев", "belyaev"),
    ("Герасимов", "gerasimov"),
    ("Богданов", "bogdanov"),
    ("Осипов", "osipov"),
    ("Сидоров", "sidorov"),
];
const MEN: &[&str] = &[
    "Александр",
    "Алексей",
    "Андрей",
    "Антон",
    "Артём",
    "Борис",
    "Вадим",
    "Виктор",
    "Владимир",
    "Дмитрий",
    "Евгений",
    "Иван",
    "Игорь",
    "Константин",
    "Максим",
    "Михаил",
    "Николай",
    "Олег",
    "Павел",
    "Пётр",
    "Роман",
    "Сергей",
    "Степан",
    "Юрий",
];
const WOMEN: &[&str] = &[
    "Анна",
    "Алёна",
    "Валентина",
    "Вера",
    "Галина",
    "Дарья",
    "Екатерина",
    "Елена",
    "Ирина",
    "Ксения",
    "Людмила",
    "Марина",
    "Мария",
    "Наталья",
    "Нина",
    "Ольга",
    "Светлана",
    "Татьяна",
    "Юлия",
    "Яна",
];
const FATHERS: &[&str] = &[
    "Александров",
    "Алексеев",
    "Андреев",
    "Борисов",
    "Викторов",
    "Владимиров",
    "Дмитриев",
    "Евгеньев",
    "Иванов",
    "Игорев",
    "Михайлов",
    "Николаев",
    "Олегов",
    "Павлов",
    "Петров",
    "Сергеев",
    "Юрьев",
];

/// A small deterministic generator (64-bit LCG, high bits).
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// The CSV of the whole base, as a restaurant would export it (`;`, BOM,
/// phones in the forms operators type), and one client's full phone.
fn base_csv() -> (String, String) {
    let mut rng = Rng(42);
    let mut out = String::from("\u{feff}id;lastname;firstname;middlename;phones;emails\n");
    let mut probe = String::new();
    for i in 0..CLIENTS {
        let (surname, latin) = SURNAMES[rng.next(SURNAMES.len())];
        let woman = rng.next(2) == 0;
        let father = FATHERS[rng.next(FATHERS.len())];
        let (lastname, firstname, middlename) = if woman {
            (
                format!("{surname}а"),
                WOMEN[rng.next(WOMEN.len())],
                format!("{father}на"),
            )
        } else {
            (
                surname.to_owned(),
                MEN[rng.next(MEN.len())],
                format!("{father}ич"),
            )
        };
        let mobile = format!("9{:02}{:07}", rng.next(100), rng.next(10_000_000));
        let mut phones = match rng.next(3) {
            0 => format!(
                "8 {} {}-{}-{}",
                &mobile[..3],
                &mobile[3..6],
                &mobile[6..8],
                &mobile[8..]
            ),
            1 => format!(
                "+7 ({}) {} {} {}",
                &mobile[..3],
                &mobile[3..6],
                &mobile[6..8],
                &mobile[8..]
            ),
            _ => format!("8{mobile}"),
        };
        if rng.next(5) == 0 {
            let _ = write!(
                phones,
                ", 8 (495) {:03}-{:02}-{:02}",
                rng.next(1000),
                rng.next(100),
                rng.next(100)
            );
        }
        let email = if rng.next(3) == 0 {
            format!("{latin}{}@mail.ru", rng.next(10_000))
        } else {
            String::new()
        };
        if i == CLIENTS / 2 {
            probe = mobile.clone();
        }
        let _ = writeln!(
            out,
            "{};{lastname};{firstname};{middlename};{phones};{email}",
            10_000_000 + i
        );
    }
    (out, probe)
}

fn directory(c: &mut Criterion) {
    let (csv_text, mobile) = base_csv();
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut dir = Directory::open(&tmp.path().join("directory.sqlite")).expect("open");
    csv::import(&mut dir, csv_text.as_bytes(), &mut |_| {}).expect("import");
    assert_eq!(dir.count().expect("count"), CLIENTS as u64);

    let full_8_form = format!(
        "8 {} {}-{}-{}",
        &mobile[..3],
        &mobile[3..6],
        &mobile[6..8],
        &mobile[8..]
    );
    let tail = &mobile[3..];
    let queries = [
        ("name prefix 'Ива'", "Ива".to_owned()),
        ("name two words 'иванова мар'", "иванова мар".to_owned()),
        ("name one letter 'с'", "с".to_owned()),
        ("phone tail (7 digits)", tail.to_owned()),
        ("phone tail (4 digits)", mobile[6..].to_owned()),
        ("phone full, 8-form", full_8_form),
        ("phone start '8 916 1'", "8 916 1".to_owned()),
        ("e-mail piece 'smirn'", "smirn".to_owned()),
        ("id prefix", "1005".to_owned()),
    ];
    let mut group = c.benchmark_group("directory search at 100k, one keystroke");
    for (label, query) in &queries {
        let hits = dir.search(query, LIMIT).expect("search");
        assert!(!hits.is_empty(), "{label}: no hits");
        group.bench_function(*label, |b| {
            b.iter(|| dir.search(black_box(query), LIMIT).expect("search"))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("directory import");
    group.sample_size(10);
    group.bench_function("100k rows into a new file", |b| {
        b.iter(|| {
            let tmp = tempfile::tempdir().expect("tempdir");
            let mut dir = Directory::open(&tmp.path().join("directory.sqlite")).expect("open");
            csv::import(&mut dir, black_box(csv_text.as_bytes()), &mut |_| {}).expect("import")
        })
    });
    group.bench_function("100k rows again (nothing changes)", |b| {
        b.iter(|| {
            csv::import(&mut dir, black_box(csv_text.as_bytes()), &mut |_| {}).expect("import")
        })
    });
    group.finish();
}

criterion_group!(benches, directory);
criterion_main!(benches);
