#!/usr/bin/env python3
"""Regenerate the sandbox CRM seed data under assets/seed/ (issue 3).

Not run by the build or CI.  Python 3.11, standard library only.  It reads the
source packages straight from their registry archives (no install needed):

    mkdir -p /tmp/seedsrc && cd /tmp/seedsrc
    pip download --no-deps -d . mimesis==22.2.0 russiafaker==2.0.0 django-metro-tiny==1.0
    npm pack i18n-iso-countries@7.14.0
    python3 tools/seed/gen_seed.py --src /tmp/seedsrc      # from the repo root: writes assets/seed/
    python3 tools/seed/gen_seed.py --check                 # validates assets/seed/

The archives are checked against the SHA-256 below, so the output is the same
byte for byte on every run.  Everything that no source has (the vendor-kept ids,
metro changes since 2012, St Petersburg streets, a few cities outside Russia,
the demo clients' wording) lives as data in this file: see assets/README.md.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import json
import random
import re
import sys
import tarfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "assets" / "seed"

SOURCES = {
    "mimesis": ("mimesis-22.2.0-py3-none-any.whl",
                "037011eb3d5edf0b0b5d9eafd74d9881f6dce25b4f01032da0e13fb2a56f37e9"),
    "russiafaker": ("russiafaker-2.0.0-py3-none-any.whl",
                    "a87aa9d714e16dd281fce5798c5f5fd39c4a11d3dc441186ab9df8b8a9d92b8c"),
    "metro": ("django-metro-tiny-1.0.tar.gz",
              "43d7b42bab015edbdbe6a46eaee8b3ddedfe0b3f3444a34f8babd494749a269f"),
    "countries": ("i18n-iso-countries-7.14.0.tgz",
                  "bb418ebfb965789fcfbcce7dee59888d901ef64b03601da78b2e224cd6f5825c"),
}

# --------------------------------------------------------------------------
# Fixed ids (the vendor's samples and the tiny seed that came before).
# --------------------------------------------------------------------------
RUSSIA, UZBEKISTAN, MOLDOVA, BELARUS, KAZAKHSTAN = 2, 4, 5, 3, 6
COUNTRY_FIXED = {  # ISO alpha-2 -> (id, name)
    "RU": (RUSSIA, "Россия"),
    "UZ": (UZBEKISTAN, "Узбекистан"),
    "MD": (MOLDOVA, "Молдова"),          # the source says "Молдавия"; the vendor "Молдова"
    "BY": (BELARUS, "Беларусь"),
    "KZ": (KAZAKHSTAN, "Казахстан"),
}
COUNTRY_NAME_FIX = {  # shorter names an operator expects in a drop-down
    "KP": "КНДР",
    "CN": "Китай",
}
FIRST_AUTO_COUNTRY_ID = 10

MOSCOW = "10000000000002"
SPB = "10000000000003"
CITY_FIXED = [  # (id, country, name): kept exactly; 10000000000034 stays free (vendor's POST sample)
    (MOSCOW, RUSSIA, "Москва"),
    (SPB, RUSSIA, "Санкт-Петербург"),
    ("10000000000024", RUSSIA, "Хабаровск"),
    ("10000000000021", MOLDOVA, "Кишинев"),
    ("10000000000016", UZBEKISTAN, "Ташкент"),
]
RESERVED_CITY_IDS = {"10000000000034"}
FIRST_AUTO_CITY_ID = 10000000001001
OTHER_COUNTRY_CITIES = {  # hand list: the largest cities (facts, no source needed)
    MOLDOVA: ["Бельцы", "Тирасполь", "Бендеры", "Кагул", "Унгены", "Сороки", "Комрат", "Орхей"],
    UZBEKISTAN: ["Самарканд", "Бухара", "Наманган", "Андижан", "Фергана", "Нукус", "Карши", "Ургенч"],
    BELARUS: ["Минск", "Гомель", "Могилёв", "Витебск", "Гродно", "Брест", "Бобруйск", "Барановичи"],
    KAZAKHSTAN: ["Астана", "Алматы", "Шымкент", "Караганда", "Актобе", "Павлодар",
                 "Усть-Каменогорск", "Костанай", "Атырау"],
}

STREET_FIXED = [  # (id, city, name, postcode): kept exactly as the vendor's samples have them
    ("10000000000031", MOSCOW, "10-я Текстильщиков", "111111"),
    ("10000000016642", "10000000000016", "Восканова", "5654"),
    ("10000000016640", "10000000000016", "п. Красный", "44"),
    ("10000000016629", "10000000000016", "Квартал 328", "000"),
]
FIRST_MOSCOW_STREET_ID = 10000000100001
FIRST_SPB_STREET_ID = 10000000200001

# Moscow streets that no source has by their full name (the mimesis list drops the
# "проспект"/"шоссе"/"бульвар"/"набережная" streets).  Real names.
MOSCOW_EXTRA_STREETS = """
Мичуринский проспект|Комсомольский проспект|Ломоносовский проспект|Нахимовский проспект
Севастопольский проспект|Университетский проспект|Проспект Андропова|Проспект 60-летия Октября
Проспект Маршала Жукова|Измайловский проспект|Свободный проспект|Зелёный проспект
Новоясеневский проспект|Балаклавский проспект|Проспект Защитников Москвы|Ленинградское шоссе
Волоколамское шоссе|Открытое шоссе|Пятницкое шоссе|Боровское шоссе|Звёздный бульвар
Бульвар Дмитрия Донского|Тверской бульвар|Гоголевский бульвар|Никитский бульвар
Чистопрудный бульвар|Покровский бульвар|Страстной бульвар|Рождественский бульвар
Сретенский бульвар|Петровский бульвар|Яузский бульвар|Цветной бульвар|Новинский бульвар
Ореховый бульвар|Мячковский бульвар|Кронштадтский бульвар|Чонгарский бульвар
Бульвар Рокоссовского|Фрунзенская набережная|Пречистенская набережная
Космодамианская набережная|Берсеневская набережная|Краснопресненская набережная
Котельническая набережная|Софийская набережная|Смоленская набережная|Новодевичья набережная
Шелепихинская набережная|Кадашёвская набережная|Раушская набережная|Садовая-Кудринская
Садовая-Спасская|Садовая-Черногрязская|Садовая-Триумфальная|Садовая-Самотёчная
"""

# St Petersburg: russiafaker has 37 streets; these are added by hand (real names).
SPB_EXTRA_STREETS = """
Садовая|Гороховая|Большая Морская|Малая Морская|Караванная|Итальянская|Инженерная
Литейный проспект|Суворовский проспект|Гражданский проспект|Кондратьевский проспект
Среднеохтинский проспект|Большеохтинский проспект|Измайловский проспект|Лермонтовский проспект
Вознесенский проспект|Английская набережная|Университетская набережная|Дворцовая набережная
Набережная Макарова|Петроградская набережная|Пироговская набережная|Синопская набережная
Набережная Робеспьера|Кронверкский проспект|Большая Пушкарская|Большая Зеленина
Чкаловский проспект|Средний проспект В.О.|Большой проспект В.О.|Малый проспект В.О.
Кадетская линия|Съездовская линия|Кожевенная линия|Косая линия|Гаванская|Наличная
Звенигородская|Социалистическая|Колокольная|Стремянная|Разъезжая|Ломоносова
Переулок Гривцова|Казанская|Набережная реки Мойки|Набережная Крюкова канала|Дегтярная
Шпалерная|Фурштатская|Кирочная|Сапёрный переулок|Радищева|Некрасова|Маяковского
Моховая|Гангутская|Захарьевская|Таврическая|Тверская|Смольный проспект|Новгородская
Полтавская|Херсонская|Гончарная|Миргородская|Набережная Обводного канала|Курская
Расстанная|Боровая|Проспект Испытателей|Комендантский проспект|Проспект Королёва
Проспект Авиаконструкторов|Проспект Ветеранов|Проспект Народного Ополчения|Дачный проспект
Будапештская|Белградская|Софийская|Пражская|Типанова|Витебский проспект|Звёздная
Ленсовета|Проспект Космонавтов|Ивановская|Бабушкина|Седова|Народная|Искровский проспект
Проспект Большевиков|Ириновский проспект|Индустриальный проспект|Проспект Наставников
Хасанская|Проспект Культуры|Проспект Луначарского|Северный проспект|Светлановский проспект
Проспект Тореза|Бутлерова|Гжатская|Проспект Непокорённых|Лесной проспект
Большой Сампсониевский проспект|Выборгская набережная|Пионерская|Планерная|Туристская
Оптиков|Долгоозёрная|Шаврова|Ильюшина|Камышовая
"""

# Real Moscow post-office prefixes (1AB...); SPb ones are 190-199.
MOSCOW_PREFIXES = ["101", "103", "105", "107", "109", "111", "115", "117", "119",
                   "121", "123", "125", "127", "129"]
SPB_PREFIXES = [str(p) for p in range(190, 200)]

# --------------------------------------------------------------------------
# Metro: django-metro-tiny is a 2012 snapshot (with the stations then only
# planned).  These corrections bring it to the network as of 2024-2025.
# --------------------------------------------------------------------------
MOSCOW_METRO_FIXED = {"Авиамоторная": 1, "Автозаводская": 2, "Академическая": 3}
FIRST_AUTO_MOSCOW_METRO_ID = 4
FIRST_AUTO_SPB_METRO_ID = 1001

MOSCOW_METRO_RENAMED = {
    "Улица Подбельского": "Бульвар Рокоссовского",   # renamed 2014
    "Улица Дыбенко": "Ховрино",                      # project name; opened 2017 as Ховрино
    "Нижегородская улица": "Нижегородская",          # project name; opened 2019-2020
}
MOSCOW_METRO_NOT_BUILT = {  # project names in the 2012 snapshot that never opened
    "Челобитьево", "Кадашёвская", "Волхонка", "Плющиха", "Кутузовский проспект",
    "Юбилейная", "Улица Гурьянова", "Лобачевская", "Матвеевская", "Можайское шоссе",
    "Потапово", "Чечёрский проезд", "Новокурьяново",
}
MOSCOW_METRO_ADDED = {  # line -> stations opened since 2012 (names as on the 2024 map)
    "Сокольническая": "Саларьево Филатов_Луг Прокшино Ольховая Коммунарка",
    "Люблинско-Дмитровская": "Яхромская Физтех",
    "Калининско-Солнцевская": "Минская Ломоносовский_проспект Раменки Мичуринский_проспект "
                              "Озёрная Говорово Солнцево Боровское_шоссе Новопеределкино "
                              "Рассказовка Пыхтино Аэропорт_Внуково",
    "Некрасовская": "Стахановская Окская Юго-Восточная Косино Улица_Дмитриевского "
                    "Лухмановская Некрасовка",
    "Большая кольцевая": "Деловой_центр Шелепиха Хорошёвская ЦСКА Петровский_парк Савёловская "
                         "Марьина_Роща Рижская Сокольники Электрозаводская Лефортово "
                         "Авиамоторная Нижегородская Текстильщики Печатники Нагатинский_затон "
                         "Кленовый_бульвар Каширская Варшавская Каховская Зюзино Воронцовская "
                         "Новаторская Проспект_Вернадского Мичуринский_проспект Аминьевская "
                         "Давыдково Кунцевская Терехово Мнёвники Народное_Ополчение",
    "МЦК": "Окружная Владыкино Ботанический_сад Ростокино Белокаменная Бульвар_Рокоссовского "
           "Локомотив Измайлово Соколиная_Гора Шоссе_Энтузиастов Андроновка Нижегородская "
           "Новохохловская Угрешская Дубровка Автозаводская ЗИЛ Верхние_Котлы Крымская "
           "Площадь_Гагарина Лужники Кутузовская Деловой_центр Шелепиха Хорошёво Зорге "
           "Панфиловская Стрешнево Балтийская Коптево Лихоборы",
    "Троицкая": "ЗИЛ Крымская Академическая Вавиловская Новаторская Университет_Дружбы_Народов "
                "Генерала_Тюленева Тютчевская Корниловская Новомосковская",
}
SPB_METRO_RENAMED = {
    "Площадь Александра Невского-1": "Площадь Александра Невского",
    "Площадь Александра Невского-2": "Площадь Александра Невского",
}
SPB_METRO_ADDED = {
    "Невско-Василеостровская": "Беговая Зенит",
    "Фрунзенско-Приморская": "Проспект_Славы Дунайская Шушары",
    "Правобережная": "Театральная Горный_институт",
}

# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------

def h(*parts: str) -> int:
    """A stable hash (not Python's salted hash())."""
    return int.from_bytes(hashlib.sha256("|".join(parts).encode()).digest()[:8], "big")


def sort_key(s: str):
    return (s.lower().replace("ё", "е"), s)


def words(block: str) -> list[str]:
    return [w.strip() for line in block.strip().splitlines() for w in line.split("|") if w.strip()]


class Src:
    def __init__(self, root: Path):
        self.root = root
        self.blobs = {}
        for key, (fname, sha) in SOURCES.items():
            data = (root / fname).read_bytes()
            got = hashlib.sha256(data).hexdigest()
            if got != sha:
                sys.exit(f"{fname}: sha256 {got}, expected {sha}")
            self.blobs[key] = data

    def member(self, key: str, suffix: str) -> bytes:
        data = self.blobs[key]
        if SOURCES[key][0].endswith(".whl"):
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = [n for n in z.namelist() if n.endswith(suffix)]
                assert len(names) == 1, (key, suffix, names)
                return z.read(names[0])
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as t:
            names = [m for m in t.getmembers() if m.name.endswith(suffix)]
            assert len(names) == 1, (key, suffix, names)
            return t.extractfile(names[0]).read()

    def json(self, key: str, suffix: str):
        return json.loads(self.member(key, suffix).decode("utf-8"))


# --------------------------------------------------------------------------
# countries and cities
# --------------------------------------------------------------------------

def build_countries(src: Src):
    names = src.json("countries", "langs/ru.json")["countries"]
    rows, used = [], {i for i, _ in COUNTRY_FIXED.values()}
    for code, (cid, name) in COUNTRY_FIXED.items():
        rows.append((cid, name))
    rest = []
    for code, name in names.items():
        if code in COUNTRY_FIXED:
            continue
        if isinstance(name, list):
            name = name[0]
        rest.append(COUNTRY_NAME_FIX.get(code, name))
    next_id = FIRST_AUTO_COUNTRY_ID
    for name in sorted(set(rest), key=sort_key):
        rows.append((next_id, name))
        next_id += 1
    assert not used & {i for i, _ in rows[len(COUNTRY_FIXED):]}
    return sorted(rows)


def build_cities(src: Src):
    russian = src.json("mimesis", "datasets/ru/address.json")["city"]
    rows = list(CITY_FIXED)
    taken = {(c, n) for _, c, n in rows}
    auto = []
    for name in sorted(set(russian), key=sort_key):   # the list repeats a few towns of the same name
        if (RUSSIA, name) not in taken:
            auto.append((RUSSIA, name))
    for country in sorted(OTHER_COUNTRY_CITIES):
        for name in sorted(OTHER_COUNTRY_CITIES[country], key=sort_key):
            if (country, name) not in taken:
                auto.append((country, name))
    n = FIRST_AUTO_CITY_ID
    for country, name in auto:
        while str(n) in RESERVED_CITY_IDS:
            n += 1
        rows.append((str(n), country, name))
        n += 1
    return rows


# --------------------------------------------------------------------------
# streets
# --------------------------------------------------------------------------
ADJ = {  # abbreviation -> (feminine, masculine, plural)
    "Б.": ("Большая", "Большой", "Большие"),
    "М.": ("Малая", "Малый", "Малые"),
    "Ср.": ("Средняя", "Средний", "Средние"),
    "Верхн.": ("Верхняя", "Верхний", "Верхние"),
    "Нижн.": ("Нижняя", "Нижний", "Нижние"),
    "Ниж.": ("Нижняя", "Нижний", "Нижние"),
    "Нов.": ("Новая", "Новый", "Новые"),
    "Стар.": ("Старая", "Старый", "Старые"),
}
DROP_STREET = re.compile(
    r"\d+\s*[аА]?$|\d+-\d+|\(|ж\.д\.|\bкм\b|Квартал|^им |Пос\.|Ст\.$| Н\.$|Верхн\. Поперечная"
    r"|^Набережная( [БМ]\.)?$")


def fix_mimesis_street(name: str) -> str | None:
    name = name.strip()
    if DROP_STREET.search(name):
        return None
    name = {"1 Маевки": "1-й Маевки"}.get(name, name)
    name = re.sub(r"(\d+)-Я\b", r"\1-я", name)
    m = re.fullmatch(r"(.+) (\d+-[яй])", name)          # "Текстильщиков 1-я" -> "1-я Текстильщиков"
    if m:
        return f"{m.group(2)} {m.group(1)}"
    m = re.fullmatch(r"(.+) (\S+\.)", name)             # "Дмитровка Б." -> "Большая Дмитровка"
    if m:
        base, abbr = m.groups()
        if abbr not in ADJ:
            return None
        fem, masc, plural = ADJ[abbr]
        last = base.split()[-1]
        if last.endswith(("и", "ы")):
            adj = plural
        elif last.endswith(("а", "я")):
            adj = fem
        else:
            adj = masc
        return f"{adj} {base}"
    return name


def fix_typed_street(name: str) -> str | None:
    """russiafaker writes "Улица Арбат", "Тверская улица": keep the bare name."""
    if name in ("МКАД", "Садовое кольцо", "Бульварное кольцо"):
        return None
    name = re.sub(r"^Улица ", "", name)
    name = re.sub(r" улица$", "", name)
    return {"Сампсониевский проспект": "Большой Сампсониевский проспект"}.get(name, name)


TYPE_WORDS = re.compile(r"^(Проспект|Шоссе|Набережная|Бульвар) | (проспект|шоссе|набережная|бульвар)$")


def postcode(city: str, name: str) -> str:
    """A postcode belongs to a building; a street gets one plausible, stable code."""
    v = h("postcode", city, name)
    prefixes = MOSCOW_PREFIXES if city == MOSCOW else SPB_PREFIXES
    office = 1 + (v // 100) % (599 if city == MOSCOW else 399)
    return f"{prefixes[v % len(prefixes)]}{office:03d}"


def build_streets(src: Src):
    rows = list(STREET_FIXED)
    rf = src.json("russiafaker", "address/regions_cities_streets.json")["REGIONS_CITIES_STREETS"]
    moscow = [fix_mimesis_street(n) for n in src.json("mimesis", "datasets/ru/address.json")["street"]["name"]]
    typed = [fix_typed_street(n) for n in rf["Москва (город федерального значения)"]["Москва"]]
    typed += words(MOSCOW_EXTRA_STREETS)
    # mimesis drops the type word: its bare "Мира" is "Проспект Мира", so the full name wins
    cores = {TYPE_WORDS.sub("", n) for n in typed if n and TYPE_WORDS.search(n)} - {"Смоленская"}  # a street too
    moscow = [n for n in moscow if n not in cores] + typed
    spb = [fix_typed_street(n) for n in rf["Санкт-Петербург (город федерального значения)"]["Санкт-Петербург"]]
    spb += words(SPB_EXTRA_STREETS)
    for city, names, first in ((MOSCOW, moscow, FIRST_MOSCOW_STREET_ID), (SPB, spb, FIRST_SPB_STREET_ID)):
        seen = {n.lower().replace("ё", "е") for _, c, n, _ in rows if c == city}
        uniq = []
        for n in names:
            if not n:
                continue
            k = n.lower().replace("ё", "е")
            if k not in seen:
                seen.add(k)
                uniq.append(n)
        for i, n in enumerate(sorted(uniq, key=sort_key)):
            rows.append((str(first + i), city, n, postcode(city, n)))
    return rows


# --------------------------------------------------------------------------
# metro
# --------------------------------------------------------------------------

def snapshot_stations(src: Src, fname: str) -> list[str]:
    out = []
    for line in src.member("metro", fname).decode("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#") and not line.endswith(":"):
            out.append(line)
    return out


def build_metro(src: Src):
    moscow = []
    for s in snapshot_stations(src, "data/RU/Moscow_ru.txt"):
        s = MOSCOW_METRO_RENAMED.get(s, s)
        if s not in MOSCOW_METRO_NOT_BUILT:
            moscow.append(s)
    for line in MOSCOW_METRO_ADDED.values():
        moscow += [w.replace("_", " ") for w in line.split()]
    spb = [SPB_METRO_RENAMED.get(s, s) for s in snapshot_stations(src, "data/RU/Saint_Petersburg_ru.txt")]
    for line in SPB_METRO_ADDED.values():
        spb += [w.replace("_", " ") for w in line.split()]
    rows = []
    n = FIRST_AUTO_MOSCOW_METRO_ID
    for s in sorted(set(moscow), key=sort_key):
        if s in MOSCOW_METRO_FIXED:
            rows.append((MOSCOW_METRO_FIXED[s], MOSCOW, s))
        else:
            rows.append((n, MOSCOW, s))
            n += 1
    for i, s in enumerate(sorted(set(spb), key=sort_key)):
        rows.append((FIRST_AUTO_SPB_METRO_ID + i, SPB, s))
    return sorted(rows)


# --------------------------------------------------------------------------
# clients
# --------------------------------------------------------------------------
SEED_VALUE = 20260301
CLIENT_IDS = [f"1000000000{n}" for n in range(9201, 9240)]   # 39 new ones + the vendor's 9188
FIRST_CONTACT_ID = 10000000008101
FIRST_ADDRESS_ID = 10000000003301

MALE_NAMES = ("Александр Алексей Андрей Антон Артём Борис Вадим Валерий Виктор Виталий Владимир "
              "Георгий Денис Дмитрий Евгений Егор Иван Игорь Илья Кирилл Константин Максим "
              "Михаил Никита Николай Олег Павел Роман Сергей Станислав Тимофей Юрий").split()
FEMALE_NAMES = ("Алёна Алина Анастасия Анна Валентина Валерия Вера Виктория Галина Дарья Евгения "
                "Екатерина Елена Ирина Карина Кристина Ксения Лариса Людмила Марина Мария "
                "Надежда Наталья Нина Оксана Ольга Полина Светлана Софья Татьяна Юлия").split()
FATHER_NAMES = ("Александр Алексей Анатолий Андрей Борис Василий Виктор Владимир Геннадий Григорий "
                "Дмитрий Евгений Иван Игорь Константин Михаил Николай Олег Павел Пётр Сергей "
                "Юрий Валерий Аркадий").split()
NOTES_SHORT = ["", "", "", "", "", "постоянный клиент", "просит не звонить после 22:00",
               "предпочитает оплату картой курьеру", "аллергия на орехи", "заказывает на офис по пятницам",
               "корпоративный клиент", "всегда просит приборы на 4 персоны", "вегетарианец",
               "скидка 10% по согласованию с управляющим", "оплата наличными, нужна сдача с 5000",
               "звонить на мобильный", "тестовая карточка для обучения операторов"]
NOTES_LONG = [
    "Клиент с 2015 года. Часто заказывает на большую компанию по выходным. В марте 2024 была "
    "жалоба на опоздание курьера (более 40 минут), вопрос решён бонусом на счёт. Просит "
    "предупреждать о задержке звонком, а не SMS. Шлагбаум во дворе: курьеру называть номер "
    "квартиры охране.",
    "Заказы для офиса и домой, адреса не путать: рабочий только по будним дням с 12 до 16. "
    "Бухгалтерия запрашивает закрывающие документы на юрлицо раз в месяц (контакт — "
    "рабочий телефон). Непереносимость лактозы, в заказе отмечать отдельно.",
]
DOP_INFO = ["", "", "", "", "домофон не работает", "позвонить за 10 минут", "код на калитке 1357",
            "шлагбаум, назвать номер квартиры", "вход со двора", "не звонить в дверь, спит ребёнок",
            "офис, спросить на ресепшене", "подъезд с торца дома", "собака, не пугаться"]
GROUPS = [(3, "основная"), (4, "серебряная"), (5, "золотая"), (6, "сотрудники")]
ACCOUNT_TYPES = [  # (id, name, debit, credit)
    (11, "тестовый дебетовый", False, False),
    (12, "бонусный", True, False),
    (13, "депозитный", True, True),
    (14, "подарочный сертификат", True, False),
    (15, "корпоративный кредитный", True, True),
]
EMAIL_DOMAINS = ["example.com", "example.org", "example.net"]
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch  y  e yu ya".split(" ")))


def translit(s: str) -> str:
    return "".join(TRANSLIT.get(c, c) for c in s.lower())


PATRONYMIC_STEM = {
    "Александр": "Александров", "Алексей": "Алексеев", "Анатолий": "Анатольев", "Андрей": "Андреев",
    "Борис": "Борисов", "Василий": "Васильев", "Виктор": "Викторов", "Владимир": "Владимиров",
    "Геннадий": "Геннадьев", "Григорий": "Григорьев", "Дмитрий": "Дмитриев", "Евгений": "Евгеньев",
    "Иван": "Иванов", "Игорь": "Игорев", "Константин": "Константинов", "Михаил": "Михайлов",
    "Николай": "Николаев", "Олег": "Олегов", "Павел": "Павлов", "Пётр": "Петров", "Сергей": "Сергеев",
    "Юрий": "Юрьев", "Валерий": "Валерьев", "Аркадий": "Аркадьев",
}


def patronymic(father: str, male: bool) -> str:
    return PATRONYMIC_STEM[father] + ("ич" if male else "на")


def phone(rng: random.Random, fmt: int) -> str:
    a, b, c = rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99)
    return f"+7 999 {a}-{b:02d}-{c:02d}" if fmt == 0 else f"+7999{a}{b:02d}{c:02d}"


def build_clients(src: Src, streets, metro, vendor_client):
    rng = random.Random(SEED_VALUE)
    rf_m = src.json("russiafaker", "male/male_surname.json")["MALE_SURNAMES"]
    rf_f = src.json("russiafaker", "female/female_surname.json")["FEMALE_SURNAMES"]
    surnames = list(zip(rf_m, rf_f))
    street_by_city = {MOSCOW: [s for s in streets if s[1] == MOSCOW],
                      SPB: [s for s in streets if s[1] == SPB]}
    metro_by_city = {MOSCOW: [m for m in metro if m[1] == MOSCOW],
                     SPB: [m for m in metro if m[1] == SPB]}
    next_contact, next_address = FIRST_CONTACT_ID, FIRST_ADDRESS_ID
    next_account = 10610
    clients = [vendor_client]
    used_names = {("Безногов", "Сергей")}
    long_notes = list(NOTES_LONG)
    note_pool: list[str] = []
    readonly_left = 2
    for idx, cid in enumerate(CLIENT_IDS):
        male = rng.random() < 0.5
        while True:
            sm, sf = rng.choice(surnames)
            first = rng.choice(MALE_NAMES if male else FEMALE_NAMES)
            last = sm if male else sf
            if (last, first) not in used_names:
                used_names.add((last, first))
                break
        middle = "" if rng.random() < 0.12 else patronymic(rng.choice(FATHER_NAMES), male)
        birthday = "" if rng.random() < 0.15 else \
            f"{rng.randint(1950, 2004)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if not note_pool:
            note_pool = list(NOTES_SHORT)
            rng.shuffle(note_pool)
        note = long_notes.pop() if idx in (7, 23) else note_pool.pop()

        contacts = []
        kinds = [3] + rng.sample([1, 2, 3, 4, 4, 5, 6], rng.randint(0, 3))
        if idx == 5:          # one card with an e-mail only
            kinds = [4]
        for k in kinds:
            if k in (1, 2, 3):
                value = phone(rng, rng.randint(0, 1))
            elif k == 4:
                value = f"{translit(first)}.{translit(last)}{rng.randint(1, 99)}@{rng.choice(EMAIL_DOMAINS)}"
            elif k == 5:
                value = f"{translit(last)}_{translit(first)[:3]}_demo"
            else:
                value = str(rng.randint(100000000, 699999999))
            contacts.append({"id": str(next_contact), "typeId": str(k), "value": value})
            next_contact += 1

        addresses = []
        city = MOSCOW if rng.random() < 0.7 else SPB
        n_addr = rng.choice([0, 1, 1, 1, 2, 2, 3])
        for a in range(n_addr):
            sid, _, _, zip_ = rng.choice(street_by_city[city])
            high = rng.random() < 0.7
            floor = rng.randint(1, 17) if high else rng.randint(1, 5)
            entry = rng.randint(1, 8)
            apt = (entry - 1) * 4 * 17 + (floor - 1) * 4 + rng.randint(1, 4) if high else rng.randint(1, 90)
            office = a == 1
            addresses.append({
                "id": str(next_address), "typeId": "2" if office else "1", "countryId": str(RUSSIA),
                "zip": zip_, "region": "", "cityId": city, "streetId": sid,
                "house": str(rng.randint(1, 120)) + rng.choice(["", "", "", "", "А", "Б"]),
                "building": rng.choice(["", "", "", "1", "2", "3"]),
                "entry": "" if office else str(entry),
                "floor": str(floor),
                "apartments": (f"оф. {rng.randint(100, 520)}" if office else str(apt)),
                "entryCode": "" if office or rng.random() < 0.3 else
                             rng.choice([f"{apt}#{rng.randint(1000, 9999)}", f"{apt}", f"{apt}К{rng.randint(100, 999)}"]),
                "dopInfo": rng.choice(DOP_INFO),
                "lat": "", "lng": "",
                "metroStationId": "" if rng.random() < 0.2 else str(rng.choice(metro_by_city[city])[0]),
                "readOnly": False,
            })
            next_address += 1
            if rng.random() < 0.15:
                city = SPB if city == MOSCOW else MOSCOW
        if addresses and readonly_left and idx in (2, 11, 19, 30):
            addresses[0]["readOnly"] = True
            readonly_left -= 1

        accounts = []
        for _ in range(rng.choice([0, 0, 1, 1, 1, 2])):
            tid, tname, deb, cred = rng.choice(ACCOUNT_TYPES)
            r = rng.random()
            bal = 0 if r < 0.2 else (rng.randint(100, 99999) / 100 if r < 0.7 else rng.randint(100000, 2500000) / 100)
            if tid == 15 and rng.random() < 0.5:
                bal = -bal
            accounts.append({
                "accountNumber": f"03.00011.{next_account:08d}.0001",
                "status": "Blocked" if rng.random() < 0.15 else "Active",
                "accountTypeID": tid, "accountTypeName": tname,
                "accountDebitEnabled": deb, "accountCreditEnabled": cred,
                "dateCreate": f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T00:00:00",
                "balance": round(bal, 2),
                "accountCode": None if rng.random() < 0.6 else f"{rng.randint(10000, 99999)}",
            })
            next_account += rng.randint(1, 40)

        cards = []
        for _ in range(rng.choice([0, 1, 1, 1, 2])):
            y, m, d = rng.randint(2018, 2025), rng.randint(1, 12), rng.randint(1, 28)
            years = rng.choice([2, 3, 5, 10, 10])
            expired = f"{y + years}-{m:02d}-{d:02d}T00:00:00"
            gid, gname = rng.choice(GROUPS)
            cards.append({
                "cardCode": str(rng.randint(100000000, 999999999)),
                "isVirtualCard": rng.random() < 0.25, "isConfirmManager": rng.random() < 0.2,
                "status": "Blocked" if rng.random() < 0.1 else "Active",
                "dateOffered": f"{y}-{m:02d}-{d:02d}T00:00:00",
                "dateExpired": expired, "groupID": gid, "groupName": gname,
            })

        clients.append({"id": cid, "lastname": last, "firstname": first, "middlename": middle,
                        "birthday": birthday, "note": note, "contacts": contacts,
                        "addresses": addresses, "accounts": accounts, "cards": cards})
    return clients


# --------------------------------------------------------------------------
# output
# --------------------------------------------------------------------------

def jv(v) -> str:
    if isinstance(v, float):
        return f"{v:.2f}"
    return json.dumps(v, ensure_ascii=False)


def jobj(d: dict) -> str:
    return "{ " + ", ".join(f"{jv(k)}: {jv(v) if k != 'balance' else f'{float(v):.2f}'}" for k, v in d.items()) + " }"


def dump_clients(clients) -> str:
    out = ["["]
    for ci, c in enumerate(clients):
        out.append("  {")
        for k in ("id", "lastname", "firstname", "middlename", "birthday", "note"):
            out.append(f"    {jv(k)}: {jv(c[k])},")
        for li, k in enumerate(("contacts", "addresses", "accounts", "cards")):
            items = c[k]
            tail = "," if li < 3 else ""
            if not items:
                out.append(f"    {jv(k)}: []{tail}")
                continue
            out.append(f"    {jv(k)}: [")
            for ii, it in enumerate(items):
                out.append("      " + jobj(it) + ("," if ii < len(items) - 1 else ""))
            out.append(f"    ]{tail}")
        out.append("  }" + ("," if ci < len(clients) - 1 else ""))
    out.append("]")
    return "\n".join(out) + "\n"


def tsv(header: list[str], rows) -> str:
    return "\t".join(header) + "\n" + "".join("\t".join(str(x) for x in r) + "\n" for r in rows)


VENDOR_CLIENT_ID = "10000000009188"
# The vendor's sample client (crm-api.ru.txt), kept exactly as the first seed had it.
VENDOR_CLIENT = r"""{
  "id": "10000000009188", "lastname": "Безногов", "firstname": "Сергей", "middlename": "Витальевич",
  "birthday": "1971-10-18", "note": "лояльный клиент",
  "contacts": [
    { "id": "10000000008064", "typeId": "1", "value": "333" },
    { "id": "10000000008066", "typeId": "2", "value": "+79998887766" }
  ],
  "addresses": [
    { "id": "10000000003276", "typeId": "1", "countryId": "2", "zip": "111111", "region": "",
      "cityId": "10000000000002", "streetId": "10000000000031", "house": "10", "building": "",
      "entry": "", "floor": "", "apartments": "7", "entryCode": "", "dopInfo": "",
      "lat": "", "lng": "", "metroStationId": "3", "readOnly": false }
  ],
  "accounts": [
    { "accountNumber": "03.00011.00010593.0001", "status": "Active", "accountTypeID": 11,
      "accountTypeName": "тестовый дебетовый", "accountDebitEnabled": false,
      "accountCreditEnabled": false, "dateCreate": "2020-02-13T00:00:00", "balance": 0.00,
      "accountCode": null }
  ],
  "cards": [
    { "cardCode": "112232213", "isVirtualCard": false, "isConfirmManager": false,
      "status": "Active", "dateOffered": "2019-12-25T00:00:00",
      "dateExpired": "2021-12-25T00:00:00", "groupID": 3, "groupName": "основная" }
  ]
}"""


def generate(src_dir: Path):
    src = Src(src_dir)
    vendor = json.loads(VENDOR_CLIENT)
    countries = build_countries(src)
    cities = build_cities(src)
    streets = build_streets(src)
    metro = build_metro(src)
    clients = build_clients(src, streets, metro, vendor)
    files = {
        "countries.tsv": tsv(["id", "name"], countries),
        "cities.tsv": tsv(["id", "country_id", "name"], cities),
        "streets.tsv": tsv(["id", "city_id", "name", "postcode"], streets),
        "metro.tsv": tsv(["id", "city_id", "name"], metro),
        "clients.json": dump_clients(clients),
    }
    for name, text in files.items():
        (SEED / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote assets/seed/{name}: {text.count(chr(10)) - (1 if name.endswith('.tsv') else 0)} "
              f"{'rows' if name.endswith('.tsv') else 'lines'}")


# --------------------------------------------------------------------------
# --check
# --------------------------------------------------------------------------

def check() -> int:
    errs: list[str] = []

    def err(msg):
        errs.append(msg)

    def read_tsv(name, header):
        raw = (SEED / name).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            err(f"{name}: not UTF-8 ({e})")
            return []
        if not text.endswith("\n"):
            err(f"{name}: no newline at end")
        lines = text.split("\n")[:-1]
        if lines[0].split("\t") != header:
            err(f"{name}: header {lines[0]!r}")
        rows = []
        for i, line in enumerate(lines[1:], 2):
            f = line.split("\t")
            if len(f) != len(header):
                err(f"{name}:{i}: {len(f)} fields")
                continue
            for x in f:
                if re.search(r"[\x00-\x1f\x7f]", x) or x != x.strip():
                    err(f"{name}:{i}: control character or stray space in {x!r}")
                if x == "":
                    err(f"{name}:{i}: empty field")
            rows.append(f)
        ids = [r[0] for r in rows]
        if len(ids) != len(set(ids)):
            err(f"{name}: duplicate ids")
        return rows

    countries = read_tsv("countries.tsv", ["id", "name"])
    cities = read_tsv("cities.tsv", ["id", "country_id", "name"])
    streets = read_tsv("streets.tsv", ["id", "city_id", "name", "postcode"])
    metro = read_tsv("metro.tsv", ["id", "city_id", "name"])

    cname = {r[0]: r[1] for r in countries}
    if len(countries) < 200:
        err(f"countries: {len(countries)} < 200")
    for cid, name in (("2", "Россия"), ("5", "Молдова"), ("4", "Узбекистан")):
        if cname.get(cid) != name:
            err(f"country {cid} is {cname.get(cid)!r}, not {name}")
    for name in ("Беларусь", "Казахстан"):
        if name not in cname.values():
            err(f"country {name} missing")
    if len(set(cname.values())) != len(cname):
        err("countries: duplicate names")
    for r in countries:
        if not re.fullmatch(r"\d{1,4}", r[0]):
            err(f"country id {r[0]!r} is not a small integer")

    city = {r[0]: r for r in cities}
    for r in cities:
        if not re.fullmatch(r"\d{14}", r[0]):
            err(f"city id {r[0]!r} not 14 digits")
        if r[1] not in cname:
            err(f"city {r[0]}: unknown country {r[1]}")
    if "10000000000034" in city:
        err("city id 10000000000034 is the vendor's POST sample and must stay free")
    for cid, country, name in (("10000000000002", "2", "Москва"), ("10000000000024", "2", "Хабаровск"),
                               ("10000000000021", "5", "Кишинев"), ("10000000000016", "4", "Ташкент")):
        if city.get(cid) != [cid, country, name]:
            err(f"city {cid} is {city.get(cid)}, not {name}")
    per_country: dict[str, list[str]] = {}
    for r in cities:
        per_country.setdefault(r[1], []).append(r[2])
    for c, names in per_country.items():
        if len(names) != len(set(names)):
            err(f"cities of country {c}: duplicate names")
    ru = per_country.get("2", [])
    if len(ru) < 1000:
        err(f"Russian cities: {len(ru)} < 1000")
    for name in ("Москва", "Санкт-Петербург", "Новосибирск", "Казань", "Хабаровск", "Таганрог"):
        if name not in ru:
            err(f"city {name} missing")
    by = {v: k for k, v in cname.items()}
    for country in ("Молдова", "Узбекистан", "Беларусь", "Казахстан"):
        if len(per_country.get(by.get(country, "?"), [])) < 3:
            err(f"too few cities for {country}")
    moscow = next(r[0] for r in cities if r[1] == "2" and r[2] == "Москва")
    spb = next((r[0] for r in cities if r[1] == "2" and r[2] == "Санкт-Петербург"), None)

    street = {r[0]: r for r in streets}
    for r in streets:
        if not re.fullmatch(r"\d{14}", r[0]):
            err(f"street id {r[0]!r} not 14 digits")
        if r[1] not in city:
            err(f"street {r[0]}: unknown city {r[1]}")
        if r[1] == moscow and not re.fullmatch(r"1\d{5}", r[3]):
            err(f"Moscow street {r[2]}: postcode {r[3]}")
        if r[1] == spb and not re.fullmatch(r"19\d{4}", r[3]):
            err(f"SPb street {r[2]}: postcode {r[3]}")
        if re.search(r"(^|\s)ул\.?$|^ул\.", r[2]):
            err(f"street {r[2]!r}: 'ул.' decoration")
    for sid, c, name, pc in STREET_FIXED:
        if street.get(sid) != [sid, c, name, pc]:
            err(f"street {sid} changed: {street.get(sid)}")
    per_city: dict[str, list[str]] = {}
    for r in streets:
        per_city.setdefault(r[1], []).append(r[2])
    for c, names in per_city.items():
        if len(names) != len(set(names)):
            err(f"streets of city {c}: duplicate names")
    if len(per_city.get(moscow, [])) < 2500:
        err(f"Moscow streets: {len(per_city.get(moscow, []))} < 2500")
    if len(per_city.get(spb, [])) < 100:
        err(f"SPb streets: {len(per_city.get(spb, []))} < 100")
    for name in ("Тверская", "Арбат", "Остоженка", "Маросейка", "Ленинский проспект", "Большая Дмитровка"):
        if name not in per_city.get(moscow, []):
            err(f"Moscow street {name} missing")

    st = {r[0]: r for r in metro}
    for r in metro:
        if not re.fullmatch(r"\d{1,5}", r[0]):
            err(f"metro id {r[0]!r} is not a small integer")
        if r[1] not in city:
            err(f"metro {r[0]}: unknown city {r[1]}")
    for mid, name in (("1", "Авиамоторная"), ("2", "Автозаводская"), ("3", "Академическая")):
        if st.get(mid) != [mid, moscow, name]:
            err(f"metro {mid} is {st.get(mid)}, not {name}")
    per_city_m: dict[str, list[str]] = {}
    for r in metro:
        per_city_m.setdefault(r[1], []).append(r[2])
    for c, names in per_city_m.items():
        if len(names) != len(set(names)):
            err(f"metro of city {c}: duplicate names")
    mm = per_city_m.get(moscow, [])
    if len(mm) < 200:
        err(f"Moscow metro: {len(mm)} < 200")
    if len(per_city_m.get(spb, [])) < 60:
        err(f"SPb metro: {len(per_city_m.get(spb, []))} < 60")
    for name in ("Бульвар Рокоссовского", "Лужники", "Мнёвники", "Коммунарка", "Ховрино"):
        if name not in mm:
            err(f"Moscow metro {name} missing")
    for name in ("Улица Подбельского", "Челобитьево", "Улица Дыбенко"):
        if name in mm:
            err(f"Moscow metro {name}: not a current station")

    raw = (SEED / "clients.json").read_bytes()
    try:
        clients = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        err(f"clients.json: {e}")
        clients = []
    if not raw.endswith(b"\n"):
        err("clients.json: no newline at end")
    if len(clients) != 40:
        err(f"clients: {len(clients)} != 40")
    ids: list[str] = []
    sub_ids: list[str] = []
    client_keys = ["id", "lastname", "firstname", "middlename", "birthday", "note",
                   "contacts", "addresses", "accounts", "cards"]
    addr_keys = ["id", "typeId", "countryId", "zip", "region", "cityId", "streetId", "house", "building",
                 "entry", "floor", "apartments", "entryCode", "dopInfo", "lat", "lng", "metroStationId",
                 "readOnly"]
    n_ro = 0
    for c in clients:
        cid = c.get("id", "?")
        ids.append(cid)
        if list(c) != client_keys:
            err(f"client {cid}: keys {list(c)}")
            continue
        if not re.fullmatch(r"\d{14}", cid):
            err(f"client id {cid!r}")
        if c["birthday"] and not re.fullmatch(r"\d{4}-\d\d-\d\d", c["birthday"]):
            err(f"client {cid}: birthday {c['birthday']!r}")
        for s in (c["lastname"], c["firstname"], c["middlename"], c["note"]):
            if re.search(r"[\x00-\x1f\x7f]", s):
                err(f"client {cid}: control character")
        if not 1 <= len(c["contacts"]) <= 4:
            err(f"client {cid}: {len(c['contacts'])} contacts")
        for k in c["contacts"]:
            sub_ids.append(k["id"])
            if k["typeId"] not in {"1", "2", "3", "4", "5", "6"}:
                err(f"client {cid}: contact type {k['typeId']}")
            if k["typeId"] == "4" and "@" not in k["value"]:
                err(f"client {cid}: e-mail {k['value']!r}")
        if len(c["addresses"]) > 3:
            err(f"client {cid}: {len(c['addresses'])} addresses")
        for a in c["addresses"]:
            sub_ids.append(a["id"])
            if list(a) != addr_keys:
                err(f"address {a['id']}: keys {list(a)}")
                continue
            n_ro += a["readOnly"] is True
            if a["typeId"] not in {"1", "2"}:
                err(f"address {a['id']}: type {a['typeId']}")
            s = street.get(a["streetId"])
            if s is None:
                err(f"address {a['id']}: unknown street {a['streetId']}")
                continue
            if s[1] != a["cityId"] or a["zip"] != s[3]:
                err(f"address {a['id']}: city/zip do not match the street")
            if a["cityId"] not in city or city[a["cityId"]][1] != a["countryId"]:
                err(f"address {a['id']}: city/country do not resolve")
            if a["metroStationId"] and (a["metroStationId"] not in st or st[a["metroStationId"]][1] != a["cityId"]):
                err(f"address {a['id']}: metro {a['metroStationId']} not in that city")
        for acc in c["accounts"]:
            if not re.fullmatch(r"03\.00011\.\d{8}\.0001", acc["accountNumber"]) or \
                    acc["status"] not in ("Active", "Blocked") or not isinstance(acc["accountTypeID"], int) or \
                    not isinstance(acc["balance"], (int, float)) or \
                    not (acc["accountCode"] is None or isinstance(acc["accountCode"], str)):
                err(f"client {cid}: account {acc}")
        for card in c["cards"]:
            for k in ("dateOffered", "dateExpired"):
                if not re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00", card[k]):
                    err(f"client {cid}: card {k} {card[k]!r}")
            if not isinstance(card["groupID"], int):
                err(f"client {cid}: card groupID")
        if len(c["accounts"]) > 2 or len(c["cards"]) > 2:
            err(f"client {cid}: too many accounts/cards")
    if len(ids) != len(set(ids)):
        err("clients: duplicate ids")
    if len(sub_ids) != len(set(sub_ids)) or any(not re.fullmatch(r"\d{14}", i) for i in sub_ids):
        err("contact/address ids not unique 14-digit strings")
    if VENDOR_CLIENT_ID not in ids:
        err("vendor client 10000000009188 missing")
    if n_ro < 1:
        err("no read-only address")

    for e in errs:
        print("ERROR", e)
    print(f"countries {len(countries)}, cities {len(cities)} (Russia {len(ru)}), "
          f"streets {len(streets)} (Moscow {len(per_city.get(moscow, []))}, SPb {len(per_city.get(spb, []))}), "
          f"metro {len(metro)} (Moscow {len(mm)}, SPb {len(per_city_m.get(spb, []))}), clients {len(clients)}, "
          f"read-only addresses {n_ro}")
    print("check: OK" if not errs else f"check: {len(errs)} error(s)")
    return 1 if errs else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", type=Path, help="folder with the downloaded source archives")
    ap.add_argument("--check", action="store_true", help="validate assets/seed/ and exit")
    a = ap.parse_args()
    if a.check:
        sys.exit(check())
    if not a.src:
        ap.error("--src DIR or --check")
    generate(a.src)
    sys.exit(check())


if __name__ == "__main__":
    main()
