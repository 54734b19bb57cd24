"""Pseudo-news text for the synthetic corpus: word lists and sentence templates per edition.

Pure functions of their arguments (no database, no global random state): the same
``random.Random`` state gives the same article, so a corpus is reproducible from its seed.
Pools (places, organisations, people, tags) are fixed sequences per language, so every
run and every seed draws its authors, entities and tags from the same named pool.

The texts never contain ``&``, ``<`` or ``>``: a paragraph's HTML is its escaped text in
``<p>``, and its reader-visible text (what "Read also" indexes) is the text itself.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from vestnik.core.translit import transliterate

LANGUAGES = ("ru", "ky", "en")

# Place: (ru, ru locative, ky, ky locative, en).
_PLACES = [
    line.split("|")
    for line in """\
Бишкек|Бишкеке|Бишкек|Бишкекте|Bishkek
Ош|Оше|Ош|Ошто|Osh
Нарын|Нарыне|Нарын|Нарында|Naryn
Талас|Таласе|Талас|Таласта|Talas
Каракол|Караколе|Каракол|Караколдо|Karakol
Баткен|Баткене|Баткен|Баткенде|Batken
Джалал-Абад|Джалал-Абаде|Жалал-Абад|Жалал-Абадда|Jalal-Abad
Токмок|Токмоке|Токмок|Токмокто|Tokmok
Кара-Балта|Кара-Балте|Кара-Балта|Кара-Балтада|Kara-Balta
Чолпон-Ата|Чолпон-Ате|Чолпон-Ата|Чолпон-Атада|Cholpon-Ata
Балыкчы|Балыкчы|Балыкчы|Балыкчыда|Balykchy
Кант|Канте|Кант|Кантта|Kant
Кызыл-Кия|Кызыл-Кие|Кызыл-Кыя|Кызыл-Кыяда|Kyzyl-Kiya
Узген|Узгене|Өзгөн|Өзгөндө|Uzgen
Кара-Суу|Кара-Суу|Кара-Суу|Кара-Сууда|Kara-Suu
Ат-Баши|Ат-Баши|Ат-Башы|Ат-Башыда|At-Bashy
Кочкор|Кочкоре|Кочкор|Кочкордо|Kochkor
Сокулук|Сокулуке|Сокулук|Сокулукта|Sokuluk
Ноокат|Ноокате|Ноокат|Ноокатта|Nookat
Исфана|Исфане|Исфана|Исфанада|Isfana""".splitlines()
]

# Subjects of stories, one per line: ru | ky | en | the rubric (slug) they usually run in.
_SUBJECTS = [
    line.split("|")
    for line in """\
питьевая вода|ичүүчү суу|drinking water|society
тарифы на электроэнергию|электр энергиясынын тарифтери|electricity tariffs|economy
ремонт дорог|жол оңдоо|road repairs|society
строительство школ|мектеп куруу|school construction|education
цены на хлеб|нан баасы|bread prices|economy
урожай пшеницы|буудай түшүмү|wheat harvest|economy
отопительный сезон|жылытуу мезгили|heating season|society
пенсионная реформа|пенсиялык реформа|pension reform|politics
цифровые госуслуги|санариптик мамлекеттик кызматтар|digital public services|society
экспорт мяса|эт экспорту|meat exports|economy
туристический сезон|туристтик мезгил|tourist season|economy
качество воздуха|абанын сапаты|air quality|health
городской транспорт|шаардык транспорт|city transport|society
строительство жилья|турак жай куруу|housing construction|economy
детская медицина|балдар медицинасы|children's medicine|health
вакцинация|эмдөө|vaccination|health
выпускные экзамены|бүтүрүү сынактары|final exams|education
малый бизнес|чакан бизнес|small business|economy
налоговые льготы|салык жеңилдиктери|tax breaks|economy
борьба с коррупцией|коррупцияга каршы күрөш|fight against corruption|politics
судебная реформа|сот реформасы|court reform|politics
местные выборы|жергиликтүү шайлоо|local elections|politics
пограничный переход|чек ара өткөөлү|border crossing|world
трудовая миграция|эмгек миграциясы|labour migration|world
денежные переводы|акча которуулар|remittances|economy
курс сома|сомдун курсу|som exchange rate|economy
инфляция|инфляция|inflation|economy
горнодобывающая отрасль|тоо-кен тармагы|mining industry|economy
добыча золота|алтын казып алуу|gold mining|economy
пастбища|жайыттар|pastures|society
водохранилище|суу сактагыч|reservoir|society
гидроэлектростанция|гидроэлектростанция|hydropower plant|economy
солнечная энергетика|күн энергетикасы|solar energy|economy
селевые потоки|сел агымдары|mudflows|incidents
землетрясение|жер титирөө|earthquake|incidents
лесные пожары|токой өрттөрү|forest fires|incidents
дорожные аварии|жол кырсыктары|road accidents|incidents
молодежная политика|жаштар саясаты|youth policy|politics
национальная сборная|улуттук курама|national team|sports
кочевые игры|көчмөндөр оюндары|nomad games|sports
театральный фестиваль|театр фестивалы|theatre festival|culture
сельские библиотеки|айылдык китепканалар|village libraries|culture
государственный язык|мамлекеттик тил|state language|culture
сельская медицина|айылдык медицина|rural medicine|health
онкологическая помощь|онкологиялык жардам|cancer care|health
ирригационные каналы|сугат каналдары|irrigation canals|society
уличное освещение|көчө жарыгы|street lighting|society
вывоз мусора|таштанды чыгаруу|waste collection|society
детские сады|балдар бакчалары|kindergartens|education
мобильный интернет|мобилдик интернет|mobile internet|society""".splitlines()
]

_ORG_KINDS = {
    "ru": ["Министерство {}", "Агентство {}", "Управление {}", "Бюро {}"],
    "ky": ["{} министрлиги", "{} агенттиги", "{} башкармалыгы", "{} бюросу"],
    "en": ["Ministry of {}", "State Agency for {}", "Department of {}", "Bureau of {}"],
}
_ORG_FIELDS = [
    line.split("|")
    for line in """\
