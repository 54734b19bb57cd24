"""Reader conversations of the demo newsroom, written for the project.

Each thread is a list of (name, text, state); "@newsroom" is the demo moderator answering
for the newsroom. Approved comments after the first reply to the previous approved one.
"""

COMMENTS = [
    {
        "article": "ru-bishkek-budget-hearings",
        "thread": [
            (
                "Нургуль",
                "Хорошо бы опубликовать и расходы по районам, а не только итоги.",
                "approved",
            ),
            (
                "Азамат",
                "Поддерживаю. В прошлом году таблицы выложили только через месяц.",
                "approved",
            ),
            (
                "@newsroom",
                "Таблицы по районам мы запросили в мэрии и добавим в статью, как только получим.",
                "approved",
            ),
            (
                "Гость",
                "А когда следующие слушания?",
                "pending",
            ),
        ],
    },
    {
        "article": "en-bishkek-bus-budget-amendment",
        "thread": [
            (
                "Dana",
                "Will the new buses run on the route to the airport as well?",
                "approved",
            ),
            (
                "Ruslan",
                "The amendment only mentions city routes, as far as I can tell.",
                "approved",
            ),
            (
                "Visitor",
                "Does anyone know if the fares change in spring?",
                "pending",
            ),
        ],
    },
    {
        "article": "ky-bishkek-budget-debate",
        "thread": [
            (
                "Бакыт",
                "Талкуу ачык болгону жакшы. Эми ар бир райондун сметасын да көрсөтүшсүн.",
                "approved",
            ),
            (
                "Айпери",
                "Туура айтасыз, биздин көчөдөгү жолду качан оңдошоорун билгим келет.",
                "approved",
            ),
        ],
    },
]
