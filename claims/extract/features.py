"""Sentence features shared by the training script and run-time scoring.

Training and scoring must turn a sentence into exactly the same feature names,
so both go through :func:`sentence_features`.
"""

import re

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_DIGIT = re.compile(r"\d")
_PERCENT = re.compile(r"\d\s?(?:%|per ?cent\b|percent\b)", re.I)
_MONEY = re.compile(r"[$€£¥]\s?\d|\d\s?(?:dollars?|euros?|pounds|yuan|bn|billion|million|trillion)\b", re.I)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i’m|me|my|we|we're|we’re|our|us)\b")
_CAPITALISED = re.compile(r"(?<=[^.!?\s]\s)[A-Z][a-z]+")


def sentence_features(sentence: str) -> list[str]:
    """Word 1-2 grams, character 3-5 grams within words, and a few shape cues.

    Digits are folded to 0 so that "1.13bn" and "2.5bn" share evidence.
    """
    lowered, words = sentence_words(sentence)
    features = [feature for word in words for feature in word_features(word)]
    return features + sentence_level_features(sentence, lowered, words)


def sentence_words(sentence: str) -> tuple[str, list[str]]:
    """(lower-cased sentence with digits folded, its words)."""
    lowered = _DIGIT.sub("0", sentence.lower())
    return lowered, _WORD.findall(lowered)


def word_features(word: str) -> list[str]:
    """Features that depend on one word alone, so scoring can cache them per word."""
    padded = f" {word} "
    size = len(padded)
    return [f"w:{word}"] + [f"c:{padded[i : i + n]}" for n in (3, 4, 5) for i in range(size - n + 1)]


def sentence_level_features(sentence: str, lowered: str, words: list[str]) -> list[str]:
    """Word pairs and shape cues, which need the whole sentence."""
    pairs = [f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    return pairs + _shape_features(sentence, lowered, len(words))


def _shape_features(sentence: str, lowered: str, word_count: int) -> list[str]:
    """Cues that n-grams see poorly: numbers, amounts, names, length, questions."""
    shape = []
    if _DIGIT.search(sentence):  # percentages, amounts and years all have a digit
        shape.append("h:number")
        if _PERCENT.search(sentence):
            shape.append("h:percent")
        if _MONEY.search(sentence):
            shape.append("h:money")
        if _YEAR.search(sentence):
            shape.append("h:year")
    names = len(_CAPITALISED.findall(sentence))
    if names:
        shape.append("h:names" if names == 1 else "h:names2")
    if _FIRST_PERSON.search(lowered):
        shape.append("h:first_person")
    if sentence.rstrip().endswith("?"):
        shape.append("h:question")
    if word_count < 6:
        shape.append("h:short")
    elif word_count > 30:
        shape.append("h:long")
    return shape
