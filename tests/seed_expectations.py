"""What the seed page must give when imported (issue: foundation, "Show").

The strings are the few the acceptance test must compare against; the seed's text
itself is read from ../shared/seed at test time and never copied into the project.
"""

SUBHEADINGS = [
    "Historical Context of the Visit",
    "Personal Trust as the Basis for Cooperation",
    "Economic Ties: From Dependency to Mutual Benefit",
    "Energy Cooperation as a Strategic Aspect",
    "Humanitarian Ties: The Foundation of True Partnership",
    "Security as a Zone of Common Interest",
    "The Visit of Prominent Businessmen as a Signal for Investors",
    "Conclusion: A Quality Alliance",
]
SPEAKER = "Sadyr Japarov"
AUTHOR = "Арестова Татьяна"  # as the byline is written
AUTHOR_LATIN = "Tatyana Arestova"  # as the English edition shows it
RUBRIC = "Politics"
LISTS = [
    [
        "over 1,800 Russian companies",
        "investments amounting to nearly 2 billion dollars",
        "the logistics infrastructure is transforming, making Kyrgyzstan a link between Russia "
        "and external markets",
    ],
    [
        "solar and wind power plants",
        "digital energy",
        "joint projects in the field of peaceful nuclear energy",
    ],
    [
        "has withstood the test of time",
        "has strengthened in the fields of culture and education",
        "has become the foundation of economic reciprocity",
        "has acquired geopolitical depth",
        "and is perceived by both sides as part of the strategic future of their states",
    ],
]
