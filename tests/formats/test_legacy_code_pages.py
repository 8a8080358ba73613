"""News sentences saved in the code pages of their newsrooms decode to their own words, or are
refused with the advice to save them as UTF-8: never imported as another code page's mojibake.

charset-normalizer's best guess for a short legacy file is often a look-alike: KOI8-U Ukrainian
came in as Shift-JIS, Polish Windows-1250 as Mac Iceland, Czech, Hungarian and Romanian as
Windows-1252 ("pøíjmù", "preþurile"), Lithuanian and Turkish as "ðiandien" and "Ýstanbul", Greek
and Hebrew as Cyrillic, Vietnamese Windows-1258 as "Viêòt", DOS German as Japanese.
"""

from __future__ import annotations

import unicodedata

import pytest

from annotator.core.errors import InputFileError
from annotator.formats.decoding import decode

_NEWS: list[tuple[str, tuple[str, ...]]] = [
    # Russian, Ukrainian, Bulgarian, Serbian
    ("Министр сказал, что налоги снизились на пять процентов.", ("cp1251", "koi8_r", "cp866")),
    ("В Москве в понедельник открылся новый мост через реку.", ("cp1251", "koi8_r", "cp866")),
    ("Цены на бензин выросли на 3% за неделю, сообщило агентство «Интерфакс».", ("cp1251",)),
    ("«Мы не допустим роста цен», — заявил премьер.", ("cp1251",)),
    ("Президент подписал указ о повышении пенсий.", ("cp1251", "koi8_r", "cp866")),
    ("Уряд України ухвалив новий бюджет на наступний рік.", ("cp1251", "koi8_u")),
    ("Київська міська рада підтримала ініціативу щодо ремонту шкіл.", ("cp1251", "koi8_u")),
    ("Ґрунтові води піднялися після дощів у Львівській області.", ("cp1251", "koi8_u")),
    ("Правителството обяви нови мерки срещу инфлацията в България.", ("cp1251", "cp866")),
    ("Кметът на София каза, че ремонтът ще приключи през юни.", ("cp1251", "cp866")),
    ("Влада Србије је усвојила нови закон о порезима.", ("cp1251", "iso8859_5")),
    # Polish, Czech, Slovene, Hungarian, Romanian
    ("Łódź i Kraków to duże miasta w Polsce, a ceny rosną.", ("cp1250", "iso8859_2")),
    ("Rząd zapowiedział, że podatki spadną o pięć procent w przyszłym roku.", ("cp1250", "iso8859_2")),
    ("Żołnierze wrócili do Gdańska po ćwiczeniach na Śląsku.", ("cp1250", "iso8859_2")),
    ("Vláda v úterý schválila nový zákon o daních z příjmů.", ("cp1250", "iso8859_2")),
    ("Ceny potravin v České republice vzrostly o čtyři procenta.", ("cp1250", "iso8859_2")),
    ("Vlada je v četrtek sprejela nov zakon o davkih.", ("cp1250", "iso8859_2")),
    ("Vlada je najavila smanjenje poreza, rekao je ministar financija u Zagrebu.", ("cp1250",)),
    ("A kormány szerdán bejelentette, hogy csökkenti az adókat.", ("cp1250", "iso8859_2")),
    ("Budapesten őszre elkészül az új híd, mondta a polgármester.", ("cp1250", "iso8859_2")),
    ("Guvernul a anunţat că preţurile la energie vor scădea în această iarnă.", ("cp1250", "iso8859_2")),
    ("Primăria Bucureşti a spus că lucrările se vor termina în mai.", ("cp1250", "iso8859_2")),
    # Baltic
    ("Vilniuje šiandien lyja, o kainos kyla.", ("cp1257",)),
    ("Lietuvos vyriausybė pritarė naujam biudžetui ateinantiems metams.", ("cp1257",)),
    ("Seimas priėmė naują mokesčių įstatymą.", ("cp1257",)),
    ("Rīgā šodien notika protests pret cenu kāpumu.", ("cp1257",)),
    ("Eesti valitsus kinnitas järgmise aasta eelarve, ütles peaminister.", ("cp1257",)),
    ("Tallinna linnavalitsus otsustas bussipiletite hinda tõsta.", ("cp1257",)),
    # Turkish
    ("İstanbul’da hava güzel, fiyatlar artıyor.", ("cp1254",)),
    ("Hükümet, enflasyonun yılsonunda düşeceğini açıkladı.", ("cp1254",)),
    ("Ankara’daki toplantıda bakanlar vergi indirimini görüştü.", ("cp1254",)),
    ("Türkiye’de enflasyon eylülde yüzde 5 düştü.", ("cp1254",)),
    # Greek, Hebrew, Arabic
    ("Η κυβέρνηση είπε ότι οι φόροι θα μειωθούν τον επόμενο χρόνο.", ("cp1253", "iso8859_7")),
    ("Ο δήμαρχος της Αθήνας ανακοίνωσε νέα μέτρα για την κυκλοφορία.", ("cp1253", "iso8859_7")),
    ("Οι τιμές των καυσίμων αυξήθηκαν κατά 5% τον Μάρτιο.", ("cp1253", "iso8859_7")),
    ("הממשלה הודיעה היום על הורדת מסים בשנה הבאה.", ("cp1255",)),
    ("ראש העיר תל אביב אמר כי העבודות יסתיימו בחודש מאי.", ("cp1255",)),
    ("מחירי הדלק עלו ב-5% בחודש מרץ, כך נמסר.", ("cp1255",)),
    ("أعلنت الحكومة اليوم عن خفض الضرائب في العام المقبل.", ("cp1256",)),
    ("قال وزير المالية إن الأسعار ارتفعت بنسبة خمسة في المئة.", ("cp1256",)),
    # Vietnamese
    ("Chính phủ Việt Nam công bố ngân sách mới cho năm tới.", ("cp1258",)),
    ("Giá xăng dầu tăng mạnh trong tuần qua tại Hà Nội.", ("cp1258",)),
    # Western, from Windows and DOS
    ("Der Preis für Öl stieg in München um 5 %.", ("cp850", "cp1252")),
    ("Die Bürger in Köln müssen ab März höhere Gebühren zahlen.", ("cp850", "cp1252")),
    ("Die Straße in Düsseldorf wird gesperrt, teilte die Stadt mit.", ("cp850", "cp1252")),
    ("Le prix du café a augmenté de 5 € en un an, selon l’Insee.", ("cp1252",)),
    ("L'État prévoit une hausse de 3 % des salaires, a déclaré le ministre.", ("cp1252", "iso8859_15")),
    ("The council’s budget rose to £120m — “too much”, critics said.", ("cp1252",)),
    ("He visited the café on Monday.", ("cp1252",)),
    ("¿Qué pasará con los precios? El ministro no respondió.", ("cp1252",)),
    ("O preço da gasolina subiu €0,10 em São Paulo e Brasília.", ("cp1252",)),
    ("Prisen på smør steg med 5 % i Århus, sagde ministeren.", ("cp1252",)),
    ("Regeringen i Göteborg sänker skatten nästa år, säger ministern.", ("cp1252",)),
    ("Hallitus päätti leikata veroja ensi vuonna, kertoi ministeri.", ("cp1252",)),
    ("Il governo ha detto che l’economia crescerà più del previsto.", ("cp1252",)),
    ("Ríkisstjórnin þarf að lækka skatta á næsta ári, sagði ráðherra.", ("cp1252",)),
    # East Asian multi-byte encodings stay as they are
    ("政府は来年度の予算案を閣議決定したと発表した。", ("shift_jis", "euc_jp")),
    ("政府今天宣布明年将降低税收，以支持经济增长。", ("gbk",)),
    ("政府今天宣布明年將降低稅收，以支持經濟成長。", ("big5",)),
    ("정부는 내년에 세금을 낮추겠다고 발표했다.", ("euc_kr",)),
]
NEWS = [(text, codec) for text, codecs in _NEWS for codec in codecs]
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _encode(text: str, codec: str) -> bytes:
    """`text` as a program saving in `codec` writes it: Windows-1258 has letters for the
    Vietnamese vowels but writes the five tone marks as combining characters after them."""
    if codec != "cp1258":
        return text.encode(codec)
    letters = []
    for letter in text:
        parts = unicodedata.normalize("NFD", letter)
        tones = "".join(part for part in parts if part in _TONE_MARKS)
        vowel = unicodedata.normalize("NFC", "".join(part for part in parts if part not in _TONE_MARKS))
        letters.append(vowel + tones)
    return "".join(letters).encode(codec)


@pytest.mark.parametrize("ending", ["\n", ""], ids=["line", "no-line-end"])
@pytest.mark.parametrize(("text", "codec"), NEWS, ids=[f"{codec}-{i}" for i, (_, codec) in enumerate(NEWS)])
def test_news_in_a_legacy_code_page_reads_as_its_own_words_or_is_refused(
    text: str, codec: str, ending: str
) -> None:
    data = _encode(text + ending, codec)
    try:
        decoded, encoding = decode(data, "article.txt")
    except InputFileError as refused:
        assert "save the file as UTF-8" in refused.reason
        return
    assert unicodedata.normalize("NFC", decoded) == text + ending, encoding