здравоохранения|Саламаттык сактоо|Health
образования и науки|Билим берүү жана илим|Education and Science
экономики и коммерции|Экономика жана коммерция|Economy and Commerce
финансов|Финансы|Finance
транспорта и коммуникаций|Транспорт жана коммуникациялар|Transport and Communications
энергетики|Энергетика|Energy
сельского хозяйства|Айыл чарба|Agriculture
природных ресурсов|Жаратылыш ресурстары|Natural Resources
культуры|Маданият|Culture
цифрового развития|Санариптик өнүктүрүү|Digital Development
труда и социального развития|Эмгек жана социалдык өнүгүү|Labour and Social Development
водных ресурсов|Суу ресурстары|Water Resources
туризма|Туризм|Tourism
по делам молодежи|Жаштар иштери|Youth Affairs
чрезвычайных ситуаций|Өзгөчө кырдаалдар|Emergency Situations""".splitlines()
]

_GIVEN_M = [
    "Нурлан",
    "Азамат",
    "Бакыт",
    "Марат",
    "Эрлан",
    "Улан",
    "Талант",
    "Канат",
    "Айбек",
    "Чынгыз",
    "Тимур",
    "Эмиль",
    "Руслан",
    "Алмаз",
    "Мирлан",
    "Самат",
    "Бекболот",
    "Нурбек",
    "Данияр",
    "Эрмек",
]
_GIVEN_F = [
    "Айгуль",
    "Гульнара",
    "Жылдыз",
    "Назгуль",
    "Айжан",
    "Асель",
    "Чолпон",
    "Бермет",
    "Динара",
    "Айпери",
    "Элиза",
    "Гульмира",
    "Мээрим",
    "Нуриза",
    "Салтанат",
]
_FAMILY = [
    "Асанов",
    "Токтогулов",
    "Мамбетов",
    "Осмонов",
    "Абдыкадыров",
    "Жумабеков",
    "Сыдыков",
    "Исаков",
    "Кадыров",
    "Бекмуратов",
    "Турдуев",
    "Алиев",
    "Орозбаев",
    "Жумабаев",
    "Садыков",
    "Шаршенов",
    "Абдыраимов",
    "Калматов",
    "Эсенов",
    "Бакиров",
    "Иманалиев",
    "Мукашев",
    "Уметалиев",
    "Чотонов",
    "Кенжебаев",
]

# Templates. Slots: {S} subject, {P} place, {L} place with "in", {O} organisation, {ov}
# an organisation's verb, {N} a person, {nv} a person's speech verb, {X} {Z} {Y} numbers.
_T = {
    "ru": {
        "ov": [
            "сообщило",
            "объявило",
            "представило",
            "утвердило",
            "обсудило",
            "одобрило",
            "подготовило",
            "опубликовало",
        ],
        "nv": ["заявил", "сообщил", "отметил", "подчеркнул", "рассказал", "напомнил"],
        "headline": [
            "{P}: {S} — главные вопросы недели",
            "{O} {ov} меры по теме «{S}»",
            "«{S}»: {N} назвал{a} сроки",
            "В {L} обсудят тему «{S}»",
            "Тема «{S}» в {L}: {X} млн сомов на новый проект",
            "«{S}»: {O} {ov} итоги проверки",
            "{S}: что изменится в {L}",
        ],
        "lead": [
            "{O} {ov} новые меры по теме «{S}». Решение коснется тысяч жителей в {L}.",
            "В {L} продолжается обсуждение темы «{S}»: {N} {nv}{a}, что решение примут до конца года.",  # noqa: E501
            "Тема «{S}» снова в центре внимания после заседания в {L}.",
        ],
        "sentence": [
            "{O} {ov} предложения по теме «{S}» на встрече с жителями в {L}.",
            "По данным ведомства, на эти цели в {Y} году предусмотрено {X} млн сомов.",
            "{N} {nv}{a}, что работы планируется завершить до конца года.",
            "Эксперты считают, что без системных решений проблема сохранится еще несколько лет.",
            "В {L} уже создана рабочая группа, в которую вошли депутаты и активисты.",
            "Ранее тема «{S}» обсуждалась на заседании правительства.",
            "Напомним, в прошлом году на проект было выделено {X} млн сомов.",
            "Местные власти обещают ежемесячно публиковать отчеты о ходе работ.",
            "Первые результаты станут известны через {Z} месяцев.",
            "Всего в программе участвуют {X} семей и {Z} предприятий.",
            "Жители жалуются на задержки и просят ускорить работы.",
            "Мониторинг будет проводиться совместно с международными партнерами.",
            "Аналитики отмечают рост интереса к теме «{S}» среди молодежи.",
            "Следующее обсуждение запланировано на будущую неделю.",
        ],
        "subheading": "Что известно|Позиция властей|Что говорят жители|Цифры|Что дальше|Мнение экспертов|Контекст",  # noqa: E501
        "item": [
            "сроки: до конца {Y} года",
            "бюджет: {X} млн сомов",
            "ответственный: {O}",
            "место: {P}",
            "участники: {Z} организаций",
        ],
        "quote": [
            "Мы понимаем, насколько тема «{S}» важна для людей, и будем работать открыто",
            "Все решения по теме «{S}» будут приняты после консультаций с жителями",
            "В {L} ситуация под контролем, но работы еще много",
        ],
    },
    "ky": {
        "ov": [
            "билдирди",
            "жарыялады",
            "сунуштады",
            "бекитти",
            "талкуулады",
            "жактырды",
            "даярдады",
        ],
        "nv": ["билдирди", "белгиледи", "баса белгиледи", "айтты", "эскертти"],
        "headline": [
            "{P}: {S} — аптанын негизги маселелери",
            "{O} «{S}» боюнча чараларды {ov}",
            "«{S}»: {N} мөөнөттөрдү атады",
            "{L} «{S}» темасы талкууланат",
            "{L} «{S}»: жаңы долбоорго {X} миллион сом",
            "«{S}»: {O} текшерүүнүн жыйынтыгын {ov}",
            "{S}: {L} эмне өзгөрөт",
        ],
        "lead": [
            "{O} «{S}» боюнча жаңы чараларды {ov}. Чечим {L} миңдеген тургундарга тиешелүү.",
            "{L} «{S}» темасын талкуулоо уланууда: {N} чечим жыл аягына чейин кабыл алынарын {nv}.",
            "«{S}» темасы {L} өткөн жыйындан кийин кайрадан көңүл борборунда.",
        ],
        "sentence": [
            "{O} {L} тургундар менен жолугушууда «{S}» боюнча сунуштарды {ov}.",
            "Мекеменин маалыматы боюнча, бул максатка {Y}-жылы {X} миллион сом каралган.",
            "{N} иштерди жыл аягына чейин бүтүрүү пландалып жатканын {nv}.",
            "Эксперттердин пикиринде, системалуу чечимдерсиз көйгөй дагы бир нече жылга созулат.",
            "{L} депутаттар жана активисттер кирген жумушчу топ түзүлдү.",
            "Буга чейин «{S}» темасы өкмөттүн жыйынында талкууланган.",
            "Эске салсак, өткөн жылы долбоорго {X} миллион сом бөлүнгөн.",
            "Жергиликтүү бийлик иштердин жүрүшү тууралуу отчетторду ай сайын жарыялайт.",
            "Алгачкы жыйынтыктар {Z} айдан кийин белгилүү болот.",
            "Программага жалпысынан {X} үй-бүлө жана {Z} ишкана катышат.",
            "Тургундар кечигүүлөргө нааразы болуп, иштерди тездетүүнү суранышууда.",
            "Мониторинг эл аралык өнөктөштөр менен биргеликте жүргүзүлөт.",
            "Аналитиктер жаштар арасында «{S}» темасына кызыгуу өсүп жатканын белгилешет.",
            "Кийинки талкуу келерки жумада өтөт.",
        ],
        "subheading": "Эмне белгилүү|Бийликтин позициясы|Тургундар эмне дейт|Сандар|Мындан ары эмне болот|Эксперттердин пикири|Контекст",  # noqa: E501
        "item": [
            "мөөнөт: {Y}-жылдын аягына чейин",
            "бюджет: {X} миллион сом",
            "жооптуу: {O}",
            "жер: {P}",
            "катышуучулар: {Z} уюм",
        ],
        "quote": [
            "Биз «{S}» темасы адамдар үчүн канчалык маанилүү экенин түшүнөбүз жана ачык иштейбиз",
            "«{S}» боюнча бардык чечимдер тургундар менен кеңешкенден кийин кабыл алынат",
            "{L} абал көзөмөлдө, бирок иш али көп",
        ],
    },
    "en": {
        "ov": [
            "announced",
            "presented",
            "approved",
            "discussed",
            "endorsed",
            "prepared",
            "published",
            "launched",
        ],
        "nv": ["said", "noted", "stressed", "told reporters", "recalled"],
        "headline": [
            "{P}: {S} tops the week's agenda",
            "{O} {ov} measures on {S}",
            "{S}: {N} names the deadlines",
            "Public hearings on {S} to open in {L}",
            "{S} in {L}: {X} million soms for a new project",
            "{S}: {O} {ov} the results of an inspection",
            "{S}: what changes in {L}",
        ],
        "lead": [
            "The {O} {ov} new measures on {S}. The decision affects thousands of residents in {L}.",
            "Debate on {S} continues in {L}: {N} {nv} a decision is due by the end of the year.",
            "{S} is back in the spotlight after a meeting in {L}.",
        ],
        "sentence": [
            "The {O} {ov} proposals on {S} at a meeting with residents in {L}.",
            "According to the agency, {X} million soms are set aside for this in {Y}.",
            "{N} {nv} the work is expected to be finished by the end of the year.",
            "Experts believe the problem will persist for several more years without systemic decisions.",  # noqa: E501
            "A working group of deputies and activists has already been set up in {L}.",
            "Earlier, {S} was discussed at a government meeting.",
            "Last year {X} million soms were allocated to the project.",
            "Local authorities promise to publish monthly progress reports.",
            "The first results will be known in {Z} months.",
            "In total, {X} families and {Z} companies take part in the programme.",
            "Residents complain about delays and ask for the work to be speeded up.",
            "Monitoring will be carried out together with international partners.",
            "Analysts note growing interest in {S} among young people.",
            "The next discussion is scheduled for next week.",
        ],
        "subheading": "What is known|The authorities' position|What residents say|In numbers|What next|Expert opinion|Background",  # noqa: E501
        "item": [
            "deadline: end of {Y}",
            "budget: {X} million soms",
            "responsible: {O}",
            "place: {P}",
            "participants: {Z} organisations",
        ],
        "quote": [
            "We understand how much {S} matters to people, and we will work openly",
            "Every decision on {S} will be taken after consulting residents",
            "The situation in {L} is under control, but there is a lot of work ahead",
        ],
    },
}
for _lang in _T.values():
    _lang["subheading"] = _lang["subheading"].split("|")


@dataclass(frozen=True)
class PoolEntity:
    """A named thing of an edition's pool: a person, an organisation or a place."""

    name: str
    kind: str  # "person", "organisation", "place"
    given: str = ""
    family: str = ""
    feminine: bool = False
    place: int = -1  # index into the place list, for places


