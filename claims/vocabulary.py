"""The words the detector and the desk share: what kind of statement a claim is, and what an
entity is. Plain enums with no database behind them, so the detector can use them without
loading SQLAlchemy, and the models store exactly these values."""

from __future__ import annotations

import enum


class ClaimKind(str, enum.Enum):
    """What sort of statement a claim is; a prediction cannot be confirmed until it happens."""

    FACT = "fact"
    PREDICTION = "prediction"
    QUOTE = "quote"
    OPINION = "opinion"


class EntityLabel(str, enum.Enum):
    """What an entity is."""

    ORGANIZATION = "organization"
    PERSON = "person"
    PLACE = "place"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
