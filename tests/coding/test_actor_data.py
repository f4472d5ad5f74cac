"""The people of leaders.yaml beyond heads of state and government, resolved as of a date:
ministers, envoys, speakers, the opposition, armed groups' leaders, organisations' officials."""

from __future__ import annotations

from datetime import date

import pytest

from irinsider.coding import load_nlp
from irinsider.coding.actors import load_actors


def resolve(text: str, head: str, when: date) -> str | None:
    nlp = load_nlp()
    actors = load_actors()
    doc = nlp(text)
    marks = actors.mark(nlp, doc)
    (tok,) = [t for t in doc if t.text == head]
    found = actors.resolve(tok, marks, when)
    return found.code if found else None


@pytest.mark.parametrize(
    ("text", "head", "when", "code"),
    [
        # interior, finance and other ministers, spokespeople, security advisers
        ("Mayorkas met his Mexican counterpart.", "Mayorkas", date(2023, 5, 1), "USAGOV"),
        ("Peskov said nothing.", "Peskov", date(2022, 3, 1), "RUSGOV"),
        ("Ajit Doval flew to Moscow.", "Doval", date(2024, 9, 11), "INDGOV"),
        ("Theresa May spoke.", "May", date(2012, 6, 1), "GBRGOV"),
        # speakers of parliament are the legislature
        ("Nancy Pelosi landed in Taipei.", "Pelosi", date(2022, 8, 2), "USALEG"),
        ("Nabih Berri received the envoy.", "Berri", date(2024, 11, 1), "LBNLEG"),
        # the opposition, in and out of office
        ("Keir Starmer criticised the government.", "Starmer", date(2022, 1, 1), "GBROPP"),
        ("Keir Starmer met Macron.", "Starmer", date(2025, 1, 1), "GBRGOV"),
        ("Navalny was arrested.", "Navalny", date(2021, 1, 17), "RUSOPP"),
        ("Juan Guaidó spoke.", "Guaidó", date(2020, 1, 1), "VENOPP"),
        # rebel and militant leaders: the group's country and sector, or its own code
        ("Hassan Nasrallah spoke.", "Nasrallah", date(2020, 1, 1), "LBNREB"),
        ("Yahya Sinwar spoke.", "Sinwar", date(2023, 1, 1), "PSEREB"),
        ("Prigozhin marched on Moscow.", "Prigozhin", date(2023, 6, 24), "RUSUAF"),
        ("Osama bin Laden spoke.", "Laden", date(2004, 10, 29), "IMGMOSALQ"),
        # a Taliban leader before and after the Taliban took Kabul
        ("Hibatullah Akhundzada spoke.", "Akhundzada", date(2019, 1, 1), "AFGREB"),
        ("Hibatullah Akhundzada spoke.", "Akhundzada", date(2022, 1, 1), "AFGGOV"),
        # officials of organisations act for the organisation
        ("Rafael Grossi visited Tehran.", "Grossi", date(2023, 3, 4), "IGOUNOIAE"),
        ("Kristalina Georgieva spoke.", "Georgieva", date(2023, 3, 20), "IGOUNOIMF"),
        ("Christine Lagarde spoke.", "Lagarde", date(2015, 1, 1), "IGOUNOIMF"),
        ("Christine Lagarde spoke.", "Lagarde", date(2022, 1, 1), "IGOEUREECECB"),
        ("Moussa Faki spoke.", "Faki", date(2020, 1, 1), "IGOAFRAFUCOM"),
        ("Hans Grundberg met the Houthis.", "Grundberg", date(2023, 4, 1), "IGOUNO"),
        # Kosovo's leaders, with Kosovo's code
        ("Albin Kurti accused Belgrade.", "Kurti", date(2023, 9, 29), "KSVGOV"),
        ("Özgür Özel criticised Erdoğan.", "Özel", date(2024, 5, 1), "TUROPP"),
        ("Abdullah Öcalan called on the PKK to disarm.", "Öcalan", date(2025, 2, 27),
         "TURREB"),
        ("Roberta Metsola visited Kyiv.", "Metsola", date(2022, 4, 1), "IGOEUREECPRL"),
        ("Friedrich Merz criticised Scholz.", "Merz", date(2023, 1, 1), "DEUOPP"),
        ("Peter Dutton attacked the government.", "Dutton", date(2023, 6, 1), "AUSOPP"),
        ("Matteo Salvini closed the ports.", "Salvini", date(2018, 6, 11), "ITAGOV"),
        ("Omar García Harfuch spoke.", "Harfuch", date(2025, 1, 1), "MEXGOV"),
        # peoples with one home state are its ethnic groups; tribesmen are placed by where
        ("China detained thousands of Uyghurs.", "Uyghurs", date(2020, 1, 1), "CHNETH"),
        ("Rohingya crossed the border.", "Rohingya", date(2017, 9, 1), "MMRETH"),
        # ... and a sector word at the head says more: Myanmar's refugees, China's activists
        ("Rohingya refugees crossed the border.", "refugees", date(2017, 9, 1), "MMRREF"),
        ("Uyghur activists spoke.", "activists", date(2020, 1, 1), "CHNCVL"),
        ("Gunmen abducted Yazidis.", "Yazidis", date(2014, 8, 3), "IRQETH"),
        ("Pashtun tribesmen in Pakistan blocked the road.", "tribesmen", date(2020, 1, 1),
         "PAKETH"),
        ("Coptic Christians prayed.", "Christians", date(2020, 1, 1), "EGYREL"),
        # out of office: an elite of the country
        ("Mike Pompeo spoke.", "Pompeo", date(2023, 1, 1), "USAELI"),
        ("John Bolton spoke.", "Bolton", date(2022, 1, 1), "USAELI"),
    ],
)
def test_people_by_date(text: str, head: str, when: date, code: str) -> None:
    assert resolve(text, head, when) == code