@dataclass
class ArticleText:
    headline: str
    lead: str
    # (block type, value): "paragraph" plain text, "subheading" str, "quote" dict
    # (text, attribution, speaker: index into the people passed in, or None), "list" dict.
    blocks: list[tuple[str, object]] = field(default_factory=list)


@lru_cache(maxsize=16)
def _people(lang: str, offset: int) -> tuple[PoolEntity, ...]:
    """Every given x family combination in a fixed shuffled order (1,000 people)."""
    combos = list(product(_GIVEN_M + _GIVEN_F, _FAMILY))
    random.Random(f"people:{offset}").shuffle(combos)
    people = []
    for given, family in combos:
        feminine = given in _GIVEN_F
        family = family + "а" if feminine else family
        if lang == "en":
            given, family = transliterate(given), transliterate(family)
        people.append(PoolEntity(f"{given} {family}", "person", given, family, feminine))
    return tuple(people)


def author_pool(lang: str, size: int) -> list[PoolEntity]:
    """The first ``size`` authors of the edition's fixed author sequence."""
    return list(_people(lang, 1)[:size])


@lru_cache(maxsize=16)
def _entities(lang: str) -> tuple[PoolEntity, ...]:
    column = LANGUAGES.index(lang)
    places = [PoolEntity(row[(0, 2, 4)[column]], "place", place=i) for i, row in enumerate(_PLACES)]
    orgs = [
        PoolEntity(kind.format(fields[column]), "organisation")
        for kind in _ORG_KINDS[lang]
        for fields in _ORG_FIELDS
    ]
    return (*places, *orgs, *_people(lang, 2))


