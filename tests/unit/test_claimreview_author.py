"""ClaimReview names who made a claim with the schema.org type that fits: a person or an organisation."""

import pytest

from claims.claimreview import author_type


@pytest.mark.parametrize(
    ("claimant", "expected"),
    [
        ("Jim Carrey", "Person"),
        ("Park Ji-hoon", "Person"),
        ("Mr Kebede", "Person"),
        ("Ghana", "Organization"),  # a country that announces something is its government
        ("Nigeria", "Organization"),
        ("Stuff Magazine", "Organization"),
        ("Office for National Statistics", "Organization"),
        ("Peoples Democratic Party", "Organization"),
        ("Reuters", "Organization"),
    ],
)
def test_author_type(claimant: str, expected: str) -> None:
    assert author_type(claimant, is_outlet=False) == expected


def test_the_outlet_is_an_organisation_whatever_its_name() -> None:
    assert author_type("Jane Roe", is_outlet=True) == "Organization"
