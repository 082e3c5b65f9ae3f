//! Picker filtering: preparing the names once, and one keystroke's filter.
//!
//! The names are synthetic but shaped like Moscow street names (Cyrillic,
//! one to three words, some with `ё`, numbers and hyphens), built
//! deterministically from a few hundred parts, so the bench needs no data
//! file: 3,000 names (the street picker's size) and 100,000 (a stress case).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use crmcard::fuzzy::FuzzyIndex;

const ROOTS: &[&str] = &[
    "Тверская",
    "Садовая",
    "Арбатская",
    "Пушкинская",
    "Ленинская",
    "Мясницкая",
    "Покровская",
    "Никольская",
    "Варварка",
    "Ильинка",
    "Маросейка",
    "Солянка",
    "Петровка",
    "Неглинная",
    "Рождественка",
    "Сретенка",
    "Остоженка",
    "Пречистенка",
    "Волхонка",
    "Знаменка",
    "Моховая",
    "Охотная",
    "Лубянская",
    "Кузнецкая",
    "Пятницкая",
    "Ордынка",
    "Полянка",
    "Якиманка",
    "Житная",
    "Шаболовка",
    "Донская",
    "Калужская",
    "Профсоюзная",
    "Вавилова",
    "Косыгина",
    "Вернадского",
    "Мичуринская",
    "Ломоносовская",
    "Университетская",
    "Строителей",
    "Гарибальди",
    "Обручева",
    "Бутлерова",
    "Миклухо-Маклая",
    "Островитянова",
    "Ёлкинская",
    "Берёзовая",
    "Тополёвая",
    "Клёновая",
    "Озёрная",
    "Зелёная",
    "Солнечная",
    "Лесная",
    "Полевая",
    "Луговая",
    "Речная",
    "Заречная",
    "Набережная",
    "Парковая",
    "Школьная",
    "Рабочая",
    "Заводская",
    "Фабричная",
    "Трудовая",
    "Мирная",
    "Советская",
    "Октябрьская",
    "Первомайская",
    "Молодёжная",
    "Спортивная",
    "Цветочная",
    "Вишнёвая",
    "Яблоневая",
    "Сиреневая",
    "Рябиновая",
    "Липовая",
    "Дубовая",
    "Сосновая",
    "Еловая",
    "Кедровая",
    "Тихая",
    "Светлая",
    "Весёлая",
    "Новогиреевская",
    "Перовская",
    "Владимирская",
    "Измайловская",
    "Бакунинская",
    "Щёлковская",
    "Сокольническая",
    "Стромынка",
    "Преображенская",
    "Бауманская",
    "Басманная",
    "Покровка",
    "Воронцовская",
    "Таганская",
    "Марксистская",
    "Международная",
    "Нижегородская",
    "Рязанская",
    "Текстильщиков",
    "Люблинская",
    "Краснодарская",
    "Ставропольская",
    "Братиславская",
    "Марьинская",
    "Шоссейная",
    "Каширская",
    "Варшавская",
    "Кантемировская",
    "Царицынская",
    "Бирюлёвская",
    "Ясеневая",
    "Новоясеневская",
    "Хлебозаводская",
    "Академическая",
    "Гагарина",
    "Королёва",
    "Циолковского",
    "Курчатова",
    "Ландау",
    "Капицы",
    "Туполева",
    "Ильюшина",
    "Яковлева",
    "Твардовского",
    "Твердохлебова",
    "Товарищеская",
    "Тургенева",
    "Толстого",
    "Чехова",
    "Гоголя",
    "Лермонтова",
    "Некрасова",
    "Достоевского",
    "Булгакова",
    "Пастернака",
    "Цветаевой",
    "Ахматовой",
    "Есенина",
    "Маяковского",
    "Блока",
    "Фета",
    "Тютчева",
];

const PREFIXES: &[&str] = &[
    "",
    "",
    "",
    "",
    "",
    "",
    "Малая",
    "Большая",
    "Верхняя",
    "Нижняя",
    "Новая",
    "Старая",
    "Средняя",
    "1-я",
    "2-я",
    "3-я",
    "4-я",
    "5-я",
    "10-я",
    "Красная",
    "Южная",
    "Северная",
];

const SUFFIXES: &[&str] = &[
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "Застава",
    "Слобода",
    "Горка",
    "Поляна",
    "Роща",
    "Луч",
    "Площадь",
    "Набережная",
    "Аллея",
    "Тупик",
];

/// `count` street-like names, the same on every run.
fn street_names(count: usize) -> Vec<String> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = |n: usize| {
        // A small linear congruential generator: deterministic, no dependency.
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0) % n
    };
    (0..count)
        .map(|_| {
            let parts = [
                PREFIXES[next(PREFIXES.len())],
                ROOTS[next(ROOTS.len())],
                SUFFIXES[next(SUFFIXES.len())],
            ];
            parts
                .iter()
                .filter(|p| !p.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let streets = street_names(3_000);
    let big = street_names(100_000);

    c.bench_function("prepare 3000", |b| {
        b.iter(|| FuzzyIndex::new(black_box(&streets).iter().map(String::as_str)))
    });

    let mut index = FuzzyIndex::new(streets.iter().map(String::as_str));
    for query in ["т", "тве", "тверская"] {
        let letters = query.chars().count();
        c.bench_function(&format!("filter 3000, {query:?} ({letters} chars)"), |b| {
            b.iter(|| index.filter(black_box(query)))
        });
    }
    c.bench_function("filter 3000, \"мал тве\" (2 words)", |b| {
        b.iter(|| index.filter(black_box("мал тве")))
    });

    let mut big_index = FuzzyIndex::new(big.iter().map(String::as_str));
    c.bench_function("filter 100000, \"тве\" (3 chars)", |b| {
        b.iter(|| big_index.filter(black_box("тве")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