def entity_pool(lang: str, size: int) -> list[PoolEntity]:
    """Places, then organisations, then people: the first ``size`` of a fixed sequence."""
    return list(_entities(lang)[:size])


PLACE_COUNT, ORGANISATION_COUNT, SUBJECT_COUNT = len(_PLACES), 60, len(_SUBJECTS)


def tag_pool(lang: str, size: int) -> list[tuple[str, int]]:
    """(tag name, subject index): subjects, then "subject (place)" place by place."""
    column = LANGUAGES.index(lang)
    names = [(row[column], s) for s, row in enumerate(_SUBJECTS)]
    for place in _PLACES:
        names += [
            (f"{row[column]} ({place[(0, 2, 4)[column]]})", s) for s, row in enumerate(_SUBJECTS)
        ]
    return names[:size]


def subject(lang: str, index: int) -> str:
    return _SUBJECTS[index % len(_SUBJECTS)][LANGUAGES.index(lang)]


def subject_rubric(index: int) -> str:
    """The slug of the rubric a story on this subject usually runs in."""
    return _SUBJECTS[index % len(_SUBJECTS)][3]


def _fill(rng: random.Random, lang: str, template: str, slots: dict[str, str]) -> str:
    words = _T[lang]
    person_feminine = slots.get("_fem", False)
    text = template.format(
        S=slots["S"], P=slots["P"], L=slots["L"], O=slots["O"], N=slots["N"],
        ov=rng.choice(words["ov"]), nv=rng.choice(words["nv"]),
        a="а" if person_feminine and lang == "ru" else "",
        X=rng.randint(2, 950), Z=rng.randint(2, 24), Y=rng.randint(2024, 2027),
    )  # fmt: skip
    return text[0].upper() + text[1:]


