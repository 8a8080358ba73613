"""Korean particles: the endings written onto a name with no space (트럼프는, 서울에서).

Data apart from the rule that reads it (`core.search.ends_before_a_particle`), as spaCy keeps its
language data. Korean puts spaces between words, but a particle is part of the word it follows,
so a name is seldom a word of its own: "트럼프" stands alone in "트럼프 대통령" and nowhere in
"트럼프는 … 트럼프가 … 트럼프의". Only particles belong here, never endings that make another
word of the name: "미국인" (an American) is no mention of "미국", so 인 is left out, and so
is 행 of "한국은행" (the Bank of Korea), which is why a particle must end the word.
"""

from __future__ import annotations

KOREAN_PARTICLES: frozenset[str] = frozenset(
    {
        "은",
        "는",
        "이",
        "가",
        "을",
        "를",
        "의",
        "에",
        "에서",
        "에게",
        "와",
        "과",
        "도",
        "만",
        "로",
        "으로",
        "이나",
        "나",
        "께서",
        "부터",
        "까지",
        "보다",
        "처럼",
    }
)