def compose(
    rng: random.Random,
    lang: str,
    subject_index: int,
    place: int,
    people: list[PoolEntity],
    organisations: list[PoolEntity],
) -> ArticleText:
    """One article's text about a subject in a place, quoting ``people`` when given."""
    words = _T[lang]
    row = _PLACES[place % len(_PLACES)]
    name, where = {"ru": (row[0], row[1]), "ky": (row[2], row[3]), "en": (row[4], row[4])}[lang]
    speaker = rng.randrange(len(people)) if people else None
    person = people[speaker] if people else rng.choice(_people(lang, 3)[:50])
    slots = {
        "S": subject(lang, subject_index), "P": name, "L": where, "N": person.name,
        "_fem": person.feminine,
        "O": rng.choice(organisations).name if organisations else rng.choice(_entities(lang)[20:80]).name,  # noqa: E501
    }  # fmt: skip

    def paragraph(count: int) -> tuple[str, str]:
        return (
            "paragraph",
            " ".join(_fill(rng, lang, t, slots) for t in rng.sample(words["sentence"], count)),
        )

    blocks = [paragraph(rng.randint(2, 3)), paragraph(rng.randint(2, 3))]
    headings = rng.sample(words["subheading"], 2)
    blocks += [("subheading", headings[0]), paragraph(rng.randint(2, 4))]
    if rng.random() < 0.6:
        text = _fill(rng, lang, rng.choice(words["quote"]), slots)
        blocks.append(("quote", {"text": text, "attribution": person.name, "speaker": speaker}))
    if rng.random() < 0.4:
        items = [_fill(rng, lang, t, slots) for t in rng.sample(words["item"], rng.randint(2, 4))]
        blocks += [("subheading", headings[1]), ("list", {"style": "bulleted", "items": items})]
    blocks.append(paragraph(rng.randint(1, 3)))
    return ArticleText(
        headline=_fill(rng, lang, rng.choice(words["headline"]), slots),
        lead=_fill(rng, lang, rng.choice(words["lead"]), slots),
        blocks=blocks,
    )
